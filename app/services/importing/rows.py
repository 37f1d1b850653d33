"""One spreadsheet row turned into clean employer and contact values, or the reasons it cannot be."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Any

from app.core import normalize as norm
from app.core import validation as v
from app.services.importing.addresses import _state_code, split_address


@dataclass(frozen=True)
class RowIssue:
    """Why a row was not imported: its number in the sheet, the column, and what is wrong."""

    row: int
    column: str
    field: str
    reason: str


@dataclass
class CleanRow:
    """A row's values, cleaned as they would be stored, plus what the matcher compares."""

    row: int
    employer: dict[str, Any]
    contact: dict[str, Any]
    key: str = ""
    as_of: date | None = None
    name_key: str = ""
    street_key: str = ""
    phones: tuple[str, ...] = ()
    issues: list[RowIssue] = field(default_factory=list)


_cached_phone = lru_cache(maxsize=65536)(v.clean_phone)


_NANP = re.compile(r"[2-9]\d{2}[2-9]\d{6}")
_NOT_PLAIN_PHONE = re.compile(r"(?i)x|ext|#|\+|[a-z]")


def _phone(value: str, fld: str) -> str:
    # Most cells are plain ten-digit numbers: format them directly (libphonenumber is slow).
    if not _NOT_PLAIN_PHONE.search(value):
        digits = norm.phone_digits(value)
        if _NANP.fullmatch(digits):
            return f"({digits[:3]}) {digits[3:6]}-{digits[6:]}"
    try:
        return _cached_phone(value, fld)
    except v.FieldError as exc:
        # Ten digits that libphonenumber does not know (a new or fictional exchange) are
        # still a phone number people can dial: keep them formatted, do not reject.
        digits = norm.phone_digits(value)
        if len(digits) == 10:
            return f"({digits[:3]}) {digits[3:6]}-{digits[6:]}"
        raise v.FieldError(fld, exc.message) from None


def _zip(value: str) -> str:
    text = value.strip()
    if re.fullmatch(r"\d{3,4}", text):
        text = text.zfill(5)  # Excel dropped the leading zero of 02134
    if re.fullmatch(r"\d{9}", text):
        text = f"{text[:5]}-{text[5:]}"
    return v.clean_zip(text)


_EXCEL_EPOCH = date(1899, 12, 30)
_DATE_FORMATS = (
    "%m/%d/%Y",
    "%Y-%m-%d",
    "%m/%d/%y",
    "%d.%m.%Y",
    "%Y/%m/%d",
    "%b %d, %Y",
    "%B %d, %Y",
)


def parse_date(value: str) -> date | None:
    """A date from text: 01/31/2024, 2024-01-31, or an Excel serial number stored as a number."""
    text = value.strip()
    if not text:
        return None
    if re.fullmatch(r"\d{5}(?:\.\d+)?", text):
        serial = float(text)
        if 20000 <= serial <= 80000:  # 1954..2119: an Excel date that lost its format
            return _EXCEL_EPOCH + timedelta(days=int(serial))
        return None
    text = text.split(" ")[0] if re.match(r"\d{4}-\d{2}-\d{2} ", text) else text
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def _text(value: str) -> str:
    return " ".join(value.split())


_PLAIN_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")


def _email(value: str) -> str:
    """Plain addresses are checked by pattern (email-validator is slow); others go through it."""
    text = value.strip()
    if _PLAIN_EMAIL.fullmatch(text) and ".." not in text and not text.startswith("."):
        local, _, domain = text.rpartition("@")
        if not local.endswith("."):
            return f"{local}@{domain.lower()}"
    return v.clean_email(text, "email")


_CLEANERS = {
    "legal_name": lambda x: norm.tidy_caps(_text(x)),
    "dba_name": lambda x: norm.tidy_caps(_text(x)),
    "street": lambda x: norm.tidy_caps(_text(x)),
    "city": lambda x: norm.tidy_caps(_text(x)),
    "state": lambda x: _state_code(x) or _text(x).upper(),
    "zip_code": _zip,
    "main_phone": lambda x: _phone(x, "main_phone"),
    "website": v.clean_website,
    "industry": _text,
    "naics_code": v.clean_naics,
    "fein": v.clean_fein,
    "employees_total": lambda x: v.clean_count(x, "employees_total"),
    "source": _text,
    "notes": lambda x: x.strip(),
    "contact_name": lambda x: norm.tidy_caps(_text(x)),
    "contact_first": lambda x: norm.tidy_caps(_text(x)),
    "contact_last": lambda x: norm.tidy_caps(_text(x)),
    "contact_role": _text,
    "contact_email": _email,
    "contact_phone": lambda x: _phone(x, "phone"),
}


class _Failed:
    """A cell value a cleaner refused, remembered with its reason."""

    __slots__ = ("message",)

    def __init__(self, message: str) -> None:
        self.message = message


class RowCleaner:
    """Cleans the rows of one file with one mapping.

    A master spreadsheet repeats itself (the same city, title, business on many
    rows), so each cleaner runs once per distinct cell value and the answer is
    remembered for the rest of the file.
    """

    def __init__(self, headers: Sequence[str], mapping: Sequence[str]) -> None:
        self.headers = list(headers)
        self.columns = [
            (i, target, headers[i], _CLEANERS.get(target), {})
            for i, target in enumerate(mapping)
            if target
        ]
        self.name_column = next(
            (headers[i] for i, t in enumerate(mapping) if t in ("legal_name", "dba_name")), "name"
        )
        self.addresses: dict[str, Any] = {}

    def _cleaned(self, value: str, cleaner: Any, memo: dict[str, Any]) -> Any:
        found = memo.get(value, memo)
        if found is memo:
            try:
                found = cleaner(value)
            except v.FieldError as exc:
                found = _Failed(exc.message)
            memo[value] = found
        return found

    def _address(self, street: str) -> Any:
        found = self.addresses.get(street)
        if found is None:
            found = self.addresses[street] = split_address(street)
        return found

    def clean(self, number: int, cells: Sequence[str]) -> CleanRow | None:
        """The row's cleaned values; None for a row with nothing in any imported column."""
        values: dict[str, Any] = {}
        issues: list[RowIssue] = []
        raw_key = raw_as_of = ""
        width = len(cells)
        empty = True
        for i, target, header, cleaner, memo in self.columns:
            value = cells[i] if i < width else ""
            if not value:
                continue
            empty = False
            if cleaner is None:
                if target == "key":
                    raw_key = value
                elif target == "as_of":
                    raw_as_of = value
                continue
            found = self._cleaned(value, cleaner, memo)
            if type(found) is _Failed:
                issues.append(RowIssue(number, header, target, f"“{value}”: {found.message}"))
            else:
                values[target] = found
        if empty:
            return None
        return self._assemble(number, values, issues, raw_key, raw_as_of)

    def _assemble(
        self,
        number: int,
        values: dict[str, Any],
        issues: list[RowIssue],
        raw_key: str,
        raw_as_of: str,
    ) -> CleanRow:
        if "street" in values:
            parts = self._address(values["street"])
            values["street"] = parts.street
            for part in ("city", "state", "zip_code"):
                found = getattr(parts, part)
                if found and not values.get(part):
                    values[part] = found if part != "city" else norm.tidy_caps(found)
        if not values.get("legal_name"):
            if values.get("dba_name"):
                values["legal_name"] = values["dba_name"]
            elif not issues:
                issues.append(
                    RowIssue(
                        number, self.name_column, "legal_name", "No employer name in this row."
                    )
                )
        employer = {k: x for k, x in values.items() if k in _EMPLOYER_KEYS and x not in ("", None)}
        dba = employer.get("dba_name")
        if dba and norm.name_key(dba) == norm.name_key(employer.get("legal_name", "")):
            del employer["dba_name"]
        contact: dict[str, Any] = {}
        name = values.get("contact_name") or " ".join(
            p for p in (values.get("contact_first", ""), values.get("contact_last", "")) if p
        )
        if not name and values.get("contact_email"):
            name = values["contact_email"].split("@")[0]
        if name:
            contact = {"name": name}
            for src, dst in (
                ("contact_role", "role"),
                ("contact_email", "email"),
                ("contact_phone", "phone"),
            ):
                if values.get(src):
                    contact[dst] = values[src]
        elif values.get("contact_phone") and not employer.get("main_phone"):
            employer["main_phone"] = values["contact_phone"]
        main = norm.phone_digits(employer.get("main_phone", ""))
        other = norm.phone_digits(contact.get("phone", ""))
        phones = tuple(p for p in (main, other if other != main else "") if p)
        key = _text(raw_key)
        return CleanRow(
            row=number,
            employer=employer,
            contact=contact,
            key=norm.fold(key) if key else "",
            as_of=parse_date(raw_as_of) if raw_as_of else None,
            name_key=norm.name_key(employer.get("legal_name", "")),
            street_key=norm.street(employer.get("street", "")),
            phones=phones,
            issues=issues,
        )


_EMPLOYER_KEYS = frozenset(
    {
        "legal_name", "dba_name", "street", "city", "state", "zip_code", "main_phone", "website",
        "industry", "naics_code", "fein", "employees_total", "source", "notes",
    }
)  # fmt: skip
