"""An employer's fit as the whole desk applies it: the team's placement history, or a BSR's
override of it, with the reasons a BSR can repeat.

The agency's judgement ("employers who hire and let go within a short time are not a good
fit") comes from `app.core.retention.fit_signal` over every placement the team has synced,
not from the employer's own RFI answers. A BSR who knows better (a new owner, a closed
night shift) records an override with a reason; it is a synced record, so the whole team
sees who decided what and when, and every place that uses fit (the list, the eligibility
panel, the host rotation, referrals) uses the same answer from `employer_fit` below.

Pure: figures and the override in, the answer out.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from app.core.retention import FitLevel, FitSignal

#: Levels a BSR may set by hand ("too early to tell" is never a decision).
OVERRIDE_LEVELS = (FitLevel.GOOD, FitLevel.WATCH, FitLevel.POOR)


@dataclass(frozen=True)
class Override:
    """A BSR's decision on an employer's fit: the level, why, who and when (UTC)."""

    level: FitLevel
    reason: str
    decided_by: str
    decided_at: datetime

    def text(self, local_day: str) -> str:
        """One sentence for the team: "Set to Good fit by Ana R. on 11/02/26: new owner."."""
        who = self.decided_by or "a BSR"
        return f"Set to {self.level.label} by {who} on {local_day}: {self.reason}"


@dataclass(frozen=True)
class EmployerFit:
    """The level everyone applies, what the placement history says, and why."""

    level: FitLevel
    measured: FitLevel
    reasons: tuple[str, ...]
    override: Override | None = None

    @property
    def poor(self) -> bool:
        return self.level is FitLevel.POOR

    @property
    def overridden(self) -> bool:
        return self.override is not None and self.override.level is not self.measured

    def why(self) -> str:
        """The reasons in one line (for a tooltip, a skipped host, a refused program)."""
        return " ".join(self.reasons)


def employer_fit(
    signal: FitSignal | None, override: Override | None, override_day: str = ""
) -> EmployerFit:
    """Combine the history's signal (None: no placements yet) with the standing override.

    The override decides the level; the history's reasons stay listed after it so
    nobody loses sight of the figures that were overruled.
    """
    measured = signal.level if signal is not None else FitLevel.UNKNOWN
    history = signal.reasons if signal is not None else ("No placements yet.",)
    if override is None:
        return EmployerFit(measured, measured, tuple(history))
    first = override.text(override_day or f"{override.decided_at:%Y-%m-%d}")
    placed = tuple(f"Placements: {r}" for r in history)
    return EmployerFit(override.level, measured, (first, *placed), override)


def standing(overrides: Iterable[Override]) -> Override | None:
    """The override in force: the latest decided (ties broken by every field, so every laptop
    agrees whatever order the rows arrived in)."""
    found = sorted(overrides, key=lambda o: (o.decided_at, o.level.value, o.reason, o.decided_by))
    return found[-1] if found else None


#: Read to the employer when a program refuses a poor fit: it speaks of the jobs, never of
#: an override or who set it.
REFUSAL = (
    "Our records of the people placed with you show jobs that did not last, and this "
    "program places people in secure, lasting jobs, so we cannot use it now; we are "
    "glad to talk about retention support."
)
#: Where the refusal comes from, as the eligibility panel cites every rule.
REFUSAL_SOURCE = "Agency employer-fit practice (the team's placement history)"


def refusal(fit: EmployerFit) -> str | None:
    """Why a program that refuses poor-fit employers refuses this one, or None."""
    return REFUSAL if fit.poor else None


def check_override(level: str, reason: str) -> tuple[FitLevel, str]:
    """The level and reason of a new override, or ValueError naming what is wrong."""
    try:
        chosen = FitLevel(level)
    except ValueError:
        chosen = None
    if chosen not in OVERRIDE_LEVELS:
        names = ", ".join(x.label for x in OVERRIDE_LEVELS)
        raise ValueError(f"Choose the fit to record: {names}.")
    cleaned = " ".join(reason.split())
    if len(cleaned) < 5:
        raise ValueError("Write why the placement history should not decide (a few words).")
    return chosen, cleaned
