"""Who hosts the monthly hiring event: a fair rotation among active partners.

Hosting goes round in rounds. In each round every eligible partner (active,
with open positions) hosts once before anyone hosts a second time. Within a
round the partner who has waited longest goes first, weighted by how many
openings they have, so a partner with twenty openings who hosted last spring
comes before one with one opening who hosted at the same time.

A partner whose fit is poor (people let go within days; see app.core.fit) is
never proposed: it is listed as skipped, with why, and does not hold up the round.

Pure: data in, a plan out. The service layer reads partners and past events
and saves accepted proposals as events.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

#: How long a partner who has never hosted counts as having waited, in months.
NEVER_HOSTED_MONTHS = 24


@dataclass(frozen=True)
class Candidate:
    """A partner employer as the planner sees it: active or not, how many openings, and
    why it is left out of the rotation (a poor fit), if it is."""

    employer_id: str
    name: str
    openings: int
    active: bool = True
    skip_reason: str = ""

    @property
    def eligible(self) -> bool:
        return self.active and self.openings > 0 and not self.skip_reason

    @property
    def skipped(self) -> bool:
        """An active partner left out whatever its openings, with `skip_reason` saying why
        (listed so the BSR knows why a partner never comes up)."""
        return self.active and bool(self.skip_reason)


@dataclass(frozen=True)
class Hosting:
    """A past (or accepted) hosting: which partner, in which month (first day of month)."""

    employer_id: str
    month: date


@dataclass(frozen=True)
class Proposal:
    month: date
    employer_id: str
    name: str
    score: float
    swapped: bool = False


@dataclass
class RoundState:
    """Where the rotation stands: last month each partner hosted, and who hosted this round."""

    last_hosted: dict[str, date] = field(default_factory=dict)
    hosted_this_round: set[str] = field(default_factory=set)


def month_start(day: date) -> date:
    return day.replace(day=1)


def add_months(month: date, count: int) -> date:
    index = month.year * 12 + month.month - 1 + count
    return date(index // 12, index % 12 + 1, 1)


def months_between(earlier: date, later: date) -> int:
    return (later.year - earlier.year) * 12 + later.month - earlier.month


def replay(history: Iterable[Hosting], partners: Sequence[Candidate]) -> RoundState:
    """Rebuild the round from past hostings, oldest first.

    A round ends when every currently eligible partner has hosted in it, or
    when someone hosts a second time (a swap or a hand-made event did it);
    the second hosting then opens the next round.
    """
    eligible = {p.employer_id for p in partners if p.eligible}
    state = RoundState()
    for h in sorted(history, key=lambda h: (h.month, h.employer_id)):
        if h.employer_id in state.hosted_this_round:
            state.hosted_this_round = set()
        state.hosted_this_round.add(h.employer_id)
        previous = state.last_hosted.get(h.employer_id)
        if previous is None or h.month > previous:
            state.last_hosted[h.employer_id] = h.month
        if eligible and eligible <= state.hosted_this_round:
            state.hosted_this_round = set()
    return state


def score(partner: Candidate, month: date, last_hosted: date | None) -> float:
    """Months waited times a weight that grows with openings (log, so size helps but never rules)."""
    waited = NEVER_HOSTED_MONTHS if last_hosted is None else months_between(last_hosted, month)
    return max(waited, 0) * (1.0 + math.log1p(max(partner.openings, 0)))


def _pick(
    partners: Sequence[Candidate], state: RoundState, month: date
) -> tuple[Candidate, float] | None:
    eligible = [p for p in partners if p.eligible]
    if not eligible:
        return None
    pool = [p for p in eligible if p.employer_id not in state.hosted_this_round]
    if not pool:
        state.hosted_this_round = set()
        pool = eligible
    ranked = sorted(
        pool,
        key=lambda p: (
            -score(p, month, state.last_hosted.get(p.employer_id)),
            state.last_hosted.get(p.employer_id, date.min),
            -p.openings,
            p.name.casefold(),
            p.employer_id,
        ),
    )
    best = ranked[0]
    return best, score(best, month, state.last_hosted.get(best.employer_id))


def _host(state: RoundState, partners: Sequence[Candidate], employer_id: str, month: date) -> None:
    eligible = {p.employer_id for p in partners if p.eligible}
    if employer_id in state.hosted_this_round:
        state.hosted_this_round = set()
    state.hosted_this_round.add(employer_id)
    state.last_hosted[employer_id] = month
    if eligible and eligible <= state.hosted_this_round:
        state.hosted_this_round = set()


def plan(
    partners: Sequence[Candidate],
    history: Iterable[Hosting],
    first_month: date,
    months: int,
    fixed: dict[date, str] | None = None,
    swapped_months: set[date] | None = None,
) -> list[Proposal]:
    """Propose one host per month for `months` months from `first_month`.

    `fixed` holds months already decided (accepted or swapped by a BSR); the
    months after them are planned around those choices. A month with no
    eligible partner is left out. Fixed months are marked swapped unless
    `swapped_months` names which are.
    """
    fixed = {month_start(k): v for k, v in (fixed or {}).items()}
    marked = set(fixed) if swapped_months is None else swapped_months
    by_id = {p.employer_id: p for p in partners}
    state = replay(history, partners)
    result: list[Proposal] = []
    month = month_start(first_month)
    for _ in range(months):
        chosen = fixed.get(month)
        if chosen is not None:
            partner = by_id.get(chosen) or Candidate(chosen, chosen, 0, active=False)
            value = score(partner, month, state.last_hosted.get(chosen))
            result.append(Proposal(month, chosen, partner.name, value, swapped=month in marked))
            _host(state, partners, chosen, month)
        else:
            picked = _pick(partners, state, month)
            if picked is not None:
                partner, value = picked
                result.append(Proposal(month, partner.employer_id, partner.name, value))
                _host(state, partners, partner.employer_id, month)
        month = add_months(month, 1)
    return result


def swap(
    partners: Sequence[Candidate],
    history: Iterable[Hosting],
    proposals: Sequence[Proposal],
    month: date,
    employer_id: str,
) -> list[Proposal]:
    """Give `month` to `employer_id` instead and re-plan the months after it.

    Months before it and other swapped months keep their hosts.
    """
    if not proposals:
        return []
    month = month_start(month)
    fixed = {p.month: p.employer_id for p in proposals if p.swapped or p.month < month}
    fixed[month] = employer_id
    marked = {p.month for p in proposals if p.swapped} | {month}
    first = min(p.month for p in proposals)
    span = months_between(first, max(p.month for p in proposals)) + 1
    return plan(partners, history, first, span, fixed, marked)


@dataclass(frozen=True)
class CalendarCell:
    """One month of the hosting calendar: who hosted (past) or is proposed (future)."""

    month: date
    employer_id: str
    name: str
    proposed: bool


def calendar(
    past: Iterable[tuple[Hosting, str]], proposals: Sequence[Proposal]
) -> list[CalendarCell]:
    """Past hostings (with names) and proposals in one list, month by month."""
    cells = [CalendarCell(h.month, h.employer_id, name, False) for h, name in past]
    cells += [CalendarCell(p.month, p.employer_id, p.name, True) for p in proposals]
    return sorted(cells, key=lambda c: (c.month, c.proposed, c.name))
