"""The agency's job centers and programs as forms/agency.toml lists them, for seeding stores
and for every paper that says where a job center is, when it is open and how to call it."""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from typing import Any

from app.core.forms_data import FormsDataError

#: The languages flyers and handouts are written in (forms/flyers.toml has a section each).
LANGUAGES = ("en", "es")
_PHONE = re.compile(r"^\(\d{3}\) \d{3}-\d{4}$")


@dataclass(frozen=True)
class OfficeCard:
    """What papers print about one job center: its street address, phone and hours (per
    language), and the languages its flyers are printed in unless a BSR chooses."""

    code: str
    name: str
    address: str = ""
    phone: str = ""
    hours: Mapping[str, str] = field(default_factory=dict)
    flyer_languages: tuple[str, ...] = ("en",)


@dataclass(frozen=True)
class AgencyConfig:
    offices: list[dict[str, Any]]
    programs: list[dict[str, str]]

    def office(self, code: str) -> OfficeCard | None:
        """The job center with this code, as papers print it (None when forms/ lacks it)."""
        for item in self.offices:
            if item["code"] == code:
                return _card(item)
        return None


def agency_from_mapping(data: Mapping[str, Any]) -> AgencyConfig:
    """Offices and programs, each with a code and a name (new codes are seeded at start);
    an office's phone, hours and flyer languages are checked as well."""
    for section in ("office", "program"):
        items = data.get(section)
        if not isinstance(items, list) or not items:
            raise FormsDataError(f"needs at least one [[{section}]] entry", (section,))
        for n, item in enumerate(items, 1):
            if not isinstance(item, dict):
                raise FormsDataError(f"[[{section}]] number {n} is not a table", (section,))
            for key in ("code", "name"):
                if not str(item.get(key, "")).strip():
                    raise FormsDataError(
                        f"[[{section}]] number {n} has no {key}", (section, n - 1, key)
                    )
    for n, item in enumerate(data["office"]):
        _check_office(item, n)
    return AgencyConfig(offices=data["office"], programs=data["program"])


def _check_office(item: Mapping[str, Any], n: int) -> None:
    name = item["name"]
    for key in ("address", "phone"):
        if not isinstance(item.get(key, ""), str):
            raise FormsDataError(f"the {key} of {name} must be text in quotes", ("office", n, key))
    phone = item.get("phone", "").strip()
    if phone and not _PHONE.match(phone):
        raise FormsDataError(
            f"the phone of {name} is '{phone}'; write it as (312) 555-0100",
            ("office", n, "phone"),
        )
    hours = item.get("hours", {})
    if not isinstance(hours, dict):
        raise FormsDataError(
            f'the hours of {name} are written once per language: {{ en = "...", es = "..." }}',
            ("office", n, "hours"),
        )
    if hours:
        for lang in LANGUAGES:
            if not isinstance(hours.get(lang), str) or not hours[lang].strip():
                raise FormsDataError(
                    f"the hours of {name} have no '{lang}' text (every flyer language needs one)",
                    ("office", n, "hours"),
                )
    languages = item.get("flyer_languages", ["en"])
    if (
        not isinstance(languages, list)
        or not languages
        or any(lang not in LANGUAGES for lang in languages)
        or len(set(languages)) != len(languages)
    ):
        raise FormsDataError(
            f"the flyer_languages of {name} must list one or both of "
            + ", ".join(f'"{lang}"' for lang in LANGUAGES),
            ("office", n, "flyer_languages"),
        )


def _card(item: Mapping[str, Any]) -> OfficeCard:
    return OfficeCard(
        code=item["code"],
        name=item["name"],
        address=item.get("address", "").strip(),
        phone=item.get("phone", "").strip(),
        hours={k: v.strip() for k, v in item.get("hours", {}).items()},
        flyer_languages=tuple(item.get("flyer_languages", ["en"])),
    )


def refuse_offices_without_address(
    config: AgencyConfig, codes_with_events: Collection[str]
) -> None:
    """A job center that holds events must have a street address, or its flyers would send
    people nowhere: the first one without raises, pointing at its entry in the file."""
    for n, item in enumerate(config.offices):
        if item["code"] in codes_with_events and not item.get("address", "").strip():
            raise FormsDataError(
                f"{item['name']} has events but no street address; write it as "
                'address = "3210 W 26th St, Chicago, IL 60623" so flyers say where to go',
                ("office", n, "address") if "address" in item else ("office", n),
            )
