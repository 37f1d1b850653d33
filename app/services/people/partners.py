"""Shared placements: partner organizations, their contacts and distribution lists,
openings they share, and the resumes sent to whichever organization runs the recruitment."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from email.message import EmailMessage
from pathlib import Path
from typing import Any

from sqlmodel import select

from app.core import validation as v
from app.core.ids import utcnow
from app.core.models import (
    DistributionList,
    Employer,
    OpeningStatus,
    Partner,
    PartnerContact,
    PartnerKind,
    PartnerOpening,
    Referral,
)
from app.services import records
from app.services.people import referrals
from app.store.engine import Store

KINDS = {k.value: k.label for k in PartnerKind}
OPENING_STATUSES = {s.value: s.label for s in OpeningStatus}


def create_partner(store: Store, values: dict[str, Any]) -> Partner:
    name = v.clean_required(str(values.get("name", "")), "name", "The organization's name")
    cleaned = {
        "name": name,
        "kind": v.clean_choice(
            str(values.get("kind", PartnerKind.AGENCY.value)), KINDS, "kind", "The kind"
        ),
        "phone": v.clean_phone(str(values.get("phone", ""))),
        "email": v.clean_email(str(values.get("email", ""))),
        "website": v.clean_website(str(values.get("website", ""))),
        "notes": str(values.get("notes", "")),
    }
    with store.transaction() as session:
        partner = Partner(**cleaned)
        session.add(partner)
    return partner


def partners(store: Store) -> list[Partner]:
    with store.session() as session:
        return list(
            session.exec(
                select(Partner).where(Partner.deleted_at.is_(None)).order_by(Partner.name)  # type: ignore[union-attr]
            )
        )


def add_contact(store: Store, partner_id: str, values: dict[str, Any]) -> PartnerContact:
    cleaned = {
        "name": v.clean_required(str(values.get("name", "")), "name", "The contact's name"),
        "role": str(values.get("role", "")).strip(),
        "email": v.clean_email(str(values.get("email", ""))),
        "phone": v.clean_phone(str(values.get("phone", ""))),
    }
    with store.transaction() as session:
        if session.get(Partner, partner_id) is None:
            raise v.FieldError("partner_id", "Choose a partner organization on file.")
        contact = PartnerContact(partner_id=partner_id, **cleaned)
        session.add(contact)
    return contact


def contacts(store: Store, partner_id: str) -> list[PartnerContact]:
    with store.session() as session:
        return list(
            session.exec(
                select(PartnerContact)
                .where(
                    PartnerContact.partner_id == partner_id,
                    PartnerContact.deleted_at.is_(None),  # type: ignore[union-attr]
                )
                .order_by(PartnerContact.name)
            )
        )


def clean_addresses(value: str, field: str = "addresses") -> str:
    """Email addresses, one per line (commas and semicolons also split), each checked."""
    raw = value.replace(",", "\n").replace(";", "\n")
    cleaned: list[str] = []
    for n, line in enumerate(raw.splitlines(), 1):
        if not line.strip():
            continue
        try:
            address = v.clean_email(line, field)
        except v.FieldError as exc:
            raise v.FieldError(field, f"Address {n} ({line.strip()}): {exc.message}") from exc
        if address.casefold() not in {a.casefold() for a in cleaned}:
            cleaned.append(address)
    if not cleaned:
        raise v.FieldError(field, "A distribution list needs at least one email address.")
    return "\n".join(cleaned)


def save_distribution_list(
    store: Store,
    name: str,
    addresses: str,
    partner_id: str | None = None,
    list_id: str | None = None,
) -> DistributionList:
    """Create or replace a named list of addresses that openings are sent to."""
    name = v.clean_required(name, "name", "The list's name")
    cleaned = clean_addresses(addresses)
    with store.transaction() as session:
        if list_id:
            dist = session.get(DistributionList, list_id)
            if dist is None:
                raise KeyError(list_id)
            dist.name, dist.addresses, dist.updated_at = name, cleaned, utcnow()
        else:
            dist = DistributionList(partner_id=partner_id, name=name, addresses=cleaned)
        session.add(dist)
    return dist


def distribution_lists(store: Store, partner_id: str | None = None) -> list[DistributionList]:
    with store.session() as session:
        query = select(DistributionList).where(DistributionList.deleted_at.is_(None))  # type: ignore[union-attr]
        if partner_id:
            query = query.where(DistributionList.partner_id == partner_id)
        return list(session.exec(query.order_by(DistributionList.name)))


# Openings --------------------------------------------------------------------------------


def record_opening(
    store: Store,
    partner_id: str,
    position_title: str,
    received_on: date | str,
    managed_by_id: str | None = None,
    employer_id: str | None = None,
    employer_name: str = "",
    positions: str | int | None = None,
    wage: str | int | None = None,
    closes_on: date | str | None = None,
    notes: str = "",
) -> PartnerOpening:
    """An opening a partner shared. `managed_by_id` None means our agency runs the recruitment."""
    title = v.clean_required(position_title, "position_title", "The position")
    received = v.clean_date(received_on, "received_on", "The date received")
    if received is None:
        raise v.FieldError("received_on", "Enter the date the opening was received.")
    closes = v.clean_date(closes_on, "closes_on", "The closing date")
    if closes is not None and closes < received:
        raise v.FieldError("closes_on", "The opening cannot close before it was received.")
    if not employer_id and not employer_name.strip():
        raise v.FieldError("employer_name", "Say which employer is hiring.")
    count = v.clean_count(positions, "positions")
    wage_cents = v.clean_wage_cents(wage, "wage")
    with store.transaction() as session:
        for pid in {partner_id, managed_by_id} - {None}:
            if session.get(Partner, pid) is None:
                raise v.FieldError("partner_id", "Choose a partner organization on file.")
        opening = PartnerOpening(
            partner_id=partner_id,
            managed_by_id=managed_by_id,
            employer_id=employer_id,
            employer_name=employer_name.strip(),
            position_title=title,
            received_on=received,
            closes_on=closes,
            positions=count,
            wage_cents=wage_cents,
            notes=notes,
        )
        session.add(opening)
    return opening


def set_opening_status(store: Store, opening_id: str, status: str) -> None:
    status = v.clean_choice(status, OPENING_STATUSES, "status", "The status")
    with store.transaction() as session:
        opening = session.get(PartnerOpening, opening_id)
        if opening is None:
            raise KeyError(opening_id)
        opening.status = status
        opening.updated_at = utcnow()
        session.add(opening)


def send_resume(
    store: Store,
    opening_id: str,
    participant_id: str,
    sent_on: date | str,
    resume_path: Path | None = None,
    resume_id: str | None = None,
    staff_id: str | None = None,
    today: date | None = None,
    authorization: referrals.AuthorizationCheck | None = None,
    fit_reason: str = "",
) -> Referral:
    """Send a participant's resume to the organization that manages this opening's recruitment.

    The same promises as any referral: work authorization on file (or confirmed now)."""
    with store.session() as session:
        opening = session.get(PartnerOpening, opening_id)
    if opening is None or opening.deleted_at is not None:
        raise v.FieldError("opening_id", "Choose a shared opening on file.")
    return referrals.create_referral(
        store,
        participant_id,
        sent_on,
        employer_id=opening.employer_id,
        position_title=opening.position_title,
        resume_path=resume_path,
        resume_id=resume_id,
        opening_id=opening.id,
        partner_id=opening.managed_by_id,
        staff_id=staff_id,
        today=today,
        authorization=authorization,
        fit_reason=fit_reason,
    )


@dataclass(frozen=True)
class OpeningRow:
    id: str
    partner: str
    managed_by: str
    employer: str
    position_title: str
    received_on: date
    closes_on: date | None
    status: str
    sent: int
    hired: int

    @property
    def status_label(self) -> str:
        return OPENING_STATUSES.get(self.status, self.status)


_SELECT_OPENINGS = """
    SELECT o.id, coalesce(p.name, ''), coalesce(m.name, 'Our agency'),
           coalesce(e.legal_name, o.employer_name), o.position_title, o.received_on,
           o.closes_on, o.status,
           (SELECT count(*) FROM referral r WHERE r.opening_id = o.id AND r.deleted_at IS NULL),
           (SELECT count(*) FROM referral r WHERE r.opening_id = o.id
              AND r.deleted_at IS NULL AND r.outcome = 'hired')
    FROM partneropening o
    LEFT JOIN partner p ON p.id = o.partner_id
    LEFT JOIN partner m ON m.id = o.managed_by_id
    LEFT JOIN employer e ON e.id = o.employer_id
"""


def list_openings(store: Store, status: str = "") -> list[OpeningRow]:
    """Shared openings, newest first, with how many resumes went and how many were hired."""
    query = records.ListQuery(
        _SELECT_OPENINGS, "ORDER BY o.received_on DESC, o.created_at DESC", "o.deleted_at IS NULL"
    )
    if status:
        query.where("o.status = :status", status=status)
    rows = query.rows(store)
    return [
        OpeningRow(
            r[0],
            r[1],
            r[2],
            r[3],
            r[4],
            date.fromisoformat(r[5]),
            date.fromisoformat(r[6]) if r[6] else None,
            r[7],
            r[8],
            r[9],
        )
        for r in rows
    ]


def opening_email(
    store: Store, opening_id: str, list_id: str, sender_name: str = "", sender_email: str = ""
) -> EmailMessage:
    """A draft passing a shared opening on to a distribution list (addresses in Bcc, so
    nobody on the list sees the others), saying where resumes go."""
    from app.mail.message import Draft, to_message

    with store.session() as session:
        opening = session.get(PartnerOpening, opening_id)
        dist = session.get(DistributionList, list_id)
        if opening is None or dist is None:
            raise v.FieldError("list_id", "Choose a shared opening and a distribution list.")
        manager = session.get(Partner, opening.managed_by_id) if opening.managed_by_id else None
        employer = session.get(Employer, opening.employer_id) if opening.employer_id else None
    hiring = employer.legal_name if employer is not None else opening.employer_name
    where = (
        f"{manager.name} runs the recruitment"
        + (f": send resumes to {manager.email}." if manager.email else ".")
        if manager is not None
        else "We run the recruitment: reply to this email with resumes."
    )
    facts = [
        f"{hiring} is hiring: {opening.position_title}.",
        f"Openings: {opening.positions}." if opening.positions else "",
        f"Wage: ${opening.wage_cents / 100:,.2f} an hour." if opening.wage_cents else "",
        f"Closes {opening.closes_on:%B} {opening.closes_on.day}, {opening.closes_on.year}."
        if opening.closes_on
        else "",
        where,
        opening.notes.strip(),
    ]
    body = "\n".join(line for line in facts if line) + "\n\n" + (sender_name or "") + "\n"
    draft = Draft(
        kind="shared_opening",
        employer_id=opening.employer_id,
        to=[sender_email] if sender_email else [],
        subject=f"Job opening: {opening.position_title} at {hiring}",
        body=body,
        sender_name=sender_name,
        sender_email=sender_email,
    )
    message = to_message(draft)
    message["Bcc"] = ", ".join(dist.address_list)
    return message
