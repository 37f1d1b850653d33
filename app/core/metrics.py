"""What each reported number means, and the arithmetic that turns counts into figures.

Definitions come from forms/metrics.toml through `from_mapping` (pure: a parsed
mapping in, `MetricDefinitions` out, errors naming the key path). A figure always
carries its numerator, denominator, the record ids behind it and its definition;
a figure with nothing to count says "no data", never 0% or a division error.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from app.core.forms_data import FormsDataError
from app.core.ojt_money import dollars

UNITS = ("count", "share", "days", "dollars", "average")
FILTERS = ("office", "program", "bsr")
SEPARATION_REASONS = ("laid_off", "quit", "fired", "training_ended")
REQUIRED = (
    "events_held",
    "registered",
    "came",
    "walk_ins",
    "returning",
    "came_per_event",
    "placements",
    "retention_30",
    "retention_90",
    "retention_180",
    "outcome_rate",
    "ojt_reimbursed",
    "ojt_committed",
    "days_to_rfi",
    "days_to_eligibility",
    "checkin_response",
    "bsr_activity",
)
NO_DATA = "no data"


class MetricsError(FormsDataError):
    """A value in the metrics file that cannot be used; `path` names it, like "metric[3].unit"."""

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path}: {problem}", _place(path))
        self.path = path


def _place(path: str) -> tuple[str | int, ...]:
    """ "metric[3].unit" as the registry's place ("metric", 3, "unit")."""
    place: list[str | int] = []
    for part in path.split("."):
        name, _, index = part.partition("[")
        if name:
            place.append(name)
        if index:
            place.append(int(index.rstrip("]")))
    return tuple(place)


@dataclass(frozen=True)
class MetricDefinition:
    id: str
    name: str
    definition: str
    counts: str
    not_counted: str
    period: str
    unit: str
    filters: tuple[str, ...]

    def short(self) -> str:
        """Definition and exclusions in one line, for a page's small print."""
        return f"{self.name}: {self.definition} Not counted: {self.not_counted}"

    def text(self) -> str:
        """The whole definition as one paragraph (tooltips, PDF small print)."""
        return (
            f"{self.name}: {self.definition} Counts: {self.counts} "
            f"Not counted: {self.not_counted} Period: {self.period}"
        )


@dataclass(frozen=True)
class OutcomeRule:
    """The successful outcome rate's rule: judged at `day`, separations for `excluded` reasons
    before that day leave both numerator and denominator."""

    day: int = 90
    excluded: frozenset[str] = frozenset({"laid_off"})


@dataclass(frozen=True)
class PartnerWeights:
    hires: float = 3.0
    referrals_accepted: float = 1.0
    retention_90: float = 4.0
    events: float = 2.0
    checkin_replies: float = 0.5
    rfi_turnaround: float = 1.0
    rfi_quick_days: int = 14
    ojt_completed: float = 2.0
    top: int = 10


@dataclass(frozen=True)
class MetricDefinitions:
    metrics: dict[str, MetricDefinition]
    outcome: OutcomeRule = field(default_factory=OutcomeRule)
    partners: PartnerWeights = field(default_factory=PartnerWeights)

    def __getitem__(self, metric_id: str) -> MetricDefinition:
        return self.metrics[metric_id]

    def __iter__(self):
        return iter(self.metrics.values())


def _text(entry: Mapping[str, Any], path: str, key: str) -> str:
    value = entry.get(key)
    if not isinstance(value, str) or not value.strip():
        raise MetricsError(f"{path}.{key}", "must be some text in quotes")
    return value.strip()


def _number(section: Mapping[str, Any], path: str, key: str, default: float) -> float:
    value = section.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
        raise MetricsError(f"{path}.{key}", f"must be a number of 0 or more, not {value!r}")
    return float(value)


def _whole(section: Mapping[str, Any], path: str, key: str, default: int) -> int:
    value = section.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise MetricsError(f"{path}.{key}", f"must be a whole number of 1 or more, not {value!r}")
    return value


def _metric(entry: Any, path: str) -> MetricDefinition:
    if not isinstance(entry, Mapping):
        raise MetricsError(path, "must be a [[metric]] table")
    unit = _text(entry, path, "unit")
    if unit not in UNITS:
        raise MetricsError(f"{path}.unit", f"must be one of {', '.join(UNITS)}, not {unit!r}")
    filters = entry.get("filters", [])
    if not isinstance(filters, list) or any(f not in FILTERS for f in filters):
        raise MetricsError(f"{path}.filters", f"must be a list drawn from {', '.join(FILTERS)}")
    return MetricDefinition(
        id=_text(entry, path, "id"),
        name=_text(entry, path, "name"),
        definition=_text(entry, path, "definition"),
        counts=_text(entry, path, "counts"),
        not_counted=_text(entry, path, "not_counted"),
        period=_text(entry, path, "period"),
        unit=unit,
        filters=tuple(filters),
    )


def _outcome(section: Any) -> OutcomeRule:
    if not isinstance(section, Mapping):
        raise MetricsError("outcome", "must be an [outcome] table")
    excluded = section.get("excluded_reasons", ["laid_off"])
    if not isinstance(excluded, list) or any(r not in SEPARATION_REASONS for r in excluded):
        raise MetricsError(
            "outcome.excluded_reasons",
            f"must be a list drawn from {', '.join(SEPARATION_REASONS)}",
        )
    return OutcomeRule(_whole(section, "outcome", "day", 90), frozenset(excluded))


def _partners(section: Any) -> PartnerWeights:
    if not isinstance(section, Mapping):
        raise MetricsError("partners", "must be a [partners] table")
    known = set(PartnerWeights.__dataclass_fields__)
    for key in section:
        if key not in known:
            raise MetricsError(f"partners.{key}", f"is not known; use {', '.join(sorted(known))}")
    floats = {
        k: _number(section, "partners", k, getattr(PartnerWeights, k))
        for k in known - {"rfi_quick_days", "top"}
    }
    return PartnerWeights(
        **floats,
        rfi_quick_days=_whole(section, "partners", "rfi_quick_days", 14),
        top=_whole(section, "partners", "top", 10),
    )


def from_mapping(mapping: Mapping[str, Any]) -> MetricDefinitions:
    """The definitions from parsed TOML; every problem names its key path."""
    entries = mapping.get("metric")
    if not isinstance(entries, list) or not entries:
        raise MetricsError("metric", "the file needs [[metric]] entries")
    metrics: dict[str, MetricDefinition] = {}
    for n, entry in enumerate(entries):
        metric = _metric(entry, f"metric[{n}]")
        if metric.id in metrics:
            raise MetricsError(f"metric[{n}].id", f"{metric.id!r} is defined twice")
        metrics[metric.id] = metric
    missing = [m for m in REQUIRED if m not in metrics]
    if missing:
        raise MetricsError("metric", f"missing definitions for {', '.join(missing)}")
    return MetricDefinitions(
        metrics,
        _outcome(mapping.get("outcome", {})),
        _partners(mapping.get("partners", {})),
    )


# Figures -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Figure:
    """One computed metric: value (None is "no data"), the counts it came from, its records."""

    definition: MetricDefinition
    value: float | None
    numerator: float | None = None
    denominator: float | None = None
    record_ids: tuple[str, ...] = ()
    note: str = ""

    @property
    def id(self) -> str:
        return self.definition.id

    def text(self) -> str:
        """The figure as people read it: 42, 87%, 3 days, $12,500.00, or "no data"."""
        if self.value is None:
            return NO_DATA
        unit = self.definition.unit
        if unit == "share":
            return f"{round(100 * self.value)}%"
        if unit == "dollars":
            return dollars(round(self.value * 100))
        if unit == "days":
            return f"{self.value:g} day" + ("" if self.value == 1 else "s")
        if unit == "average":
            return f"{self.value:.1f}"
        return f"{self.value:g}"

    def detail(self) -> str:
        """ "87% (20 of 23)" for shares, the plain figure otherwise."""
        if self.value is not None and self.definition.unit == "share":
            return f"{self.text()} ({self.numerator:g} of {self.denominator:g})"
        return self.text()

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.definition.name,
            "value": self.value,
            "text": self.text(),
            "numerator": self.numerator,
            "denominator": self.denominator,
            "unit": self.definition.unit,
            "records": len(self.record_ids),
            "definition": self.definition.text(),
            "note": self.note,
        }


def count(definition: MetricDefinition, ids: Sequence[str]) -> Figure:
    """A count of records; zero records in a period with nothing to count is still a count."""
    return Figure(definition, float(len(ids)), float(len(ids)), None, tuple(ids))


def ratio(
    definition: MetricDefinition, hits: Iterable[str], pool: Sequence[str], note: str = ""
) -> Figure:
    """hits / pool; an empty pool is "no data". The records behind it are the pool."""
    hit_set = set(hits)
    if not pool:
        return Figure(definition, None, 0.0, 0.0, (), note)
    numerator = sum(1 for p in pool if p in hit_set)
    return Figure(
        definition, numerator / len(pool), float(numerator), float(len(pool)), tuple(pool), note
    )


def average(definition: MetricDefinition, total: int, over: Sequence[str]) -> Figure:
    """total / len(over); nothing to average over is "no data"."""
    if not over:
        return Figure(definition, None, float(total), 0.0, ())
    return Figure(definition, total / len(over), float(total), float(len(over)), tuple(over))


def median_days(definition: MetricDefinition, spans: Mapping[str, int]) -> Figure:
    """Median of whole days per record; no records is "no data". Numerator: the sum of days."""
    if not spans:
        return Figure(definition, None, 0.0, 0.0, ())
    values = list(spans.values())
    return Figure(
        definition,
        float(statistics.median(values)),
        float(sum(values)),
        float(len(values)),
        tuple(spans),
    )


def money(definition: MetricDefinition, cents_by_record: Mapping[str, int]) -> Figure:
    """A dollar total (value in dollars, numerator in cents); no records is "no data"."""
    if not cents_by_record:
        return Figure(definition, None, 0.0, None, ())
    total = sum(cents_by_record.values())
    return Figure(definition, total / 100, float(total), None, tuple(cents_by_record))


@dataclass(frozen=True)
class Filters:
    """The page's filters; None means every job center, program or BSR."""

    office_id: str | None = None
    program: str | None = None
    staff_id: str | None = None

    def ignored_by(self, definition: MetricDefinition) -> list[str]:
        """Filters that are set but do not apply to this metric (said next to the figure)."""
        chosen = {"office": self.office_id, "program": self.program, "bsr": self.staff_id}
        return [k for k, v in chosen.items() if v and k not in definition.filters]
