"""The Request for Information as data: questions from forms/rfi.toml, answers parsed and checked.

One definition drives the PDF form, the phone-entry dialog, the import and the
eligibility rules, so a question added to the file appears everywhere at once.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from app.core import validation as v
from app.core.forms_data import FormsDataError, Place

ANSWER_TYPES = ("text", "number", "yesno", "choice", "date", "positions")
FORMATS: dict[str, Callable[[str, str], str]] = {
    "fein": v.clean_fein,
    "zip": v.clean_zip,
    "phone": v.clean_phone,
    "email": v.clean_email,
    "naics": v.clean_naics,
}
EMPLOYER_COLUMNS = (
    "legal_name",
    "dba_name",
    "fein",
    "industry",
    "naics_code",
    "website",
    "employees_total",
    "employees_at_site",
    "street",
    "city",
    "state",
    "zip_code",
    "main_phone",
)
CONTACT_ROLES = ("primary", "hr")
CONTACT_ATTRS = ("name", "role", "email", "phone")
#: The columns of one open position, as answered on question 9.
POSITION_KEYS = ("title", "openings", "wage_cents", "hours_per_week", "shifts")
#: The most characters a text answer takes when the form names no max_length (one line, several).
TEXT_MAX = 200
TEXT_MAX_LINES = 600
#: The most characters of any other answer as typed (a number, a date, a choice), and of a
#: position's title or shifts: far more than any real one, so a runaway value is refused.
OTHER_MAX = 120
POSITION_LABELS = {
    "title": "Job title",
    "openings": "Openings",
    "wage_cents": "Hourly wage ($)",
    "hours_per_week": "Hours/week",
    "shifts": "Shifts",
}


@dataclass(frozen=True)
class AnswerField:
    """One thing the employer answers: a whole question, or one part of a question."""

    id: str
    label: str
    type: str
    question_id: str
    number: int
    help: str = ""
    employer_field: str = ""
    required: bool = True
    format: str = ""
    options: tuple[str, ...] = ()
    multiple: bool = False
    minimum: float | None = None
    maximum: float | None = None
    lines: int = 1
    rows: int = 6
    max_length: int = 200

    @property
    def tooltip(self) -> str:
        return self.label


@dataclass(frozen=True)
class Question:
    id: str
    number: int
    text: str
    type: str
    help: str
    fields: tuple[AnswerField, ...]

    @property
    def is_group(self) -> bool:
        return self.type == "group"


@dataclass(frozen=True)
class RfiDefinition:
    title: str
    intro: str
    questions: tuple[Question, ...]

    @property
    def fields(self) -> tuple[AnswerField, ...]:
        return tuple(f for q in self.questions for f in q.fields)

    def field(self, answer_id: str) -> AnswerField:
        for f in self.fields:
            if f.id == answer_id:
                return f
        raise KeyError(answer_id)

    def question_of(self, answer_id: str) -> Question:
        for q in self.questions:
            if any(f.id == answer_id for f in q.fields):
                return q
        raise KeyError(answer_id)

    @property
    def answer_ids(self) -> frozenset[str]:
        return frozenset(f.id for f in self.fields)


# Building -----------------------------------------------------------------


def rfi_from_mapping(data: Mapping[str, Any]) -> RfiDefinition:
    """The RFI definition from forms/rfi.toml's contents; refuses what would break a form."""
    questions_data = data.get("question")
    if not isinstance(questions_data, list) or not questions_data:
        raise FormsDataError("needs [[question]] entries (none found)")
    seen_ids: dict[str, int] = {}
    numbers: set[int] = set()
    questions = []
    for index, raw in enumerate(questions_data, 1):
        q = _question(index, raw, seen_ids)
        if q.number in numbers:
            raise FormsDataError(
                f"question {q.id!r}: number {q.number} is used twice",
                ("question", index - 1, "number"),
            )
        numbers.add(q.number)
        questions.append(q)
    questions.sort(key=lambda q: q.number)
    return RfiDefinition(
        title=str(data.get("title", "Request for Information")),
        intro=str(data.get("intro", "")),
        questions=tuple(questions),
    )


def _question(index: int, raw: Any, seen_ids: dict[str, int]) -> Question:
    if not isinstance(raw, dict):
        raise FormsDataError(f"[[question]] number {index} is not a table")
    qid = str(raw.get("id", "")).strip()
    where = f"question {index}" + (f" ({qid!r})" if qid else "")
    at: Place = ("question", index - 1)

    def fail(problem: str, key: str | None = None) -> FormsDataError:
        return FormsDataError(f"{where}: {problem}", at + (key,) if key else at)

    if not qid or not re.fullmatch(r"[a-z][a-z0-9_]*", qid):
        raise fail("needs an id of lower-case letters, digits and _ (like fein)", "id")
    number = raw.get("number")
    if not isinstance(number, int) or isinstance(number, bool) or number < 1:
        raise fail("key 'number' must be a whole number from 1 up", "number")
    where = f"question {number} ({qid!r})"
    qtext = raw.get("text")
    if not isinstance(qtext, str) or not qtext.strip():
        raise fail("key 'text' is missing: the question the employer reads", "text")
    qtype = raw.get("type")
    if qtype not in (*ANSWER_TYPES, "group"):
        raise fail(
            f"key 'type' is {qtype!r}; use one of {', '.join((*ANSWER_TYPES, 'group'))}", "type"
        )
    help_text = str(raw.get("help", ""))
    if qtype == "group":
        parts = raw.get("part")
        if not isinstance(parts, list) or not parts:
            raise fail("is a group but has no [[question.part]] entries", "type")
        fields = []
        for p_index, part in enumerate(parts, 1):
            if not isinstance(part, dict):
                raise fail(f"part {p_index} is not a table")
            fields.append(
                _field(
                    f"{where}, part {p_index}",
                    (*at, "part", p_index - 1),
                    part,
                    qid,
                    number,
                    seen_ids,
                )
            )
    else:
        if "part" in raw:
            raise fail(f'has parts but its type is {qtype!r}; use type = "group"', "type")
        merged = dict(raw)
        merged.setdefault("label", qtext)
        fields = [_field(where, at, merged, qid, number, seen_ids)]
    return Question(qid, number, qtext.strip(), qtype, help_text.strip(), tuple(fields))


def _field(
    where: str,
    at: Place,
    raw: dict[str, Any],
    question_id: str,
    number: int,
    seen_ids: dict[str, int],
) -> AnswerField:
    def fail(problem: str, key: str | None = None) -> FormsDataError:
        return FormsDataError(f"{where}: {problem}", at + (key,) if key else at)

    fid = str(raw.get("id", "")).strip()
    if not fid or not re.fullmatch(r"[a-z][a-z0-9_]*", fid):
        raise fail("needs an id of lower-case letters, digits and _", "id")
    if fid in seen_ids:
        raise fail(f"answer id {fid!r} is already used by question {seen_ids[fid]}", "id")
    seen_ids[fid] = number
    label = raw.get("label")
    if not isinstance(label, str) or not label.strip():
        raise fail("key 'label' is missing", "label")
    ftype = raw.get("type")
    if ftype not in ANSWER_TYPES:
        raise fail(f"key 'type' is {ftype!r}; use one of {', '.join(ANSWER_TYPES)}", "type")
    fmt = str(raw.get("format", ""))
    if fmt and (fmt not in FORMATS or ftype != "text"):
        raise fail(f"key 'format' is {fmt!r}; text answers may use {', '.join(FORMATS)}", "format")
    employer_field = str(raw.get("employer_field", ""))
    if employer_field and not _valid_employer_field(employer_field):
        raise fail(
            f"key 'employer_field' is {employer_field!r}: not a field of the employer record "
            "(use an employer column, or contact.primary.NAME / contact.hr.NAME)",
            "employer_field",
        )
    options = raw.get("options", [])
    if ftype == "choice":
        if (
            not isinstance(options, list)
            or len(options) < 2
            or not all(isinstance(o, str) and o.strip() for o in options)
        ):
            raise fail("a choice needs key 'options' with at least two texts", "options")
        if len(set(options)) != len(options):
            raise fail("key 'options' lists the same option twice", "options")
    elif options:
        raise fail(f"key 'options' only goes with type = \"choice\" (this is {ftype})", "options")
    minimum, maximum = raw.get("min"), raw.get("max")
    for key, bound in (("min", minimum), ("max", maximum)):
        if bound is not None and (
            ftype != "number" or not isinstance(bound, int | float) or isinstance(bound, bool)
        ):
            raise fail(f"key '{key}' must be a number on a number answer", key)
    if minimum is not None and maximum is not None and minimum > maximum:
        raise fail("key 'min' is larger than 'max'", "min")
    required = raw.get("required", True)
    multiple = raw.get("multiple", False)
    for key, flag in (("required", required), ("multiple", multiple)):
        if not isinstance(flag, bool):
            raise fail(f"key '{key}' must be true or false", key)
    lines = raw.get("lines", 1)
    rows = raw.get("rows", 6)
    for key, count in (("lines", lines), ("rows", rows)):
        if not isinstance(count, int) or isinstance(count, bool) or not 1 <= count <= 12:
            raise fail(f"key '{key}' must be a whole number from 1 to 12", key)
    max_length = raw.get("max_length", TEXT_MAX if lines == 1 else TEXT_MAX_LINES)
    if "max_length" in raw and ftype != "text":
        raise fail(
            f"key 'max_length' only goes with type = \"text\" (this is {ftype})", "max_length"
        )
    if (
        not isinstance(max_length, int)
        or isinstance(max_length, bool)
        or not 1 <= max_length <= 10_000
    ):
        raise fail("key 'max_length' must be a whole number from 1 to 10000", "max_length")
    return AnswerField(
        id=fid,
        label=label.strip(),
        type=ftype,
        question_id=question_id,
        number=number,
        help=str(raw.get("help", "")).strip(),
        employer_field=employer_field,
        required=required,
        format=fmt,
        options=tuple(options),
        multiple=multiple,
        minimum=minimum,
        maximum=maximum,
        lines=lines,
        rows=rows,
        max_length=max_length if ftype == "text" else OTHER_MAX,
    )


def _valid_employer_field(name: str) -> bool:
    if name in EMPLOYER_COLUMNS:
        return True
    parts = name.split(".")
    return (
        len(parts) == 3
        and parts[0] == "contact"
        and parts[1] in CONTACT_ROLES
        and parts[2] in CONTACT_ATTRS
    )


# Answers ------------------------------------------------------------------


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
