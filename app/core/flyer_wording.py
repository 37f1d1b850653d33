"""The words of flyers, handouts and employer invitations, per language (forms/flyers.toml).

Staff correct the wording in the file; this module checks that every language has every
text, that each text uses only the placeholders Employer Desk fills in, and turns dates,
times and titles into the words of one language.
"""

from __future__ import annotations

import re
import string
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from app.core.agency import LANGUAGES
from app.core.forms_data import FormsDataError

#: Every text of a language, with the placeholders it may use.
TEXTS: dict[str, frozenset[str]] = {
    name: frozenset(fields)
    for name, fields in {
        "language": (),
        "page": ("page", "pages"),
        "date": ("weekday", "day", "month", "year"),
        "am": (),
        "pm": (),
        "time_range": ("start", "end"),
        "kicker_hiring_event": (),
        "kicker_job_fair": (),
        "title_hiring_event": ("employer",),
        "title_job_fair": ("place",),
        "employers_hiring": ("employers",),
        "now_hiring": (),
        "employer": (),
        "position": (),
        "openings": (),
        "pay": (),
        "pay_unknown": (),
        "where": (),
        "parking": (),
        "transit": (),
        "accessibility": (),
        "job_center_hours": (),
        "what_to_bring": (),
        "seeker_footer": (),
        "questions": ("contact",),
        "scan": (),
        "kicker_invitation": (),
        "title_networking": (),
        "title_appreciation": (),
        "invite": ("office",),
        "expect_head": (),
        "expect_networking": (),
        "expect_appreciation": (),
        "joining": (),
        "rsvp_head": (),
        "rsvp": ("rsvp_by", "contact"),
        "contact_head": (),
        "employer_footer": (),
        "scan_employer": (),
    }.items()
}
#: Lists of a language and how many items each must hold (0: at least one).
LISTS = {"weekdays": 7, "months": 12, "bring": 0}

#: Event kinds whose flyer is an invitation for employers, never a job seekers' flyer.
EMPLOYER_KINDS = frozenset(("networking", "appreciation"))


@dataclass(frozen=True)
class Words:
    """One language's wording."""

    code: str
    texts: Mapping[str, str]
    lists: Mapping[str, tuple[str, ...]]

    def __call__(self, name: str, **values: object) -> str:
        return self.texts[name].format(**values)

    def date(self, dt: datetime, capital: bool = True) -> str:
        """The long date; `capital` when it starts a line ("Viernes 15 de enero"), not
        inside a sentence ("antes del jueves 14 de enero")."""
        text = self(
            "date",
            weekday=self.lists["weekdays"][dt.weekday()],
            day=dt.day,
            month=self.lists["months"][dt.month - 1],
            year=dt.year,
        )
        return text[:1].upper() + text[1:] if capital else text

    def clock(self, dt: datetime) -> str:
        """10 AM, 12:30 PM (no zero padding), in this language's AM and PM."""
        hour = dt.hour % 12 or 12
        minutes = f":{dt.minute:02d}" if dt.minute else ""
        return f"{hour}{minutes} {self('am' if dt.hour < 12 else 'pm')}"

    def hours(self, start: datetime, end: datetime) -> str:
        return self("time_range", start=self.clock(start), end=self.clock(end))

    def title(self, kind: str, custom: str, employers: Sequence[str], place: str) -> str:
        """The title a BSR typed, tidied; else the kind's own title in this language."""
        if custom.strip():
            return tidy_title(custom)
        if kind == "hiring_event" and employers:
            return self("title_hiring_event", employer=employers[0])
        if kind in EMPLOYER_KINDS:
            return self(f"title_{kind}")
        return self("title_job_fair", place=place)


@dataclass(frozen=True)
class FlyerWording:
    languages: Mapping[str, Words]

    def __getitem__(self, code: str) -> Words:
        return self.languages[code]


def wording_from_mapping(data: Mapping[str, Any]) -> FlyerWording:
    """One [section] per language in LANGUAGES, each with every text and list."""
    for code in data:
        if code not in LANGUAGES:
            raise FormsDataError(
                f"unknown language [{code}] (use " + ", ".join(f"[{c}]" for c in LANGUAGES) + ")",
                (code,),
            )
    return FlyerWording({code: _words(code, data.get(code)) for code in LANGUAGES})


def _words(code: str, section: Any) -> Words:
    if not isinstance(section, dict):
        raise FormsDataError(f"the [{code}] section is missing", (code,))
    for key in section:
        if key not in TEXTS and key not in LISTS:
            raise FormsDataError(f"[{code}] has an unknown text '{key}'", (code, key))
    texts = {}
    for name, allowed in TEXTS.items():
        value = section.get(name)
        if not isinstance(value, str) or not value.strip():
            raise FormsDataError(f"[{code}] {name} needs a text in quotes", (code, name))
        _check_placeholders(code, name, value, allowed)
        texts[name] = " ".join(value.split())
    lists = {}
    for name, size in LISTS.items():
        value = section.get(name)
        ok = isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value)
        if not ok or (size and len(value) != size) or not value:
            count = f"{size} texts" if size else "at least one text"
            raise FormsDataError(f"[{code}] {name} must be a list of {count}", (code, name))
        lists[name] = tuple(v.strip() for v in value)
    return Words(code, texts, lists)


def _check_placeholders(code: str, name: str, value: str, allowed: frozenset[str]) -> None:
    try:
        used = [field for _, field, _, _ in string.Formatter().parse(value) if field is not None]
    except ValueError as exc:
        raise FormsDataError(
            f"[{code}] {name} has an unpaired {{ or }} ({exc})", (code, name)
        ) from exc
    for field in used:
        if field not in allowed:
            known = ", ".join(f"{{{a}}}" for a in sorted(allowed)) or "none"
            raise FormsDataError(
                f"[{code}] {name} has an unknown placeholder {{{field}}} (it may use: {known})",
                (code, name),
                near=(f"{{{field}}}",),
            )


_SEPARATORS = re.compile(r"\s+(?:—|–|-|:|\|)\s+|:\s+")
_CODE = re.compile(r"\[[^\]]*\]|\((?:#|id\s*)[^)]*\)|\b[a-z]+(?:_[a-z]+)+\b|\b[A-Z]{2,}-\d[\w-]*\b")


def tidy_title(text: str) -> str:
    """A typed title as a person would print it: no doubled "&&", no record or kind codes,
    and no label repeated before the title ("Hiring Event — Hiring Event at X" gives
    "Hiring Event at X")."""
    out = " ".join(_CODE.sub(" ", re.sub(r"&{2,}", "&", text)).split())
    parts = [p.strip() for p in _SEPARATORS.split(out, maxsplit=1)]
    if len(parts) == 2 and parts[1].casefold().startswith(parts[0].casefold()):
        out = parts[1]
    return out.strip(" -—–:|") or " ".join(re.sub(r"&{2,}", "&", text).split())
