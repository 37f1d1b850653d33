"""Who came to an event: registrations, check-ins at the door, and what happened there.

Every check-in is its own committed transaction, so a closed lid or a crash
loses nothing that was confirmed on screen. The door list searched as the BSR
types is `app.services.events.roster`; kiosk mode and its PIN are `app.services.events.kiosk_mode`;
whether two records are one person is `app.core.people_match`. Their names are
importable from here too, as they always were.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import or_
from sqlmodel import Session, select

from app.core.ids import new_id, utcnow
from app.core.models import (
    CheckIn,
    EventHost,
    EventInteraction,
    Participant,
    Registration,
)
from app.core.models.events import InteractionKind
from app.core.models.people import AgeGroup
from app.core.people_match import MatchLevel, PersonKey, email_key, match_people, phone_key
from app.core.validation import FieldError, clean_email, clean_phone, clean_zip
from app.services.events.kiosk_mode import (
    KIOSK_EVENT,
    KIOSK_PIN,
    check_kiosk_pin,
    has_kiosk_pin,
    kiosk_event_id,
    leave_kiosk,
    set_kiosk_pin,
    start_kiosk,
)
from app.services.events.roster import Roster, RosterEntry, load_roster, open_event, roster_in
from app.store.engine import Store

__all__ = [
    "KIOSK_EVENT",
    "KIOSK_PIN",
    "AlreadyCheckedIn",
    "CleanPerson",
    "ParticipantIndex",
    "PersonInput",
    "Roster",
    "RosterEntry",
    "WalkInResult",
    "bulk_register",
    "check_in",
    "check_kiosk_pin",
    "clean_person",
    "event_employers",
    "has_kiosk_pin",
    "kiosk_event_id",
    "leave_kiosk",
    "link_participant",
    "load_roster",
    "record_interaction",
    "register",
    "registrations",
    "set_kiosk_pin",
    "start_kiosk",
    "walk_in",
]


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

    @property
    def key(self) -> PersonKey:
        return PersonKey(self.name, self.phone, self.email)


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


# ---------------------------------------------------------------- participants


def _split_name(name: str) -> tuple[str, str]:
    parts = name.rsplit(" ", 1)
    return (parts[0], parts[1]) if len(parts) == 2 else (name, "")


def _is_same(p: Participant, person: CleanPerson) -> bool:
    """The duplicate rule is sure enough to link without asking."""
    return match_people(PersonKey(p.full_name, p.phone, p.email), person.key).level is (
        MatchLevel.SAME
    )


def _find_participant(session: Session, person: CleanPerson) -> Participant | None:
    """The participant the duplicate rule is sure this person is; phone and email are
    indexed, so this reads only the records sharing one of them."""
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
        if _is_same(p, person):
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
        if phone := phone_key(p.phone):
            self.by_phone.setdefault(phone, []).append(p)
        if email := email_key(p.email):
            self.by_email.setdefault(email, []).append(p)

    def find(self, person: CleanPerson) -> Participant | None:
        phone, email = phone_key(person.phone), email_key(person.email)
        candidates = self.by_phone.get(phone, []) if phone else []
        candidates = candidates + (self.by_email.get(email, []) if email else [])
        return next((p for p in candidates if _is_same(p, person)), None)


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
        open_event(session, event_id)
        existing = (roster or roster_in(session, event_id)).same_person(clean.key)
        if existing is not None:
            raise FieldError("name", f"{existing.name} is already on this event's list.")
        reg = _registration(
            session, event_id, clean, walk_in=False, source=source, staff_id=staff_id
        )
    if roster is not None:
        roster.add(reg)
    return reg


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
    existing = roster.same_person(clean.key)
    if existing is not None:
        return check_in(store, roster, existing.registration_id, staff_id, at)
    now = at or utcnow()
    with store.transaction() as session:
        open_event(session, roster.event_id)
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
        open_event(session, event_id)
        roster = roster_in(session, event_id)
        index = ParticipantIndex(session)
        for person in people:
            clean = clean_person(person, require_contact=False)
            if roster.same_person(clean.key) is not None:
                skipped += 1
                continue
            reg = _registration(
                session, event_id, clean, walk_in=False, source=source, staff_id=None, index=index
            )
            roster.add(reg)
            added += 1
    return added, skipped
