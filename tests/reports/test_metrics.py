"""Each metric on a world with known answers, an empty period and a planned-only period."""

from __future__ import annotations

from datetime import date

import pytest

from app.core import periods
from app.core.metrics import Filters
from app.services.reports.metrics import Scope, compute
from tests.reports import world


@pytest.fixture
def known(store):
    return world.build(store)


def figures(store, start, end, **filters):
    scope = Scope(periods.custom(start, end), Filters(**filters), as_of=world.AS_OF)
    return compute(store, scope)


def test_reach_counts_only_events_held(store, known):
    f = figures(store, date(2026, 3, 1), date(2026, 3, 31))
    assert f["events_held"].value == 2
    assert set(f["events_held"].record_ids) == {known["ev1"], known["ev2"]}
    assert f["registered"].value == 5
    assert f["came"].value == 4
    assert set(f["came"].record_ids) == {known["r1"], known["r2"], known["r4"], known["r5"]}
    assert f["walk_ins"].value == 2
    assert f["returning"].record_ids == (known["r4"],)
    per = f["came_per_event"]
    assert (per.value, per.numerator, per.denominator) == (2.0, 4, 2)


def test_period_with_only_planned_events_has_no_reach(store, known):
    f = figures(store, date(2026, 4, 1), date(2026, 4, 30))
    assert f["events_held"].value == 0
    assert f["registered"].value == 0
    assert f["came"].value == 0
    assert f["came_per_event"].value is None
    assert f["came_per_event"].text() == "no data"


def test_empty_period_says_no_data_never_zero_percent(store, known):
    f = figures(store, date(2024, 1, 1), date(2024, 12, 31))
    for key in (
        "retention_30",
        "retention_90",
        "retention_180",
        "outcome_rate",
        "checkin_response",
        "days_to_rfi",
        "days_to_eligibility",
        "came_per_event",
    ):
        assert f[key].value is None, key
        assert f[key].text() == "no data"
    assert f["placements"].value == 0
    assert f["placements"].text() == "0"


def test_placements_retention_and_outcome_rate(store, known):
    f = figures(store, date(2026, 1, 1), date(2026, 6, 30))
    assert f["placements"].value == 5
    r30 = f["retention_30"]
    assert (r30.numerator, r30.denominator, r30.text()) == (3, 4, "75%")
    r90 = f["retention_90"]
    assert (r90.numerator, r90.denominator) == (2, 4)
    assert f["retention_180"].text() == "no data"
    outcome = f["outcome_rate"]
    # The layoff (pl3) leaves both numbers; the firing (pl2) stays a failure.
    assert (outcome.numerator, outcome.denominator) == (2, 3)
    assert set(outcome.record_ids) == {known["pl1"], known["pl2"], known["pl4"]}
    assert outcome.detail() == "67% (2 of 3)"
    assert "1 left out" in outcome.note


def test_pipeline_days_are_medians(store, known):
    f = figures(store, date(2026, 2, 1), date(2026, 2, 28))
    assert f["days_to_rfi"].value == 4.5
    assert f["days_to_rfi"].denominator == 2
    assert f["days_to_eligibility"].value == 2
    assert f["days_to_eligibility"].text() == "2 days"


def test_checkin_response_rate(store, known):
    f = figures(store, date(2026, 1, 1), date(2026, 6, 30))
    c = f["checkin_response"]
    assert (c.numerator, c.denominator) == (2, 3)


def test_bsr_activity_and_filters(store, known):
    f = figures(store, date(2026, 1, 1), date(2026, 6, 30))
    assert f["bsr_activity"].value == 6
    mine = figures(store, date(2026, 1, 1), date(2026, 6, 30), staff_id=known["ana"])
    assert mine["bsr_activity"].value == 3
    assert mine["placements"].value == 4
    assert mine["days_to_eligibility"].record_ids == (known["oak"],)
    march_nr = figures(store, date(2026, 3, 1), date(2026, 3, 31), office_id=known["nr"])
    assert march_nr["events_held"].record_ids == (known["ev1"],)
    assert march_nr["came"].value == 2
    p2p = figures(store, date(2026, 3, 1), date(2026, 3, 31), program="p2p")
    assert p2p["came"].record_ids == (known["r2"],)
    assert "filter does not apply" in p2p["days_to_rfi"].note


def test_every_figure_carries_its_definition(store, known):
    f = figures(store, date(2026, 1, 1), date(2026, 6, 30))
    for figure in f.values():
        d = figure.as_dict()
        assert d["definition"].startswith(figure.definition.name)
        assert {"value", "numerator", "denominator"} <= d.keys()


def test_ojt_money_comes_from_the_ojt_totals(store, known):
    f = figures(store, date(2026, 1, 1), date(2026, 6, 30))
    assert f["ojt_reimbursed"].text() == "$2,300.00"
    assert f["ojt_reimbursed"].numerator == 230000
    assert f["ojt_committed"].text() == "$500.00"
    assert set(f["ojt_reimbursed"].record_ids) == {known["ojt_oak"], known["ojt_cedar"]}
    north = figures(store, date(2026, 1, 1), date(2026, 6, 30), office_id=known["nr"])
    assert north["ojt_reimbursed"].numerator == 200000
    p2p = figures(store, date(2026, 1, 1), date(2026, 6, 30), program="p2p")
    assert p2p["ojt_reimbursed"].numerator == 30000
    mine = figures(store, date(2026, 1, 1), date(2026, 6, 30), staff_id=known["ana"])
    assert mine["ojt_reimbursed"].numerator == 200000
    assert mine["ojt_reimbursed"].record_ids == (known["ojt_oak"],)
    assert not mine["ojt_reimbursed"].note
    # Filters combine: a North Riverside agreement of the p2p program there is none of.
    none = figures(store, date(2026, 1, 1), date(2026, 6, 30), office_id=known["nr"], program="p2p")
    assert none["ojt_reimbursed"].numerator == 0
    march = figures(store, date(2026, 3, 1), date(2026, 3, 31))
    assert march["ojt_reimbursed"].text() == "$1,200.00"


def test_no_ojt_agreements_is_no_data(store):
    scope = Scope(periods.custom(date(2026, 1, 1), date(2026, 6, 30)), as_of=world.AS_OF)
    f = compute(store, scope)
    assert f["ojt_reimbursed"].text() == "no data"
