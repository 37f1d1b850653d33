"""OJT wage reimbursement: a sliding scale by worksite size, regular wages only, capped per trainee.

The scale lives in forms/reimbursement.toml so a change in local policy is a
file edit; money is integer cents throughout, rounded down (never over-promise).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from app.core.forms_data import FormsDataError


@dataclass(frozen=True)
class Band:
    up_to_employees: int | None  # None: no upper limit
    rate_percent: int


@dataclass(frozen=True)
class OjtScale:
    bands: tuple[Band, ...]
    regular_hours_per_week: int
    per_trainee_cap_cents: int
    source: str

    def rate_percent(self, employees_at_site: int) -> int:
        """The share of wages paid back for a worksite of this size."""
        if employees_at_site < 0:
            raise ValueError("The number of employees cannot be negative.")
        for band in self.bands:
            if band.up_to_employees is None or employees_at_site <= band.up_to_employees:
                return band.rate_percent
        return self.bands[-1].rate_percent  # pragma: no cover - the last band is open-ended


@dataclass(frozen=True)
class Estimate:
    rate_percent: int
    regular_hours: float
    overtime_hours_left_out: float
    wages_cents: int
    reimbursement_cents: int
    capped: bool


def estimate(
    scale: OjtScale,
    employees_at_site: int,
    hourly_wage_cents: int,
    weekly_hours: Sequence[float],
) -> Estimate:
    """What one trainee's training earns back: each week's regular hours only, then the cap."""
    if hourly_wage_cents < 0:
        raise ValueError("The hourly wage cannot be negative.")
    regular = 0.0
    overtime = 0.0
    for hours in weekly_hours:
        if hours < 0:
            raise ValueError("Hours worked cannot be negative.")
        regular += min(hours, scale.regular_hours_per_week)
        overtime += max(0.0, hours - scale.regular_hours_per_week)
    # Cents of wages, rounded down, from hundredths of an hour to stay in whole numbers.
    wages = int(round(regular * 100)) * hourly_wage_cents // 100
    rate = scale.rate_percent(employees_at_site)
    amount = wages * rate // 100
    capped = amount > scale.per_trainee_cap_cents
    return Estimate(
        rate_percent=rate,
        regular_hours=regular,
        overtime_hours_left_out=overtime,
        wages_cents=wages,
        reimbursement_cents=min(amount, scale.per_trainee_cap_cents),
        capped=capped,
    )


def _whole(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def scale_from_mapping(data: Mapping[str, Any]) -> OjtScale:
    """The scale from forms/reimbursement.toml's contents: bands rising, rates 0 to 100."""
    ojt = data.get("ojt")
    if not isinstance(ojt, dict):
        raise FormsDataError("needs an [ojt] section")
    raw_bands = ojt.get("band")
    if not isinstance(raw_bands, list) or not raw_bands:
        raise FormsDataError("[ojt] needs [[ojt.band]] entries", ("ojt",))
    bands = []
    previous = -1
    for n, raw in enumerate(raw_bands, 1):
        rate = raw.get("rate_percent")
        limit = raw.get("up_to_employees")
        at = ("ojt", "band", n - 1)
        if not _whole(rate) or not 0 <= rate <= 100:
            raise FormsDataError(
                f"band {n}: key 'rate_percent' must be 0 to 100", (*at, "rate_percent")
            )
        last = n == len(raw_bands)
        if limit is None and not last:
            raise FormsDataError(
                f"band {n}: only the last band may leave out 'up_to_employees'", at
            )
        if limit is not None:
            if not _whole(limit) or limit <= previous:
                raise FormsDataError(
                    f"band {n}: 'up_to_employees' must be a whole number above the band before",
                    (*at, "up_to_employees"),
                )
            previous = limit
        bands.append(Band(limit, rate))
    if bands[-1].up_to_employees is not None:
        bands.append(Band(None, bands[-1].rate_percent))
    hours = ojt.get("regular_hours_per_week", 40)
    cap = ojt.get("per_trainee_cap_cents")
    if not _whole(hours) or not 1 <= hours <= 80:
        raise FormsDataError(
            "key 'regular_hours_per_week' must be 1 to 80", ("ojt", "regular_hours_per_week")
        )
    if not _whole(cap) or cap < 0:
        raise FormsDataError(
            "key 'per_trainee_cap_cents' must be whole cents, 0 or more",
            ("ojt", "per_trainee_cap_cents"),
        )
    return OjtScale(tuple(bands), hours, cap, str(ojt.get("source", "")))
