"""Whether jobs last: retention, tenure and quick let-gos per employer, and the fit they suggest.

Pure functions of placement dates; `today` is always passed in, so the same
history gives the same figures on every laptop and in every test.

The measuring rule (retention at N days)
----------------------------------------
A placement counts in the N-day denominator only once it is old enough to be
measured: hired at least N days before `today`. It counts as retained when it
lasted at least N days (no separation, or a separation N or more days after
the hire date). A placement that ended early but was hired less than N days
ago is left out until N days have passed, like its still-working peers:
counting early failures before the successes hired at the same time could be
counted would make every employer with recent hires look worse than it is.
Quick let-gos show up at once in the short-turnaround count instead.

Tenure is days from hire to separation, or to `today` for people still
working; placements with a hire date in the future are not counted at all.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from app.core.forms_data import SectionError

EMPLOYER_ENDED = frozenset({"laid_off", "fired", "training_ended"})


@dataclass(frozen=True)
class Span:
    """The dates of one placement, all the figures need."""

    hire_date: date
    separation_date: date | None = None
    separation_reason: str = ""
    ojt: bool = False

    def started(self, today: date) -> bool:
        return self.hire_date <= today

    def tenure_days(self, today: date) -> int:
        end = self.separation_date if self.separation_date is not None else today
        return max(0, (min(end, today) - self.hire_date).days)

    def measured_at(self, day: int, today: date) -> bool:
        return (today - self.hire_date).days >= day

    def retained_at(self, day: int) -> bool:
        return self.separation_date is None or (self.separation_date - self.hire_date).days >= day


@dataclass(frozen=True)
class RetentionRules:
    """The agency's choices, read from forms/retention.toml."""

    days: tuple[int, ...] = (30, 90, 180)
    judge_day: int = 90
    short_turnaround_days: int = 30
    short_turnaround_reasons: frozenset[str] = EMPLOYER_ENDED
    min_measured: int = 3
    watch_below: float = 0.75
    poor_below: float = 0.5
    watch_short_turnarounds: int = 1
    poor_short_turnarounds: int = 2
    ojt_judge_day: int = 90
    ojt_failure_reasons: frozenset[str] = EMPLOYER_ENDED
    ojt_min_failures: int = 2
    ojt_failure_share: float = 0.5


@dataclass(frozen=True)
class Rate:
    """Retention at `day`: `retained` of `measured` placements old enough to tell."""

    day: int
    measured: int
    retained: int

    @property
    def value(self) -> float | None:
        return self.retained / self.measured if self.measured else None

    def text(self) -> str:
        if not self.measured:
            return "not yet known"
        return f"{round(100 * self.retained / self.measured)}% ({self.retained} of {self.measured})"


@dataclass(frozen=True)
class Figures:
    placements: int
    still_employed: int
    rates: tuple[Rate, ...]
    median_tenure_days: float | None
    short_turnarounds: int

    def rate(self, day: int) -> Rate:
        for r in self.rates:
            if r.day == day:
                return r
        raise KeyError(day)


def _started(spans: Iterable[Span], today: date) -> list[Span]:
    return [s for s in spans if s.started(today)]


def retention_at(spans: Iterable[Span], day: int, today: date) -> Rate:
    """Share of placements old enough to measure that lasted `day` days (see module rule)."""
    measured = [s for s in _started(spans, today) if s.measured_at(day, today)]
    return Rate(day, len(measured), sum(1 for s in measured if s.retained_at(day)))


def median_tenure(spans: Iterable[Span], today: date) -> float | None:
    """Median days employed so far (people still working count up to today)."""
    tenures = [s.tenure_days(today) for s in _started(spans, today)]
    return float(statistics.median(tenures)) if tenures else None


def is_short_turnaround(span: Span, rules: RetentionRules) -> bool:
    """Hired and let go by the employer within the configured number of days."""
    return (
        span.separation_date is not None
        and span.separation_reason in rules.short_turnaround_reasons
        and (span.separation_date - span.hire_date).days <= rules.short_turnaround_days
    )


def figures(spans: Iterable[Span], today: date, rules: RetentionRules) -> Figures:
    started = _started(spans, today)
    return Figures(
        placements=len(started),
        still_employed=sum(
            1 for s in started if s.separation_date is None or s.separation_date > today
        ),
        rates=tuple(retention_at(started, d, today) for d in rules.days),
        median_tenure_days=median_tenure(started, today),
        short_turnarounds=sum(1 for s in started if is_short_turnaround(s, rules)),
    )


@dataclass(frozen=True)
class OjtRecord:
    """The figures behind the OJT rule (20 CFR 680.700: a pattern of failing to keep
    OJT participants employed bars new OJT contracts).

    A failure is a fact the day it happens; a success only once `judge_day` has
    passed. So `decided` holds OJT placements measured at `judge_day` plus the
    failures not yet that old.
    """

    placements: int
    decided: int
    failed: int
    judge_day: int
    pattern: bool

    @property
    def failure_share(self) -> float | None:
        return self.failed / self.decided if self.decided else None


def ojt_record(spans: Iterable[Span], today: date, rules: RetentionRules) -> OjtRecord:
    ojt = [s for s in _started(spans, today) if s.ojt]
    day = rules.ojt_judge_day
    failed = [
        s
        for s in ojt
        if s.separation_date is not None
        and s.separation_date <= today
        and s.separation_reason in rules.ojt_failure_reasons
        and not s.retained_at(day)
    ]
    decided = sum(1 for s in ojt if s.measured_at(day, today) or s in failed)
    pattern = (
        len(failed) >= rules.ojt_min_failures
        and decided > 0
        and len(failed) / decided >= rules.ojt_failure_share
    )
    return OjtRecord(len(ojt), decided, len(failed), day, pattern)


class FitLevel(StrEnum):
    GOOD = "good"
    WATCH = "watch"
    POOR = "poor"
    UNKNOWN = "unknown"

    @property
    def label(self) -> str:
        return {
            "good": "Good fit",
            "watch": "Watch",
            "poor": "Poor fit",
            "unknown": "Too early to tell",
        }[self.value]


@dataclass(frozen=True)
class FitSignal:
    """How well an employer keeps the people we place, with the reasons in plain words."""

    level: FitLevel
    reasons: tuple[str, ...]
    figures: Figures
    ojt: OjtRecord

    @property
    def ojt_pattern(self) -> bool:
        """True when the OJT rule's "pattern of failing to keep participants employed" holds."""
        return self.ojt.pattern


def fit_signal(spans: Iterable[Span], today: date, rules: RetentionRules) -> FitSignal:
    """Judge an employer from its placements: the worst condition that holds sets the level."""
    spans = list(spans)
    figs = figures(spans, today, rules)
    ojt = ojt_record(spans, today, rules)
    judged = figs.rate(rules.judge_day) if rules.judge_day in rules.days else None
    if judged is None:
        judged = retention_at(spans, rules.judge_day, today)
    poor: list[str] = []
    watch: list[str] = []
    if ojt.pattern:
        poor.append(
            f"{ojt.failed} of {ojt.decided} OJT participants were let go within "
            f"{ojt.judge_day} days: a pattern that bars new OJT contracts."
        )
    quick = figs.short_turnarounds
    if quick:
        text = (
            f"{quick} hired and let go within {rules.short_turnaround_days} days."
            if quick > 1
            else f"1 person hired and let go within {rules.short_turnaround_days} days."
        )
        if quick >= rules.poor_short_turnarounds:
            poor.append(text)
        elif quick >= rules.watch_short_turnarounds:
            watch.append(text)
    enough = judged.measured >= rules.min_measured
    value = judged.value
    if enough and value is not None:
        text = f"{judged.day}-day retention {judged.text()}."
        if value < rules.poor_below:
            poor.append(text)
        elif value < rules.watch_below:
            watch.append(text)
    if poor:
        return FitSignal(FitLevel.POOR, tuple(poor + watch), figs, ojt)
    if watch:
        return FitSignal(FitLevel.WATCH, tuple(watch), figs, ojt)
    if not enough:
        need = rules.min_measured
        reason = (
            f"{judged.measured} of {need} placements needed are {judged.day} days old."
            if figs.placements
            else "No placements yet."
        )
        return FitSignal(FitLevel.UNKNOWN, (reason,), figs, ojt)
    return FitSignal(FitLevel.GOOD, (f"{judged.day}-day retention {judged.text()}.",), figs, ojt)


# Reading the rules --------------------------------------------------------------------


class RulesError(SectionError):
    """A retention rules value that cannot be used."""


def _int(data: Mapping[str, Any], section: str, key: str, default: int, low: int = 0) -> int:
    value = data.get(section, {}).get(key, default)
    if not isinstance(value, int) or isinstance(value, bool) or value < low:
        raise RulesError(section, key, f"must be a whole number of at least {low}, not {value!r}")
    return value


def _share(data: Mapping[str, Any], section: str, key: str, default: float) -> float:
    value = data.get(section, {}).get(key, default)
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 1:
        raise RulesError(
            section, key, f"must be a share between 0 and 1 (like 0.75), not {value!r}"
        )
    return float(value)


def _reasons(
    data: Mapping[str, Any], section: str, key: str, default: frozenset[str]
) -> frozenset[str]:
    value = data.get(section, {}).get(key, sorted(default))
    known = {"laid_off", "quit", "fired", "training_ended"}
    if not isinstance(value, list) or any(v not in known for v in value):
        raise RulesError(section, key, f"must be a list drawn from {', '.join(sorted(known))}")
    return frozenset(value)


def rules_from_mapping(data: Mapping[str, Any]) -> RetentionRules:
    """Build the rules from parsed TOML, refusing values that make no sense."""
    for section in ("retention", "fit", "ojt"):
        if not isinstance(data.get(section, {}), dict):
            raise RulesError(section, "", "must be a [section] of settings")
    days = data.get("retention", {}).get("days", [30, 90, 180])
    if (
        not isinstance(days, list)
        or not days
        or any(not isinstance(d, int) or isinstance(d, bool) or d < 1 for d in days)
    ):
        raise RulesError(
            "retention", "days", "must be a list of whole numbers of days, like [30, 90, 180]"
        )
    rules = RetentionRules(
        days=tuple(sorted(set(days))),
        judge_day=_int(data, "retention", "judge_day", 90, 1),
        short_turnaround_days=_int(data, "retention", "short_turnaround_days", 30, 1),
        short_turnaround_reasons=_reasons(
            data, "retention", "short_turnaround_reasons", EMPLOYER_ENDED
        ),
        min_measured=_int(data, "fit", "min_measured", 3, 1),
        watch_below=_share(data, "fit", "watch_below", 0.75),
        poor_below=_share(data, "fit", "poor_below", 0.5),
        watch_short_turnarounds=_int(data, "fit", "watch_short_turnarounds", 1, 1),
        poor_short_turnarounds=_int(data, "fit", "poor_short_turnarounds", 2, 1),
        ojt_judge_day=_int(data, "ojt", "judge_day", 90, 1),
        ojt_failure_reasons=_reasons(data, "ojt", "failure_reasons", EMPLOYER_ENDED),
        ojt_min_failures=_int(data, "ojt", "min_failures", 2, 1),
        ojt_failure_share=_share(data, "ojt", "failure_share", 0.5),
    )
    if rules.judge_day not in rules.days:
        raise RulesError(
            "retention", "judge_day", f"must be one of the retention days {list(rules.days)}"
        )
    if rules.poor_below > rules.watch_below:
        raise RulesError("fit", "poor_below", "must not be above watch_below")
    if rules.poor_short_turnarounds < rules.watch_short_turnarounds:
        raise RulesError(
            "fit", "poor_short_turnarounds", "must not be below watch_short_turnarounds"
        )
    return rules
