"""Referrals: a participant's resume sent for a position, and what came of it.

The resume goes into the store itself (see `app.core.models.resumes` for why),
written in the same transaction as the referral that cites it.
"""

from __future__ import annotations

import hashlib
import mimetypes
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlmodel import select

from app.core import validation as v
from app.core.ids import utcnow
from app.core.models import Employer, Participant, Referral, ReferralOutcome, Resume
from app.core.models.rfi import OpenPosition
from app.services import records
from app.services.people import participants
from app.store import private
from app.store.engine import Store

OUTCOMES = {o.value: o.label for o in ReferralOutcome}
RESUME_SUFFIXES = frozenset({".pdf", ".doc", ".docx", ".odt", ".rtf", ".txt"})
MAX_RESUME_BYTES = 10 * 1024 * 1024


@dataclass(frozen=True)
class PositionChoice:
    id: str
    title: str


def positions_for_employer(store: Store, employer_id: str) -> list[PositionChoice]:
    """The employer's positions on file (from the RFI), open ones first."""
    with store.session() as session:
        rows = session.exec(
            select(OpenPosition)
            .where(
                OpenPosition.employer_id == employer_id,
                OpenPosition.deleted_at.is_(None),  # type: ignore[union-attr]
            )
            .order_by(OpenPosition.status != "open", OpenPosition.title)
        )
        return [PositionChoice(p.id, p.title) for p in rows]


# Resumes -------------------------------------------------------------------------------


def read_resume_file(path: Path, field: str = "resume") -> tuple[bytes, str]:
    """The file's bytes and media type, or FieldError saying what is wrong with it."""
    if path.suffix.lower() not in RESUME_SUFFIXES:
        kinds = ", ".join(sorted(RESUME_SUFFIXES))
        raise v.FieldError(field, f"A resume must be one of these kinds of file: {kinds}.")
    try:
        size = path.stat().st_size
        if size > MAX_RESUME_BYTES:
            raise v.FieldError(field, "This file is larger than 10 MB; save a smaller PDF.")
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise v.FieldError(field, f"The file {path.name} is no longer there.") from exc
    except PermissionError as exc:
        raise v.FieldError(
            field, f"The file {path.name} cannot be opened (no permission)."
        ) from exc
    if not data:
        raise v.FieldError(field, f"The file {path.name} is empty.")
    media_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return data, media_type


def _store_resume(session: Any, participant_id: str, name: str, data: bytes, media: str) -> Resume:
    digest = hashlib.sha256(data).hexdigest()
    existing = session.exec(
        select(Resume).where(Resume.participant_id == participant_id, Resume.sha256 == digest)
    ).first()
    if existing is not None:
        return existing
    resume = Resume(
        participant_id=participant_id,
        file_name=name,
        media_type=media,
        size=len(data),
        sha256=digest,
        content=data,
    )
    session.add(resume)
    return resume


def attach_resume(store: Store, participant_id: str, path: Path) -> Resume:
    """Keep a copy of this resume file with the participant (the same file twice is kept once)."""
    data, media = read_resume_file(path)
    with store.transaction() as session:
        if session.get(Participant, participant_id) is None:
            raise v.FieldError("participant_id", "Choose a participant on file.")
        return _store_resume(session, participant_id, path.name, data, media)


@dataclass(frozen=True)
class ResumeInfo:
    id: str
    file_name: str
    size: int
    added_on: date


def resumes(store: Store, participant_id: str) -> list[ResumeInfo]:
    """The participant's resumes (merged records included), newest first, without the bytes."""
    ids = participants.ids_for(store, participant_id)
    query = records.ListQuery(
        "SELECT id, file_name, size, created_at FROM resume", "ORDER BY created_at DESC"
    )
    rows = query.where_in("participant_id", ids, "i").where("deleted_at IS NULL").rows(store)
    return [ResumeInfo(r[0], r[1], r[2], date.fromisoformat(r[3][:10])) for r in rows]


def save_resume_copy(store: Store, resume_id: str, folder: Path) -> Path:
    """Write the resume out (to open it, or attach it to an email); never overwrites a file."""
    with store.session() as session:
        resume = session.get(Resume, resume_id)
    if resume is None:
        raise KeyError(resume_id)
    private.private_folder(folder)
    target = folder / Path(resume.file_name).name
    stem, suffix, n = target.stem, target.suffix, 1
    while target.exists():
        n += 1
        target = folder / f"{stem} ({n}){suffix}"
    private.write_bytes(target, resume.content)
    return target


# Referrals -----------------------------------------------------------------------------


@dataclass(frozen=True)
class AuthorizationCheck:
    """Who confirmed a participant's work authorization, and on which day."""

    confirmed_by: str
    confirmed_on: date | str | None

    def cleaned(self, today: date) -> tuple[date, str]:
        who = self.confirmed_by.strip()
        if not who:
            raise v.FieldError(
                "work_authorization_confirmed_by", "Enter who confirmed the work authorization."
            )
        day = v.clean_date(
            self.confirmed_on, "work_authorization_confirmed_on", "The date it was confirmed"
        )
        if day is None:
            raise v.FieldError(
                "work_authorization_confirmed_on",
                "Enter the date work authorization was confirmed.",
            )
        if day > today:
            raise v.FieldError(
                "work_authorization_confirmed_on",
                "Work authorization cannot be confirmed in the future.",
            )
        return day, who


def poor_fit(store: Store, employer_id: str, today: date) -> str | None:
    """Why a referral to this employer needs a reason, or None when its fit is not poor
    (the team's placement history, or a BSR's override of it)."""
    from app.services.employers import fit

    found = fit.fit_of(store, employer_id, today)
    if not found.poor:
        return None
    return (
        f"This employer shows a poor fit ({found.why()}). Write why you refer this person anyway."
    )


def create_referral(
    store: Store,
    participant_id: str,
    sent_on: date | str,
    employer_id: str | None = None,
    position_id: str | None = None,
    position_title: str = "",
    resume_path: Path | None = None,
    resume_id: str | None = None,
    opening_id: str | None = None,
    partner_id: str | None = None,
    staff_id: str | None = None,
    notes: str = "",
    today: date | None = None,
    authorization: AuthorizationCheck | None = None,
    fit_reason: str = "",
) -> Referral:
    """Send a participant for a position. All or nothing: the resume and the referral together.

    The agency tells employers that every candidate is authorized to work, so a person
    whose authorization is not on file needs `authorization` (who confirmed it, when),
    recorded in the same step. A referral to an employer whose placements show a poor
    fit needs `fit_reason`, kept on the referral for the team to see.
    """
    today = today or date.today()
    when = v.clean_date(sent_on, "sent_on", "The date sent")
    if when is None:
        raise v.FieldError("sent_on", "Enter the date the resume was sent.")
    if when > today:
        raise v.FieldError("sent_on", "The date sent cannot be in the future.")
    if not employer_id and not opening_id:
        raise v.FieldError("employer_id", "Choose the employer (or the shared opening).")
    fit_reason = fit_reason.strip()
    if employer_id and not fit_reason:
        fit = poor_fit(store, employer_id, today)
        if fit is not None:
            raise v.FieldError("fit_reason", fit)
    confirmed = authorization.cleaned(today) if authorization is not None else None
    data = media = None
    if resume_path is not None:
        data, media = read_resume_file(Path(resume_path))
    with store.transaction() as session:
        person = session.get(Participant, participant_id)
        if person is None or person.deleted_at is not None:
            raise v.FieldError("participant_id", "Choose a participant on file.")
        if not person.work_authorization_confirmed:
            if confirmed is None:
                raise v.FieldError(
                    "work_authorization_confirmed_by",
                    f"Work authorization is not confirmed for {person.full_name}. Enter who "
                    "confirmed it and when: we tell employers every candidate is authorized "
                    "to work.",
                )
            person.work_authorization_confirmed = True
            person.work_authorization_confirmed_on, person.work_authorization_confirmed_by = (
                confirmed
            )
            person.updated_at = utcnow()
            session.add(person)
        if employer_id:
            employer = session.get(Employer, employer_id)
            if employer is None or employer.deleted_at is not None:
                raise v.FieldError("employer_id", "Choose an employer on file.")
        title = position_title.strip()
        if position_id:
            position = session.get(OpenPosition, position_id)
            if position is None or (employer_id and position.employer_id != employer_id):
                raise v.FieldError("position_id", "Choose one of this employer's positions.")
            title = title or position.title
        if not title:
            raise v.FieldError("position_title", "Enter the position the person is sent for.")
        if data is not None and media is not None and resume_path is not None:
            resume_id = _store_resume(
                session, participant_id, Path(resume_path).name, data, media
            ).id
        referral = Referral(
            participant_id=participant_id,
            employer_id=employer_id,
            position_id=position_id,
            position_title=title,
            opening_id=opening_id,
            partner_id=partner_id,
            resume_id=resume_id,
            staff_id=staff_id,
            sent_on=when,
            notes=notes.strip(),
            fit_reason=fit_reason,
        )
        session.add(referral)
    return referral


def set_outcome(
    store: Store,
    referral_id: str,
    outcome: str,
    on: date | str,
    today: date | None = None,
) -> Referral:
    """Record what came of a referral, with its date (an interview keeps its own date)."""
    outcome = v.clean_choice(outcome, OUTCOMES, "outcome", "The outcome")
    when = v.clean_date(on, "outcome_on", "The date")
    if when is None:
        raise v.FieldError("outcome_on", "Enter the date of the outcome.")
    if when > (today or date.today()) and outcome != ReferralOutcome.INTERVIEW.value:
        raise v.FieldError("outcome_on", "Only an interview can be on a date still to come.")
    with store.transaction() as session:
        referral = records.live(session, Referral, referral_id)
        if when < referral.sent_on:
            raise v.FieldError(
                "outcome_on", f"The date cannot be before the resume was sent ({referral.sent_on})."
            )
        referral.outcome = outcome
        if outcome == ReferralOutcome.INTERVIEW.value:
            referral.interview_on = when
            referral.outcome_on = None
        elif outcome == ReferralOutcome.SENT.value:
            referral.outcome_on = None
        else:
            referral.outcome_on = when
        referral.updated_at = utcnow()
        session.add(referral)
    return referral


def get(store: Store, referral_id: str) -> Referral | None:
    with store.session() as session:
        return session.get(Referral, referral_id)


def delete_referral(store: Store, referral_id: str) -> None:
    records.delete(store, Referral, referral_id)


@dataclass(frozen=True)
class ReferralRow:
    id: str
    participant_id: str
    participant: str
    employer_id: str | None
    employer: str
    position_title: str
    sent_on: date
    outcome: str
    interview_on: date | None
    outcome_on: date | None
    resume_name: str
    via_partner: str
    emailed_at: datetime | None = None
    emailed_to: str = ""
    emailed_as: str = ""

    @property
    def outcome_label(self) -> str:
        return OUTCOMES.get(self.outcome, self.outcome)


_SELECT_REFERRALS = """
    SELECT r.id, r.participant_id, coalesce(p.first_name || ' ' || p.last_name, ''),
           r.employer_id, coalesce(e.legal_name, o.employer_name, ''), r.position_title,
           r.sent_on, r.outcome, r.interview_on, r.outcome_on, coalesce(rs.file_name, ''),
           coalesce(pa.name, ''), r.emailed_at, r.emailed_to, r.emailed_as
    FROM referral r
    LEFT JOIN participant p ON p.id = r.participant_id
    LEFT JOIN partneropening o ON o.id = r.opening_id
    LEFT JOIN employer e ON e.id = coalesce(r.employer_id, o.employer_id)
    LEFT JOIN resume rs ON rs.id = r.resume_id
    LEFT JOIN partner pa ON pa.id = r.partner_id
"""


def _utc(raw: str | None) -> datetime | None:
    if not raw:
        return None
    when = datetime.fromisoformat(raw)
    return when if when.tzinfo else when.replace(tzinfo=UTC)


def list_rows(
    store: Store,
    participant_id: str | None = None,
    employer_id: str | None = None,
    opening_id: str | None = None,
) -> list[ReferralRow]:
    """Referrals, newest first, for one participant, employer or shared opening (or all)."""
    query = records.ListQuery(
        _SELECT_REFERRALS, "ORDER BY r.sent_on DESC, r.created_at DESC", "r.deleted_at IS NULL"
    )
    if participant_id:
        query.where("r.participant_id = :p", p=participant_id)
    if employer_id:
        query.where("r.employer_id = :e", e=employer_id)
    if opening_id:
        query.where("r.opening_id = :o", o=opening_id)
    rows = query.rows(store)

    def day(raw: str | None) -> date | None:
        return date.fromisoformat(raw) if raw else None

    return [
        ReferralRow(
            r[0],
            r[1],
            r[2],
            r[3],
            r[4],
            r[5],
            date.fromisoformat(r[6]),
            r[7],
            day(r[8]),
            day(r[9]),
            r[10],
            r[11],
            _utc(r[12]),
            r[13],
            r[14],
        )
        for r in rows
    ]
