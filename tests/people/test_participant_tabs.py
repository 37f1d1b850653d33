"""The referrals and placements tabs share one way of showing a participant's records:
choosing a person, keeping the chosen row across a refresh, emptying and locking when
nobody is chosen. Driven through the page on a real store."""

from __future__ import annotations

from datetime import date

import pytest

from app.services.agency import org
from app.services.people import progress, referrals
from app.ui.context import AppContext
from app.ui.people.participants_page import ParticipantsPage
from app.ui.people.record_tabs import PlacementsTab, ReferralsTab
from app.ui.people.tables import selected_id
from tests.people import helpers


@pytest.fixture
def ctx(store) -> AppContext:
    office = org.offices(store)[0]
    org.save_profile(store, "Rosa Diaz", office.id, ["wioa-adult"], email="rdiaz@agency.example")
    return AppContext(store=store)


@pytest.fixture
def page(qtbot, ctx) -> ParticipantsPage:
    widget = ParticipantsPage(ctx)
    qtbot.addWidget(widget)
    return widget


def test_placements_tab_follows_the_person_and_keeps_the_chosen_row(
    qtmodeltester, ctx, page
) -> None:
    employer = helpers.employer(ctx.store, "Lakeside Foods")
    ana = helpers.participant(ctx.store, "Ana", "Lopez")
    luis = helpers.participant(ctx.store, "Luis", "Perez")
    first = helpers.placement(ctx.store, employer, date(2026, 3, 2), person=ana)
    second = helpers.placement(ctx.store, employer, date(2026, 4, 6), person=ana)
    progress.log_check_in(ctx.store, second, 7, "2026-04-13", False, today=date(2026, 4, 14))
    tab = page.people.placements
    tab.today = date(2026, 5, 1)

    tab.set_participant(ana)
    assert tab.isEnabled() and tab.model.rowCount() == 2
    assert {r.id for r in tab.model.rows()} == {first, second}
    for model in (tab.model, tab.schedule, tab.log):
        qtmodeltester.check(model)

    row = next(i for i, r in enumerate(tab.model.rows()) if r.id == second)
    tab.view.selectRow(row)
    assert [c.placement_id for c in tab.log.rows()] == [second]
    tab.refresh()
    assert selected_id(tab.view) == second
    assert [c.placement_id for c in tab.log.rows()] == [second]

    tab.set_participant(luis)
    assert tab.isEnabled() and tab.model.rowCount() == 0
    assert tab.schedule.rowCount() == 0 and tab.log.rowCount() == 0
    for model in (tab.model, tab.schedule, tab.log):
        qtmodeltester.check(model)

    tab.set_participant(None)
    assert not tab.isEnabled() and tab.model.rowCount() == 0
    assert not tab.record_placement() and not tab.log_check_in()


def test_referrals_tab_follows_the_person_and_selects_the_first_row(
    qtmodeltester, ctx, page
) -> None:
    employer = helpers.employer(ctx.store, "Lakeside Foods")
    ana = helpers.participant(ctx.store, "Ana", "Lopez")
    for title in ("Prep cook", "Dishwasher"):
        referrals.create_referral(
            ctx.store,
            ana,
            "2026-03-01",
            employer_id=employer,
            position_title=title,
            today=date(2026, 3, 2),
        )
    tab = page.people.referrals

    tab.set_participant(ana)
    assert tab.isEnabled() and tab.model.rowCount() == 2
    assert selected_id(tab.view) == tab.model.row_at(0).id
    qtmodeltester.check(tab.model)
    tab.view.selectRow(1)
    chosen = selected_id(tab.view)
    tab.refresh()
    assert selected_id(tab.view) == chosen

    tab.set_participant(None)
    assert not tab.isEnabled() and tab.model.rowCount() == 0
    assert selected_id(tab.view) is None
    assert not tab.refer() and not tab.record_outcome() and not tab.record_hire()
    qtmodeltester.check(tab.model)


def test_both_tabs_are_one_kind_of_tab(page) -> None:
    referrals_tab, placements_tab = page.people.referrals, page.people.placements
    assert isinstance(referrals_tab, ReferralsTab) and isinstance(placements_tab, PlacementsTab)
    assert type(referrals_tab).refresh is type(placements_tab).refresh
    assert type(referrals_tab)._run is type(placements_tab)._run
