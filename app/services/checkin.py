"""Who came to an event: registrations, check-ins at the door, and what happened there.

Every check-in is its own committed transaction, so a closed lid or a crash
loses nothing that was confirmed on screen. The roster of an event is kept in
memory while the kiosk runs, so typing a name finds people at once among
thousands; the store stays the truth and the roster is rebuilt from it.
"""

from __future__ import annotations

import hashlib
import heapq
import hmac
import re
import secrets
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from operator import attrgetter

from rapidfuzz import fuzz
from sqlalchemy import or_
from sqlmodel import Session, select

from app.core.ids import new_id, utcnow
from app.core.models import (
    CheckIn,
    Event,
    EventHost,
    EventInteraction,
    Participant,
    Registration,
)
from app.core.models.events import EventStatus, InteractionKind
from app.core.models.people import AgeGroup
from app.core.validation import FieldError, clean_email, clean_phone, clean_zip
from app.services import settings
from app.store.engine import Store

#: Two names at least this similar (rapidfuzz token-sort ratio, 0-100) with the same
#: phone or email are the same person.
NEAR_NAME = 85

KIOSK_EVENT = "kiosk.event_id"
KIOSK_PIN = "kiosk.pin_hash"

_WORD = re.compile(r"\w+", re.UNICODE)


class AlreadyCheckedIn(Exception):
    """The person was checked in before; `at` says when (UTC)."""

    def __init__(self, registration: Registration, at: datetime) -> None:
        super().__init__(f"{registration.name} was already checked in.")
        self.registration = registration
        self.at = at


@dataclass(frozen=True)
class PersonInput:
    """What a BSR types about a person at the door or on a pre-registration list."""

    name: str
    phone: str = ""
    email: str = ""
    zip_code: str = ""
    age_group: str = AgeGroup.ADULT.value
    programs: tuple[str, ...] = ()
    needs_application_help: bool = False


@dataclass(frozen=True)
class CleanPerson:
    name: str
    phone: str
    email: str
    zip_code: str
    age_group: str
    programs: str
    needs_application_help: bool


def clean_person(person: PersonInput, require_contact: bool = True) -> CleanPerson:
    """The values to store, or FieldError naming the box and the reason."""
    name = " ".join(person.name.split())
    if not name:
        raise FieldError("name", "Type the person's name.")
    phone = clean_phone(person.phone, "phone")
    email = clean_email(person.email, "email")
    if require_contact and not phone and not email:
        raise FieldError("phone", "Type a phone number or an email address.")
    zip_code = clean_zip(person.zip_code, "zip_code")
    try:
        age = AgeGroup(person.age_group).value
    except ValueError:
        raise FieldError("age_group", "Age group is youth (16-24) or adult.") from None
    programs = ",".join(dict.fromkeys(p.strip() for p in person.programs if p.strip()))
    return CleanPerson(name, phone, email, zip_code, age, programs, person.needs_application_help)


def digits(phone: str) -> str:
    only = "".join(ch for ch in phone if ch.isdigit())
    return only[-10:]


def name_key(name: str) -> str:
    return " ".join(_WORD.findall(name.casefold()))


def near_same_name(a: str, b: str) -> bool:
    return fuzz.token_sort_ratio(name_key(a), name_key(b)) >= NEAR_NAME


# ---------------------------------------------------------------- the roster


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
        entry = RosterEntry(
            reg.id,
            reg.name,
            tuple(name_key(reg.name).split()),
            digits(reg.phone),
            reg.email.casefold(),
            reg.participant_id,
            reg.walk_in,
            checked_in_at,
            " " + name_key(reg.name),
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
            needles = sorted((" " + w for w in name_key(query).split()), key=len, reverse=True)
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
        self, person: CleanPerson, participant_id: str | None = None
    ) -> RosterEntry | None:
        """An entry that is this person: the same participant, or a near-same name with the
        same phone or email."""
        if participant_id and participant_id in self.by_participant:
            return self.entries[self.by_participant[participant_id]]
        candidates: list[str] = []
        if person.phone:
            candidates += self.by_phone.get(digits(person.phone), [])
        if person.email:
            candidates += self.by_email.get(person.email.casefold(), [])
        for reg_id in candidates:
            entry = self.entries[reg_id]
            if near_same_name(entry.name, person.name):
                return entry
        return None

    @property
    def checked_in_count(self) -> int:
        return sum(1 for e in self.entries.values() if e.checked_in_at is not None)


def load_roster(store: Store, event_id: str) -> Roster:
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


# ---------------------------------------------------------------- participants


def _split_name(name: str) -> tuple[str, str]:
    parts = name.rsplit(" ", 1)
    return (parts[0], parts[1]) if len(parts) == 2 else (name, "")


def _find_participant(session: Session, person: CleanPerson) -> Participant | None:
    conditions = []
    if person.phone:
        conditions.append(Participant.phone == person.phone)
    if person.email:
        conditions.append(Participant.email == person.email)
    if not conditions:
        return None
    for p in session.exec(
        select(Participant).where(
            or_(*conditions), Participant.deleted_at.is_(None), Participant.merged_into.is_(None)
        )
    ):
        if near_same_name(p.full_name, person.name):
            return p
    return None


class ParticipantIndex:
    """Live participants by phone and email, read in one query: for importing long lists
    without one look-up per row."""

    def __init__(self, session: Session) -> None:
        self.by_phone: dict[str, list[Participant]] = {}
        self.by_email: dict[str, list[Participant]] = {}
        for p in session.exec(
            select(Participant).where(
                Participant.deleted_at.is_(None), Participant.merged_into.is_(None)
            )
        ):
            self.add(p)

    def add(self, p: Participant) -> None:
        if p.phone:
            self.by_phone.setdefault(p.phone, []).append(p)
        if p.email:
            self.by_email.setdefault(p.email, []).append(p)

    def find(self, person: CleanPerson) -> Participant | None:
        candidates = self.by_phone.get(person.phone, []) if person.phone else []
        candidates = candidates + (self.by_email.get(person.email, []) if person.email else [])
        return next((p for p in candidates if near_same_name(p.full_name, person.name)), None)


def link_participant(
    session: Session,
    person: CleanPerson,
    staff_id: str | None,
    found: Participant | None = None,
    index: ParticipantIndex | None = None,
) -> Participant:
    """The one participant record for this person: `found` (or found by phone or email with
    a near-same name), else created. Blank fields of an existing record are filled in,
    never overwritten."""
    if found is None:
        found = index.find(person) if index is not None else _find_participant(session, person)
    if found is not None:
        changed = False
        for attr in ("phone", "email", "zip_code"):
            if not getattr(found, attr) and getattr(person, attr):
                setattr(found, attr, getattr(person, attr))
                changed = True
        if person.programs:
            merged = ",".join(dict.fromkeys([*found.program_codes, *person.programs.split(",")]))
            if merged != found.programs:
                found.programs = merged
                changed = True
        if changed:
            found.updated_at = utcnow()
            session.add(found)
        return found
    first, last = _split_name(person.name)
    created = Participant(
        first_name=first,
        last_name=last,
        phone=person.phone,
        email=person.email,
        zip_code=person.zip_code,
        age_group=person.age_group,
        programs=person.programs,
        staff_id=staff_id,
    )
    session.add(created)
    if index is not None:
        index.add(created)
    return created


# ---------------------------------------------------------------- registering and checking in


@dataclass(frozen=True)
class WalkInResult:
    """What happened at the door: a new walk-in, or a person who was already on the list."""

    registration_id: str
    name: str
    checked_in_at: datetime
    was_registered: bool


def register(
    store: Store,
    event_id: str,
    person: PersonInput,
    *,
    source: str = "by hand",
    staff_id: str | None = None,
    roster: Roster | None = None,
) -> Registration:
    """Pre-register one person (by hand). A person already on the list is refused."""
    clean = clean_person(person, require_contact=False)
    with store.transaction() as session:
        _event(session, event_id)
        existing = (roster or _roster_for(session, event_id)).same_person(clean)
        if existing is not None:
            raise FieldError("name", f"{existing.name} is already on this event's list.")
        reg = _registration(
            session, event_id, clean, walk_in=False, source=source, staff_id=staff_id
        )
    if roster is not None:
        roster.add(reg)
    return reg


def _roster_for(session: Session, event_id: str) -> Roster:
    roster = Roster(event_id)
    for reg in session.exec(
        select(Registration).where(
            Registration.event_id == event_id, Registration.deleted_at.is_(None)
        )
    ):
        roster.add(reg)
    return roster


def _registration(
    session: Session,
    event_id: str,
    clean: CleanPerson,
    *,
    walk_in: bool,
    source: str,
    staff_id: str | None,
    found: Participant | None = None,
    index: ParticipantIndex | None = None,
) -> Registration:
    participant = (
        link_participant(session, clean, staff_id, found, index)
        if (clean.phone or clean.email)
        else None
    )
    reg = Registration(
        id=new_id(),
        event_id=event_id,
        participant_id=participant.id if participant else None,
        name=clean.name,
        phone=clean.phone,
        email=clean.email,
        zip_code=clean.zip_code,
        age_group=clean.age_group,
        programs=clean.programs,
        needs_application_help=clean.needs_application_help,
        walk_in=walk_in,
        source=source,
    )
    session.add(reg)
    return reg


def _event(session: Session, event_id: str) -> Event:
    event = session.get(Event, event_id)
    if event is None or event.deleted_at is not None:
        raise LookupError("This event no longer exists.")
    if event.status == EventStatus.CANCELLED.value:
        raise FieldError("event", "This event was cancelled.")
    return event


def check_in(
    store: Store,
    roster: Roster,
    registration_id: str,
    staff_id: str | None,
    at: datetime | None = None,
) -> WalkInResult:
    """Check a registered person in, committed at once; AlreadyCheckedIn the second time.

    `at` backdates a check-in typed in later from a paper sign-in sheet.
    """
    entry = roster.entries.get(registration_id)
    if entry is None:
        raise LookupError("This person is not on this event's list.")
    if entry.checked_in_at is not None:
        with store.session() as session:
            reg = session.get(Registration, registration_id)
        assert reg is not None
        raise AlreadyCheckedIn(reg, entry.checked_in_at)
    now = at or utcnow()
    with store.transaction() as session:
        session.add(
            CheckIn(
                event_id=roster.event_id,
                registration_id=registration_id,
                participant_id=entry.participant_id,
                checked_in_at=now,
                staff_id=staff_id,
                walk_in=entry.walk_in,
            )
        )
    entry.checked_in_at = now
    return WalkInResult(registration_id, entry.name, now, True)


def walk_in(
    store: Store,
    roster: Roster,
    person: PersonInput,
    staff_id: str | None,
    at: datetime | None = None,
) -> WalkInResult:
    """Register and check in a person at the door, in one committed transaction.

    The same person twice is caught: someone already on the list is checked in
    on their registration (or AlreadyCheckedIn when they were), never added again.
    """
    clean = clean_person(person)
    existing = roster.same_person(clean)
    if existing is not None:
        return check_in(store, roster, existing.registration_id, staff_id, at)
    now = at or utcnow()
    with store.transaction() as session:
        _event(session, roster.event_id)
        known = _find_participant(session, clean)
        reg = None
        if known is not None and known.id in roster.by_participant:
            # On the list under another spelling or contact: check that registration in.
            existing = roster.entries[roster.by_participant[known.id]]
        else:
            reg = _registration(
                session,
                roster.event_id,
                clean,
                walk_in=True,
                source="walk-in",
                staff_id=staff_id,
                found=known,
            )
            session.add(
                CheckIn(
                    event_id=roster.event_id,
                    registration_id=reg.id,
                    participant_id=reg.participant_id,
                    checked_in_at=now,
                    staff_id=staff_id,
                    walk_in=True,
                )
            )
    if reg is None:
        assert existing is not None
        return check_in(store, roster, existing.registration_id, staff_id, at)
    roster.add(reg, now)
    return WalkInResult(reg.id, reg.name, now, False)


def record_interaction(
    store: Store,
    event_id: str,
    registration_id: str,
    kind: InteractionKind | str,
    employer_id: str,
    staff_id: str | None,
    note: str = "",
    at: datetime | None = None,
) -> EventInteraction:
    """ "Helped with an application to X", "met employer X", "interview set with X"."""
    kind = InteractionKind(kind)
    with store.transaction() as session:
        reg = session.get(Registration, registration_id)
        if reg is None or reg.event_id != event_id:
            raise LookupError("This person is not on this event's list.")
        row = EventInteraction(
            event_id=event_id,
            registration_id=registration_id,
            participant_id=reg.participant_id,
            employer_id=employer_id,
            kind=kind.value,
            occurred_at=at or utcnow(),
            staff_id=staff_id,
            note=note.strip(),
        )
        session.add(row)
    return row


def event_employers(store: Store, event_id: str) -> list[tuple[str, str]]:
    """(employer id, name) of the event's hosts, for the interaction buttons."""
    from app.core.models import Employer

    with store.session() as session:
        rows = session.exec(
            select(Employer)
            .join(EventHost, EventHost.employer_id == Employer.id)
            .where(EventHost.event_id == event_id, EventHost.deleted_at.is_(None))
            .order_by(Employer.legal_name)
        )
        return [(e.id, e.dba_name or e.legal_name) for e in rows]


def registrations(store: Store, event_id: str) -> list[Registration]:
    with store.session() as session:
        return list(
            session.exec(
                select(Registration)
                .where(Registration.event_id == event_id, Registration.deleted_at.is_(None))
                .order_by(Registration.name)
            )
        )


def bulk_register(
    store: Store, event_id: str, people: Iterable[PersonInput], source: str
) -> tuple[int, int]:
    """Add many pre-registered people in one transaction: (added, already on the list)."""
    added = skipped = 0
    with store.transaction() as session:
        _event(session, event_id)
        roster = _roster_for(session, event_id)
        index = ParticipantIndex(session)
        for person in people:
            clean = clean_person(person, require_contact=False)
            if roster.same_person(clean) is not None:
                skipped += 1
                continue
            reg = _registration(
                session, event_id, clean, walk_in=False, source=source, staff_id=None, index=index
            )
            roster.add(reg)
            added += 1
    return added, skipped


# ---------------------------------------------------------------- kiosk mode and its PIN


def _pin_hash(pin: str, salt: bytes) -> bytes:
    return hashlib.scrypt(pin.encode(), salt=salt, n=2**14, r=8, p=1, dklen=32)


def set_kiosk_pin(store: Store, pin: str) -> None:
    """Keep a salted scrypt hash of the PIN, never the PIN itself."""
    if not re.fullmatch(r"\d{4,8}", pin):
        raise FieldError("pin", "The PIN is 4 to 8 digits.")
    salt = secrets.token_bytes(16)
    settings.put(store, KIOSK_PIN, {"salt": salt.hex(), "hash": _pin_hash(pin, salt).hex()})


def has_kiosk_pin(store: Store) -> bool:
    return bool(settings.get(store, KIOSK_PIN))


def check_kiosk_pin(store: Store, pin: str) -> bool:
    stored = settings.get(store, KIOSK_PIN)
    if not stored:
        return False
    expected = bytes.fromhex(stored["hash"])
    return hmac.compare_digest(_pin_hash(pin, bytes.fromhex(stored["salt"])), expected)


def start_kiosk(store: Store, event_id: str) -> None:
    """Mark the event running and remember it, so a restart reopens the kiosk on it."""
    with store.transaction() as session:
        event = _event(session, event_id)
        event.status = EventStatus.RUNNING.value
        event.updated_at = utcnow()
        session.add(event)
    settings.put(store, KIOSK_EVENT, event_id)


def kiosk_event_id(store: Store) -> str | None:
    """The event the kiosk was open on when the app last stopped, if it is still running."""
    event_id = settings.get(store, KIOSK_EVENT)
    if not event_id:
        return None
    with store.session() as session:
        event = session.get(Event, event_id)
    if event is None or event.deleted_at is not None or event.status != EventStatus.RUNNING.value:
        return None
    return event_id


def leave_kiosk(store: Store) -> None:
    settings.put(store, KIOSK_EVENT, None)
