"""The agency's offices, programs and staff: seeded from forms/, edited in Settings."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from sqlmodel import select

from app.core.forms_file import FORMS_DIR
from app.core.ids import utcnow
from app.core.models import Office, Program, Staff
from app.core.validation import FieldError, clean_email, clean_phone, clean_required
from app.services.agency import settings
from app.store.engine import Store

_Coded = TypeVar("_Coded", Office, Program)


@dataclass(frozen=True)
class AgencyConfig:
    offices: list[dict[str, str]]
    programs: list[dict[str, str]]


def load_agency(path: Path | None = None) -> AgencyConfig:
    """Read forms/agency.toml, refusing a broken file with its name and the problem."""
    path = path or FORMS_DIR / "agency.toml"
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ValueError(f"{path.name}: {exc}") from exc
    for section in ("office", "program"):
        items = data.get(section)
        if not isinstance(items, list) or not items:
            raise ValueError(f"{path.name}: needs at least one [[{section}]] entry")
        for n, item in enumerate(items, 1):
            for key in ("code", "name"):
                if not str(item.get(key, "")).strip():
                    raise ValueError(f"{path.name}: [[{section}]] number {n} has no {key}")
    return AgencyConfig(offices=data["office"], programs=data["program"])


def ensure_reference_data(store: Store, config: AgencyConfig | None = None) -> None:
    """Add offices and programs from forms/ that the store does not have yet (by code)."""
    config = config or load_agency()
    with store.transaction() as session:
        have_offices = {o.code for o in session.exec(select(Office))}
        for item in config.offices:
            if item["code"] not in have_offices:
                session.add(
                    Office(
                        code=item["code"],
                        name=item["name"],
                        address=item.get("address", ""),
                        phone=item.get("phone", ""),
                    )
                )
        have_programs = {p.code for p in session.exec(select(Program))}
        for item in config.programs:
            if item["code"] not in have_programs:
                session.add(
                    Program(
                        code=item["code"],
                        name=item["name"],
                        description=item.get("description", ""),
                    )
                )


def offices(store: Store) -> list[Office]:
    with store.session() as session:
        rows = session.exec(select(Office).where(Office.deleted_at.is_(None)).order_by(Office.name))
        return _first_per_code(list(rows))


def programs(store: Store) -> list[Program]:
    with store.session() as session:
        rows = session.exec(
            select(Program).where(Program.deleted_at.is_(None)).order_by(Program.name)
        )
        return _first_per_code(list(rows))


def _first_per_code(rows: list[_Coded]) -> list[_Coded]:
    """Two devices may seed the same office; show each code once (the oldest record)."""
    seen: dict[str, _Coded] = {}
    for row in sorted(rows, key=lambda r: r.id):
        seen.setdefault(row.code, row)
    return sorted(seen.values(), key=lambda r: r.name)


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
