"""Counting business days (Monday to Friday), for promises like "eligibility told within 2 days"."""

from __future__ import annotations

from datetime import date, timedelta


def add_business_days(start: date, days: int) -> date:
    """The date `days` business days after `start` (a weekend start counts from Monday)."""
    if days < 0:
        raise ValueError("days must be 0 or more")
    current = start
    while current.weekday() >= 5:
        current += timedelta(days=1)
    added = 0
    while added < days:
        current += timedelta(days=1)
        if current.weekday() < 5:
            added += 1
    return current
