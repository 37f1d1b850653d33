"""An event's door list, kept in memory while the kiosk runs so that typing a name finds
people at once among thousands. The store stays the truth; the roster is rebuilt from it.

Whether someone typed at the door is already on the list is decided by the one
duplicate-person rule, `app.core.people_match`.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass, field
from datetime import datetime
from operator import attrgetter

from sqlmodel import Session, select

from app.core.models import CheckIn, Event, Registration
from app.core.models.events import EventStatus
from app.core.normalize import person_name
from app.core.people_match import MatchLevel, PersonKey, email_key, match_people, phone_key
from app.core.validation import FieldError
from app.services import records
from app.store.engine import Store


def search_words(text: str) -> str:
    """Name words for typing a prefix: case and accents ignored, and an apostrophe splits
    words as a hyphen does, so "brien" finds O'Brien."""
    return person_name(text.replace("'", " ").replace("\u2019", " "))


@dataclass
class RosterEntry:
    registration_id: str
    name: str
    words: tuple[str, ...]
    phone_digits: str
    email: str
    participant_id: str | None
    walk_in: bool
    checked_in_at: datetime | None = None
    #: " word word word": a typed word is a prefix of a name word when " " + typed is in it.
    spaced: str = ""
    sort_name: str = ""

    @property
    def key(self) -> PersonKey:
        return PersonKey(self.name, self.phone_digits, self.email)


@dataclass
class Roster:
    """Everyone registered for one event, searchable as the BSR types."""

    event_id: str
    entries: dict[str, RosterEntry] = field(default_factory=dict)
    by_phone: dict[str, list[str]] = field(default_factory=dict)
    by_email: dict[str, list[str]] = field(default_factory=dict)
    by_participant: dict[str, str] = field(default_factory=dict)
    _last: tuple[str, list[RosterEntry]] = ("", [])

    def add(self, reg: Registration, checked_in_at: datetime | None = None) -> RosterEntry:
        words = search_words(reg.name)
        entry = RosterEntry(
            reg.id,
            reg.name,
            tuple(words.split()),
            phone_key(reg.phone),
            email_key(reg.email),
            reg.participant_id,
            reg.walk_in,
            checked_in_at,
            " " + words,
            reg.name.casefold(),
        )
        self.entries[reg.id] = entry
        self._last = ("", [])
        if entry.phone_digits:
            self.by_phone.setdefault(entry.phone_digits, []).append(reg.id)
        if entry.email:
            self.by_email.setdefault(entry.email, []).append(reg.id)
        if reg.participant_id:
            self.by_participant.setdefault(reg.participant_id, reg.id)
        return entry

    def search(self, text: str, limit: int = 12) -> list[RosterEntry]:
        """People whose name words start with every typed word, or whose phone holds the
        typed digits, or whose email starts with the text. Not yet checked in first."""
        query = text.strip().casefold()
        if not query:
            return []
        phone_like = not any(ch.isalpha() or ch == "@" for ch in query)
        query_digits = "".join(ch for ch in query if ch.isdigit())
        entries = self.entries.values()
        if phone_like:
            if len(query_digits) < 3:
                return []
            hits = [e for e in entries if query_digits in e.phone_digits]
        elif "@" in query:
            hits = [e for e in entries if e.email.startswith(query)]
        else:
            # Typing forward only narrows: search within the last full result.
            last_query, last_hits = self._last
            pool = last_hits if last_query and query.startswith(last_query) else entries
            needles = sorted((" " + w for w in search_words(query).split()), key=len, reverse=True)
            hits = list(pool)
            for needle in needles:
                hits = [e for e in hits if needle in e.spaced]
            self._last = (query, hits)
        by_name = attrgetter("sort_name")
        waiting = heapq.nsmallest(limit, (e for e in hits if e.checked_in_at is None), by_name)
        if len(waiting) < limit:
            here = (e for e in hits if e.checked_in_at is not None)
            waiting += heapq.nsmallest(limit - len(waiting), here, by_name)
        return waiting

    def same_person(
        self, person: PersonKey, participant_id: str | None = None
    ) -> RosterEntry | None:
        """An entry that is this person: the same participant, or one the duplicate rule
        is sure about (a shared phone or email and a near-same name)."""
        if participant_id and participant_id in self.by_participant:
            return self.entries[self.by_participant[participant_id]]
        candidates: list[str] = []
        phone, email = phone_key(person.phone), email_key(person.email)
        if phone:
            candidates += self.by_phone.get(phone, [])
        if email:
            candidates += self.by_email.get(email, [])
        for reg_id in candidates:
            entry = self.entries[reg_id]
            if match_people(entry.key, person).level is MatchLevel.SAME:
                return entry
        return None

    @property
    def checked_in_count(self) -> int:
        return sum(1 for e in self.entries.values() if e.checked_in_at is not None)


def load_roster(store: Store, event_id: str) -> Roster:
    """The roster with who has been checked in (the first check-in of each registration)."""
    roster = Roster(event_id)
    with store.session() as session:
        first: dict[str, datetime] = {}
        for c in session.exec(
            select(CheckIn).where(CheckIn.event_id == event_id, CheckIn.deleted_at.is_(None))
        ):
            if c.registration_id not in first or c.checked_in_at < first[c.registration_id]:
                first[c.registration_id] = c.checked_in_at
        for reg in session.exec(
            select(Registration).where(
                Registration.event_id == event_id, Registration.deleted_at.is_(None)
            )
        ):
            roster.add(reg, first.get(reg.id))
    return roster


def roster_in(session: Session, event_id: str) -> Roster:
    """The roster as this transaction sees it, for catching the same person twice."""
    roster = Roster(event_id)
    for reg in session.exec(
        select(Registration).where(
            Registration.event_id == event_id, Registration.deleted_at.is_(None)
        )
    ):
        roster.add(reg)
    return roster


def open_event(session: Session, event_id: str) -> Event:
    """The event, if people can still be registered and checked in at it."""
    event = records.live(session, Event, event_id)
    if event.status == EventStatus.CANCELLED.value:
        raise FieldError("event", "This event was cancelled.")
    return event
