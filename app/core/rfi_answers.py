"""RFI answers: what was typed on the phone or read from a returned PDF, parsed, checked
and shown back. The questions themselves are `app.core.rfi`."""

from __future__ import annotations

import json
import math
import re
from datetime import date, datetime
from typing import Any

from app.core import validation as v
from app.core.rfi import (
    FORMATS,
    OTHER_MAX,
    POSITION_KEYS,
    AnswerField,
    RfiDefinition,
)


def parse_answer(f: AnswerField, raw: Any) -> Any:
    """What was typed or read from a PDF, as the value to store; None for no answer.

    Raises FieldError (field = the answer id) with a plain reason when the value is wrong.
    """
    if raw is None:
        return None
    if f.type == "positions":
        return _parse_positions(f, raw)
    if f.type == "choice" and f.multiple:
        items = raw if isinstance(raw, list | tuple) else [s for s in str(raw).split(";")]
        for item in items:
            _check_length(f.id, str(item).strip(), OTHER_MAX)
        chosen = [_match_option(f, str(item)) for item in items if str(item).strip()]
        unique = [o for o in f.options if o in chosen]
        return unique or None
    if isinstance(raw, str):
        raw = raw.strip()
        if raw == "":
            return None
        _check_length(f.id, raw, f.max_length)
    if f.type == "text":
        value = str(raw)
        if f.format:
            value = FORMATS[f.format](value, f.id)
        return value or None
    if f.type == "number":
        return _parse_number(f, raw)
    if f.type == "yesno":
        return _parse_yesno(f, raw)
    if f.type == "choice":
        return _match_option(f, str(raw))
    if f.type == "date":
        return _parse_date(f, raw)
    raise v.FieldError(f.id, f"Unknown answer type {f.type}.")  # pragma: no cover - load checks it


def _check_length(field_id: str, text: str, limit: int, what: str = "") -> None:
    if len(text) > limit:
        raise v.FieldError(
            field_id, f"{what}at most {limit:,} characters (this answer has {len(text):,})."
        )


def _parse_number(f: AnswerField, raw: Any) -> int:
    if isinstance(raw, bool):
        raise v.FieldError(f.id, "Enter a whole number, like 25.")
    try:
        number = float(str(raw).replace(",", "").strip())
    except ValueError as exc:
        raise v.FieldError(f.id, "Enter a whole number, like 25.") from exc
    if not math.isfinite(number) or number != int(number):
        raise v.FieldError(f.id, "Enter a whole number, like 25.")
    value = int(number)
    if f.minimum is not None and value < f.minimum:
        raise v.FieldError(f.id, f"Enter {int(f.minimum)} or more.")
    if f.maximum is not None and value > f.maximum:
        raise v.FieldError(f.id, f"Enter {int(f.maximum)} or less.")
    return value


_YES = {"yes", "y", "true", "1", "on", "/yes", "x", "si", "sí"}
_NO = {"no", "n", "false", "0", "/no"}


def _parse_yesno(f: AnswerField, raw: Any) -> bool | None:
    if isinstance(raw, bool):
        return raw
    text = str(raw).strip().casefold()
    if text in ("", "/off", "off"):
        return None
    if text in _YES:
        return True
    if text in _NO:
        return False
    raise v.FieldError(f.id, "Answer yes or no.")


def _match_option(f: AnswerField, raw: str) -> str:
    text = raw.strip()
    for option in f.options:
        if option.casefold() == text.casefold() or _slug(option) == _slug(text):
            return option
    raise v.FieldError(f.id, f"Choose one of: {'; '.join(f.options)}.")


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "", text.casefold())


def option_key(option: str) -> str:
    """A short name for an option, safe in PDF field names."""
    return re.sub(r"[^a-z0-9]+", "_", option.casefold()).strip("_")[:40]


def _parse_date(f: AnswerField, raw: Any) -> str:
    if isinstance(raw, datetime):
        return raw.date().isoformat()
    if isinstance(raw, date):
        return raw.isoformat()
    text = str(raw).strip()
    for fmt in ("%Y-%m-%d", "%m/%d/%Y", "%m/%d/%y", "%m-%d-%Y"):
        try:
            return datetime.strptime(text, fmt).date().isoformat()
        except ValueError:
            continue
    raise v.FieldError(f.id, "Enter a date like 03/15/2027.")


def parse_wage_cents(raw: Any, field_id: str) -> int | None:
    """An hourly wage typed as 18.50, $18.50 or 18 into integer cents."""
    if raw is None:
        return None
    if isinstance(raw, int) and not isinstance(raw, bool):
        return raw
    text = str(raw).strip().replace("$", "").replace(",", "")
    text = re.sub(r"\s*(/\s*h(ou)?r|per hour|an hour)\.?$", "", text, flags=re.I)
    if not text:
        return None
    if not re.fullmatch(r"\d+(\.\d{1,2})?", text):
        raise v.FieldError(field_id, "Enter the hourly wage in dollars, like 18.50.")
    whole, _, frac = text.partition(".")
    return int(whole) * 100 + int((frac + "00")[:2])


def format_wage(cents: int | None) -> str:
    return "" if cents is None else f"{cents // 100}.{cents % 100:02d}"


def _parse_positions(f: AnswerField, raw: Any) -> list[dict[str, Any]] | None:
    if isinstance(raw, str):
        try:
            raw = json.loads(raw) if raw.strip().startswith("[") else []
        except ValueError as exc:
            raise v.FieldError(
                f.id, "The positions could not be read; enter them row by row."
            ) from exc
    if not isinstance(raw, list | tuple):
        raise v.FieldError(f.id, "Positions must be a list.")
    result = []
    for n, row in enumerate(raw, 1):
        if not isinstance(row, dict):
            raise v.FieldError(f.id, f"Position {n} is not a row of values.")
        title = str(row.get("title") or "").strip()
        rest = [row.get(k) for k in POSITION_KEYS[1:]]
        for key in POSITION_KEYS:
            _check_length(
                f"{f.id}.{n}.{key}", str(row.get(key) or ""), OTHER_MAX, f"Position {n}: "
            )
        if not title and all(x is None or str(x).strip() == "" for x in rest):
            continue
        where = f"{f.id}.{n}"
        if not title:
            raise v.FieldError(where, f"Position {n}: the job title is missing.")
        openings = _count(row.get("openings"), f"{where}.openings", f"Position {n}: openings")
        hours = _count(row.get("hours_per_week"), f"{where}.hours_per_week", f"Position {n}: hours")
        if hours is not None and hours > 80:
            raise v.FieldError(f"{where}.hours_per_week", f"Position {n}: at most 80 hours a week.")
        wage = row.get("wage_cents")
        if wage is None and "wage" in row:
            wage = row.get("wage")
        try:
            wage_cents = parse_wage_cents(wage, f"{where}.wage")
        except v.FieldError as exc:
            raise v.FieldError(exc.field, f"Position {n}: {exc.message}") from exc
        result.append(
            {
                "title": title,
                "openings": openings,
                "wage_cents": wage_cents,
                "hours_per_week": hours,
                "shifts": str(row.get("shifts") or "").strip(),
            }
        )
    return result or None


def _count(raw: Any, field_id: str, label: str) -> int | None:
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    try:
        number = int(str(raw).replace(",", "").strip())
    except ValueError as exc:
        raise v.FieldError(field_id, f"{label} must be a whole number.") from exc
    if number < 0:
        raise v.FieldError(field_id, f"{label} cannot be negative.")
    return number


def display_value(f: AnswerField, value: Any) -> str:
    """An answer as a BSR reads it in lists, emails and change reports."""
    if value is None:
        return "—"
    if f.type == "yesno":
        return "Yes" if value else "No"
    if f.type == "choice" and f.multiple:
        return "; ".join(value)
    if f.type == "positions":
        lines = []
        for p in value:
            bits = [p["title"]]
            if p.get("openings") is not None:
                bits.append(f"{p['openings']} opening{'s' if p['openings'] != 1 else ''}")
            if p.get("wage_cents") is not None:
                bits.append(f"${format_wage(p['wage_cents'])}/hr")
            if p.get("hours_per_week") is not None:
                bits.append(f"{p['hours_per_week']} h/week")
            if p.get("shifts"):
                bits.append(p["shifts"])
            lines.append(", ".join(bits))
        return "; ".join(lines)
    if f.type == "date":
        try:
            return date.fromisoformat(value).strftime("%m/%d/%Y")
        except ValueError:
            return str(value)
    return str(value)


def missing_fields(definition: RfiDefinition, answers: dict[str, Any]) -> list[AnswerField]:
    """Required answers not given yet, in question order."""
    return [f for f in definition.fields if f.required and answers.get(f.id) in (None, "", [])]


def parse_all(
    definition: RfiDefinition, raw: dict[str, Any]
) -> tuple[dict[str, Any], list[v.FieldError]]:
    """Parse every known answer; unknown keys are ignored. Returns values and every problem."""
    values: dict[str, Any] = {}
    problems: list[v.FieldError] = []
    for f in definition.fields:
        if f.id not in raw:
            continue
        try:
            values[f.id] = parse_answer(f, raw[f.id])
        except v.FieldError as exc:
            problems.append(exc)
    return values, problems
