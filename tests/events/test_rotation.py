"""The hosting rotation is fair for every set of partners and every history."""

from __future__ import annotations

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.core.rotation import (
    Candidate,
    Hosting,
    add_months,
    calendar,
    months_between,
    plan,
    replay,
    swap,
)

START = date(2027, 1, 1)


def partners_strategy(min_size: int = 1):
    return st.lists(
        st.builds(
            Candidate,
            employer_id=st.text("abcdefghij", min_size=1, max_size=3),
            name=st.text("ABCxyz ", min_size=1, max_size=6),
            openings=st.integers(0, 40),
            active=st.booleans(),
        ),
        min_size=min_size,
        max_size=9,
        unique_by=lambda p: p.employer_id,
    )


def history_strategy():
    return st.lists(
        st.tuples(st.text("abcdefghij", min_size=1, max_size=3), st.integers(1, 36)),
        max_size=15,
    ).map(lambda rows: [Hosting(e, add_months(START, -n)) for e, n in rows])


@given(partners_strategy(), st.integers(1, 30))
@settings(
    max_examples=60, database=None, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
def test_nobody_hosts_twice_before_every_eligible_partner_hosted_once(partners, months):
    eligible = {p.employer_id for p in partners if p.eligible}
    proposals = plan(partners, [], START, months)
    hosts = [p.employer_id for p in proposals]
    if not eligible:
        assert hosts == []
        return
    assert len(hosts) == months
    n = len(eligible)
    for block_start in range(0, months, n):
        block = hosts[block_start : block_start + n]
        assert len(set(block)) == len(block), f"someone hosted twice in one round: {block}"
        if len(block) == n:
            assert set(block) == eligible


@given(partners_strategy(), history_strategy(), st.integers(1, 24))
@settings(
    max_examples=60, database=None, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
def test_only_eligible_partners_are_proposed_one_per_month(partners, history, months):
    eligible = {p.employer_id for p in partners if p.eligible}
    proposals = plan(partners, history, START, months)
    assert all(p.employer_id in eligible for p in proposals)
    assert [p.month for p in proposals] == (
        [add_months(START, i) for i in range(months)] if eligible else []
    )


@given(partners_strategy(), history_strategy())
@settings(
    max_examples=60, database=None, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
def test_partners_waiting_in_the_current_round_come_first(partners, history):
    eligible = {p.employer_id for p in partners if p.eligible}
    state = replay(history, partners)
    waiting = eligible - state.hosted_this_round
    proposals = plan(partners, history, START, len(waiting))
    assert {p.employer_id for p in proposals} == waiting


@given(partners_strategy(min_size=2), st.integers(2, 12), st.data())
@settings(
    max_examples=60, database=None, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
def test_swap_keeps_the_chosen_host_and_the_rounds_fair_afterwards(partners, months, data):
    eligible = sorted(p.employer_id for p in partners if p.eligible)
    proposals = plan(partners, [], START, months)
    if len(eligible) < 2:
        return
    index = data.draw(st.integers(0, months - 1))
    chosen = data.draw(st.sampled_from(eligible))
    month = add_months(START, index)
    swapped = swap(partners, [], proposals, month, chosen)
    assert [p.month for p in swapped] == [p.month for p in proposals]
    assert swapped[:index] == proposals[:index]
    assert swapped[index].employer_id == chosen and swapped[index].swapped
    # After the swap, the months that follow are a fresh plan from that state.
    history = [Hosting(p.employer_id, p.month) for p in swapped[: index + 1]]
    rest = plan(partners, history, add_months(month, 1), months - index - 1)
    assert [p.employer_id for p in swapped[index + 1 :]] == [p.employer_id for p in rest]


def test_longest_waiting_goes_first_and_openings_weigh_in():
    partners = [
        Candidate("a", "Alpha", openings=2),
        Candidate("b", "Bravo", openings=2),
        Candidate("c", "Charlie", openings=30),
    ]
    history = [
        Hosting("a", date(2026, 3, 1)),
        Hosting("b", date(2026, 9, 1)),
        Hosting("c", date(2026, 3, 1)),
    ]
    # Every partner hosted in the last round; a new round starts. Alpha and Charlie waited
    # equally long, Charlie has more openings.
    first_three = [p.employer_id for p in plan(partners, history, START, 3)]
    assert first_three == ["c", "a", "b"]


def test_never_hosted_partner_goes_before_recent_hosts_and_inactive_are_skipped():
    partners = [
        Candidate("old", "Old Friend", openings=5),
        Candidate("new", "Newcomer", openings=1),
        Candidate("gone", "Closed Shop", openings=9, active=False),
        Candidate("full", "No Openings", openings=0),
    ]
    history = [Hosting("old", date(2026, 12, 1))]
    proposals = plan(partners, history, START, 4)
    assert [p.employer_id for p in proposals] == ["new", "old", "new", "old"]


def test_calendar_merges_past_and_proposed_in_month_order():
    past = [(Hosting("a", date(2026, 11, 1)), "Alpha"), (Hosting("b", date(2026, 12, 1)), "Bravo")]
    proposals = plan(
        [Candidate("a", "Alpha", 3), Candidate("b", "Bravo", 3)], [h for h, _ in past], START, 2
    )
    cells = calendar(past, proposals)
    assert [(c.month.month, c.name, c.proposed) for c in cells] == [
        (11, "Alpha", False),
        (12, "Bravo", False),
        (1, "Alpha", True),
        (2, "Bravo", True),
    ]
    assert months_between(date(2026, 11, 1), date(2027, 2, 1)) == 3


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(partners_strategy(), st.data())
def test_a_partner_with_a_skip_reason_is_never_proposed(partners, data) -> None:
    """A poor fit is left out of every plan and listed as skipped; the others still rotate."""
    ids = [p.employer_id for p in partners]
    poor = set(data.draw(st.lists(st.sampled_from(ids), unique=True)))
    marked = [
        Candidate(
            p.employer_id, p.name, p.openings, p.active, "Poor fit" if p.employer_id in poor else ""
        )
        for p in partners
    ]
    proposals = plan(marked, [], START, 12)
    assert not {p.employer_id for p in proposals} & poor
    assert {c.employer_id for c in marked if c.skipped} == {
        p.employer_id for p in partners if p.active and p.employer_id in poor
    }
    others = [c for c in marked if c.eligible]
    assert bool(proposals) == bool(others)
