"""The agency's offices, programs and staff: seeded from forms/, edited in Settings."""

from __future__ import annotations

from typing import Any

from sqlmodel import select

from app import forms
from app.core.agency import AgencyConfig
from app.core.ids import REFERENCE_EPOCH, reference_id, utcnow
from app.core.models import Office, Program, Staff
from app.core.validation import FieldError, clean_email, clean_phone, clean_required
from app.services.agency import settings
from app.store import reference
from app.store.engine import Store


def ensure_reference_data(store: Store, config: AgencyConfig | None = None) -> None:
    """Add the offices and programs of forms/ that the store does not have yet, each under
    the id made from its code (so every computer makes the same row), and fold rows that
    earlier versions made twice for one code (`app.store.reference`)."""
    config = config or forms.AGENCY.load()
    with store.transaction() as session:
        for model, items in ((Office, config.offices), (Program, config.programs)):
            table = model.__tablename__
            for item in items:
                row_id = reference_id(table, item["code"])
                if session.get(model, row_id) is None:
                    session.add(model(id=row_id, **_reference_fields(model, item)))
        session.flush()
        reference.merge_by_code(session.connection())


def _reference_fields(model: type[Office] | type[Program], item: dict[str, str]) -> dict[str, Any]:
    """A reference row's fields from forms/, stamped alike on every computer."""
    fields: dict[str, Any] = {"code": item["code"], "name": item["name"]}
    extra = ("address", "phone") if model is Office else ("description",)
    fields.update({key: item.get(key, "") for key in extra})
    fields["created_at"] = fields["updated_at"] = REFERENCE_EPOCH
    return fields


def offices(store: Store) -> list[Office]:
    with store.session() as session:
        return list(
            session.exec(select(Office).where(Office.deleted_at.is_(None)).order_by(Office.name))
        )


def programs(store: Store) -> list[Program]:
    with store.session() as session:
        return list(
            session.exec(select(Program).where(Program.deleted_at.is_(None)).order_by(Program.name))
        )


def staff(store: Store) -> list[Staff]:
    with store.session() as session:
        return list(
            session.exec(select(Staff).where(Staff.deleted_at.is_(None)).order_by(Staff.name))
        )


def save_profile(
    store: Store,
    name: str,
    office_id: str,
    program_codes: list[str],
    email: str = "",
    phone: str = "",
) -> Staff:
    """Create or update the BSR using this store (first run, then Settings)."""
    clean_name = clean_required(name, "name", "Your name")
    clean_mail = clean_email(email)
    clean_tel = clean_phone(phone)
    if not office_id:
        raise FieldError("office", "Choose your job center.")
    current = settings.me(store)
    with store.transaction() as session:
        person = session.get(Staff, current.id) if current else None
        if person is None:
            person = Staff(name=clean_name)
        person.name = clean_name
        person.email = clean_mail
        person.phone = clean_tel
        person.office_id = office_id
        person.programs = ",".join(program_codes)
        person.updated_at = utcnow()
        session.add(person)
        session.flush()
        staff_id = person.id
    settings.put(store, settings.ME, staff_id)
    result = settings.me(store)
    assert result is not None
    return result
