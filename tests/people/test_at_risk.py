"""People in trouble: the at-risk rule, the Today list with who to tell, and ended jobs."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.core.checkins import (
    Attempt,
    CheckinRules,
    CheckinRulesError,
    risk_reasons,
    rules_from_mapping,
)
from app.services.agency import org
from app.services.people import at_risk, placements, progress
from app.ui.context import AppContext
from app.ui.people.models import AtRiskModel
from app.ui.people.today_sections import AtRiskSection
from tests.people import helpers

RULES = CheckinRules()
TODAY = date(2026, 6, 1)


def test_thresholds_come_from_the_forms_file() -> None:
    rules = rules_from_mapping(
        {"at_risk": {"absences_at_least": 5, "late_arrivals_at_least": 4, "unanswered_in_a_row": 3}}
    )
    assert (rules.risk_absences, rules.risk_late_arrivals, rules.risk_unanswered_in_a_row) == (
        5,
        4,
        3,
    )
    with pytest.raises(CheckinRulesError, match=r"\[at_risk\] absences_at_least"):
        rules_from_mapping({"at_risk": {"absences_at_least": 0}})


def test_reasons_in_words() -> None:
    d = date(2026, 5, 1)
    assert risk_reasons([Attempt(d, True, 3, 0)], RULES) == ["3 absences reported on 2026-05-01"]
    assert risk_reasons([Attempt(d, True, 0, 4)], RULES) == ["Late 4 times, reported on 2026-05-01"]
    assert risk_reasons([Attempt(d, True, 2, 2)], RULES) == []
    two_silent = [
        Attempt(d, True, 0, 0),
        Attempt(d + timedelta(7), False),
        Attempt(d + timedelta(14), False),
    ]
    assert risk_reasons(two_silent, RULES) == ["2 check-ins in a row unanswered"]
    # A later, better report clears the earlier absences.
    assert (
        risk_reasons([Attempt(d, True, 5, 0), Attempt(d + timedelta(7), True, 0, 0)], RULES) == []
    )


attempts = st.lists(
    st.builds(
        Attempt,
        st.dates(date(2025, 1, 1), date(2026, 12, 31)),
        st.booleans(),
        st.one_of(st.none(), st.integers(0, 20)),
        st.one_of(st.none(), st.integers(0, 20)),
    ),
    max_size=12,
)


@given(attempts)
def test_at_risk_exactly_when_a_threshold_is_reached(history: list[Attempt]) -> None:
    reasons = risk_reasons(history, RULES)
    days = [a.checked_on for a in history if a.answered]
    last = [a for a in history if a.answered and a.checked_on == max(days)] if days else []
    silent = 0
    for a in sorted(history, key=lambda a: (a.checked_on, a.answered), reverse=True):
        if a.answered:
            break
        silent += 1
    expected = (
        any((a.absences or 0) >= RULES.risk_absences for a in last)
        + any((a.late_arrivals or 0) >= RULES.risk_late_arrivals for a in last)
        + (silent >= RULES.risk_unanswered_in_a_row)
    )
    assert len(reasons) == expected


@pytest.fixture
def ctx(store) -> AppContext:
    office = org.offices(store)[0]
    org.save_profile(store, "Rosa Diaz", office.id, ["wioa-adult"], phone="(312) 555-0142")
    return AppContext(store=store)


def test_today_lists_people_at_risk_with_who_to_tell(qtbot, qtmodeltester, ctx) -> None:
    store = ctx.store
    me = ctx.me_id
    plant = helpers.employer(store, "Harbor Plastics")
    absent = helpers.placement(store, plant, TODAY - timedelta(days=40), staff_id=me)
    progress.log_check_in(
        store, absent, 28, TODAY - timedelta(days=10), True, absences=4, today=TODAY
    )
    quiet = helpers.placement(store, plant, TODAY - timedelta(days=40))
    for ago in (20, 12):
        progress.log_check_in(store, quiet, 21, TODAY - timedelta(days=ago), False, today=TODAY)
    fine = helpers.placement(store, plant, TODAY - timedelta(days=40))
    progress.log_check_in(
        store, fine, 28, TODAY - timedelta(days=10), True, absences=1, today=TODAY
    )
    # Laid off with absences on record: the job is over, nobody is chased about it.
    gone = helpers.placement(store, plant, TODAY - timedelta(days=90))
    progress.log_check_in(
        store, gone, 21, TODAY - timedelta(days=68), True, absences=6, today=TODAY
    )
    placements.record_separation(store, gone, TODAY - timedelta(days=49), "laid_off", today=TODAY)

    found = at_risk.at_risk(store, TODAY)
    assert {r.placement_id for r in found} == {absent, quiet}
    first = next(r for r in found if r.placement_id == absent)
    assert first.reasons == ("4 absences reported on 2026-05-22",)
    assert first.tell == "Rosa Diaz ((312) 555-0142)"
    assert next(r for r in found if r.placement_id == quiet).reasons == (
        "2 check-ins in a row unanswered",
    )
    assert [r.placement_id for r in at_risk.at_risk(store, TODAY, staff_id=me)] == [absent]
    assert gone not in {o.placement_id for o in progress.overdue_check_ins(store, TODAY)}

    section = AtRiskSection(ctx)
    qtbot.addWidget(section)
    section.today = TODAY
    section.owner_id = None
    section.refresh()
    assert section.heading.text() == "People at risk (2)"
    qtmodeltester.check(section.model)
    with qtbot.waitSignal(ctx.signals.open_employer) as opened:
        section.open_row(0)
    assert opened.args == [plant]
    # The employer reports no absences any more: the list empties on the next change.
    progress.log_check_in(
        store, absent, 60, TODAY, True, absences=0, today=TODAY + timedelta(days=30)
    )
    progress.log_check_in(store, quiet, 28, TODAY, True, employer_said="Doing well", today=TODAY)
    ctx.signals.data_changed.emit("progresscheckin")
    assert section.model.rowCount() == 0


def test_model_on_no_rows(qtmodeltester) -> None:
    model = AtRiskModel()
    qtmodeltester.check(model)
