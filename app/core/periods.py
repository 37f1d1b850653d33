"""Report periods: a month, a quarter, a program year (July to June) or any span of days.

Periods are whole local (America/Chicago) days, both ends included, so "March"
means the same on every laptop.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta


@dataclass(frozen=True)
class Period:
    start: date
    end: date
    label: str

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(f"The period ends ({self.end}) before it starts ({self.start}).")

    def __contains__(self, day: date) -> bool:
        return self.start <= day <= self.end

    def months(self) -> list[date]:
        """The first day of each month the period touches (chart buckets)."""
        out, day = [], self.start.replace(day=1)
        while day <= self.end:
            out.append(day)
            day = (day + timedelta(days=32)).replace(day=1)
        return out


def month(year: int, number: int) -> Period:
    first = date(year, number, 1)
    last = (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    return Period(first, last, f"{first:%B %Y}")


def quarter(year: int, number: int) -> Period:
    """Calendar quarter 1..4."""
    if number not in (1, 2, 3, 4):
        raise ValueError(f"A quarter is 1 to 4, not {number}.")
    first = date(year, 3 * number - 2, 1)
    last = month(year, 3 * number).end
    return Period(first, last, f"Q{number} {year}")


def program_year(start_year: int) -> Period:
    """July 1 of `start_year` to June 30 of the next: "PY 2026" runs July 2026 to June 2027."""
    return Period(
        date(start_year, 7, 1), date(start_year + 1, 6, 30), f"PY {start_year} (July-June)"
    )


def program_year_of(day: date) -> Period:
    return program_year(day.year if day.month >= 7 else day.year - 1)


def custom(start: date, end: date) -> Period:
    return Period(start, end, f"{start:%b %d, %Y} to {end:%b %d, %Y}")


def last_12_months(today: date) -> Period:
    """The 365 days ending today."""
    return Period(today - timedelta(days=364), today, "the last 12 months")
