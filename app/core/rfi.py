"""The Request for Information as data: the questions of forms/rfi.toml (answers to them are
parsed and checked in `app.core.rfi_answers`).

One definition drives the PDF form, the phone-entry dialog, the import and the
eligibility rules, so a question added to the file appears everywhere at once.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
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
