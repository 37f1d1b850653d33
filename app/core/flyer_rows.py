"""The positions a flyer lists: one row per employer and position, whatever was copied twice.

An event's positions are copied from each employer's open positions, and a BSR may type
the same one again (or an employer may list it on the RFI and by phone): a flyer that
prints it twice looks careless and doubles the openings a reader counts.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Offer:
    """A position one employer recruits at the event."""

    employer: str
    title: str
    openings: int
    wage_min_cents: int | None = None
    wage_max_cents: int | None = None
    schedule: str = ""


def _key(offer: Offer) -> tuple[str, str]:
    return (
        " ".join(offer.employer.casefold().split()),
        " ".join(offer.title.casefold().split()),
    )


def _lowest(a: int | None, b: int | None) -> int | None:
    return min(x for x in (a, b) if x is not None) if a is not None or b is not None else None


def _highest(a: int | None, b: int | None) -> int | None:
    return max(x for x in (a, b) if x is not None) if a is not None or b is not None else None


def merge_offers(offers: Iterable[Offer]) -> list[Offer]:
    """One row per employer and position title (compared without case or extra spaces), in
    the order first seen: openings add up, the pay spans the lowest to the highest wage,
    different schedules are kept once each."""
    merged: dict[tuple[str, str], Offer] = {}
    for offer in offers:
        key = _key(offer)
        have = merged.get(key)
        if have is None:
            merged[key] = offer
            continue
        schedules = [s for s in (have.schedule, offer.schedule) if s.strip()]
        merged[key] = Offer(
            have.employer,
            have.title,
            have.openings + offer.openings,
            _lowest(have.wage_min_cents, offer.wage_min_cents),
            _highest(have.wage_max_cents, offer.wage_max_cents),
            "; ".join(dict.fromkeys(schedules)),
        )
    return list(merged.values())
