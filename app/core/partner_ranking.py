"""Top partners of the year: points from what each employer did with us, with reasons in words.

Pure: the figures per employer and the weights (forms/metrics.toml [partners])
come in, the ranking goes out. Employers marked "Poor fit" by the retention rule
are left out, with the reason, so a thank-you never rewards letting people go.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from app.core.metrics import PartnerWeights


@dataclass(frozen=True)
class PartnerFigures:
    employer_id: str
    name: str
    referrals: int = 0
    referrals_accepted: int = 0
    hires: int = 0
    retained_90: int = 0
    measured_90: int = 0
    events: int = 0
    checkins_answered: int = 0
    checkins_asked: int = 0
    rfi_days: int | None = None
    ojt_completed: int = 0
    poor_fit: tuple[str, ...] = ()

    @property
    def retention_share(self) -> float | None:
        return self.retained_90 / self.measured_90 if self.measured_90 else None


@dataclass(frozen=True)
class RankedPartner:
    rank: int
    figures: PartnerFigures
    score: float
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class LeftOut:
    figures: PartnerFigures
    why: str


@dataclass(frozen=True)
class Ranking:
    year: int
    ranked: tuple[RankedPartner, ...]
    left_out: tuple[LeftOut, ...] = field(default_factory=tuple)


def _plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


def score_and_reasons(f: PartnerFigures, w: PartnerWeights) -> tuple[float, list[str]]:
    """Points for one employer and the sentences that explain them (largest share first)."""
    parts: list[tuple[float, str]] = []
    if f.hires:
        parts.append(
            (w.hires * f.hires, f"Hired {_plural(f.hires, 'person', 'people')} we referred.")
        )
    if f.referrals_accepted:
        parts.append(
            (
                w.referrals_accepted * f.referrals_accepted,
                f"Interviewed or hired {f.referrals_accepted} of the "
                f"{_plural(f.referrals, 'candidate')} we sent.",
            )
        )
    share = f.retention_share
    if share is not None:
        parts.append(
            (
                w.retention_90 * share,
                f"{f.retained_90} of {_plural(f.measured_90, 'hire')} still employed at 90 days "
                f"({round(100 * share)}%).",
            )
        )
    if f.events:
        parts.append(
            (w.events * f.events, f"Hosted or joined {_plural(f.events, 'hiring event')}.")
        )
    if f.checkins_answered:
        parts.append(
            (
                w.checkin_replies * f.checkins_answered,
                f"Answered {f.checkins_answered} of {_plural(f.checkins_asked, 'check-in')} "
                "on the people placed there.",
            )
        )
    if f.rfi_days is not None and f.rfi_days <= w.rfi_quick_days:
        parts.append(
            (w.rfi_turnaround, f"Returned the RFI {_plural(f.rfi_days, 'day')} after we sent it.")
        )
    if f.ojt_completed:
        parts.append(
            (
                w.ojt_completed * f.ojt_completed,
                f"Completed {_plural(f.ojt_completed, 'On-the-Job Training')}.",
            )
        )
    parts = [p for p in parts if p[0] > 0]
    parts.sort(key=lambda p: -p[0])
    return round(sum(p[0] for p in parts), 2), [p[1] for p in parts]


def rank(year: int, partners: Iterable[PartnerFigures], weights: PartnerWeights) -> Ranking:
    """The top `weights.top` partners by points (ties by name); poor fits left out with why."""
    scored: list[tuple[float, PartnerFigures, Sequence[str]]] = []
    left_out: list[LeftOut] = []
    for f in partners:
        score, reasons = score_and_reasons(f, weights)
        if f.poor_fit:
            if score > 0:
                why = "Marked Poor fit: " + " ".join(f.poor_fit)
                left_out.append(LeftOut(f, why))
            continue
        if score > 0:
            scored.append((score, f, reasons))
    scored.sort(key=lambda s: (-s[0], s[1].name.casefold()))
    ranked = tuple(
        RankedPartner(n, f, score, tuple(reasons))
        for n, (score, f, reasons) in enumerate(scored[: weights.top], 1)
    )
    return Ranking(year, ranked, tuple(sorted(left_out, key=lambda x: x.figures.name.casefold())))
