"""The agency's job centers and programs as forms/agency.toml lists them, for seeding stores."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from app.core.forms_data import FormsDataError


@dataclass(frozen=True)
class AgencyConfig:
    offices: list[dict[str, str]]
    programs: list[dict[str, str]]


def agency_from_mapping(data: Mapping[str, Any]) -> AgencyConfig:
    """Offices and programs, each with a code and a name (new codes are seeded at start)."""
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
    return AgencyConfig(offices=data["office"], programs=data["program"])
