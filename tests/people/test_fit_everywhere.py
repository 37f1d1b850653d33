"""A poor-fit employer (people let go within days) through every place that applies fit:
the employer list and page, the eligibility panel, the host rotation, referrals; and a BSR's
override, recorded with a reason, that changes all of them and reaches a second store."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from app.core.models import Employer, OpenPosition
from app.core.pipeline import Stage
from app.core.programs import Result
from app.core.retention import FitLevel
from app.core.validation import FieldError
from app.services.agency import org, settings
from app.services.employers import fit
from app.services.events import events
from app.services.people import placements, referrals
from app.services.rfi import eligibility
from app.store.engine import open_store
from app.sync import engine as sync_engine
from app.sync.folder import FolderTransport
from app.ui.context import AppContext
from app.ui.employers.page import EmployersPage
from app.ui.people.employer_sections import EmployerPlacementsSection
from app.ui.rfi.panel import EligibilityPanel
from tests.people import helpers
from tests.people.test_ui_people import answer
from tests.sync.helpers import KEYS

TODAY = date.today()
REFUSING = ("ojt_adult", "dhs_subsidized", "hiring_events", "referrals")


def partner(store, name: str, openings: int = 5) -> str:
    employer_id = helpers.employer(store, name)
    with store.transaction() as session:
        row = session.get(Employer, employer_id)
        row.stage = Stage.ACTIVE_PARTNER.value
        session.add(row)
        session.add(OpenPosition(employer_id=employer_id, title="Loader", openings=openings))
    return employer_id


def churn(store) -> str:
    """Three hires let go within two weeks: a poor fit by the team's placement history."""
    churning = partner(store, "Churn Logistics", openings=20)
    for lasted in (5, 9, 12):
        pid = helpers.placement(store, churning, TODAY - timedelta(days=120))
        placements.record_separation(
            store, pid, TODAY - timedelta(days=120 - lasted), "laid_off", today=TODAY
        )
    return churning


def steady(store) -> str:
    kept = partner(store, "Steady Foods", openings=2)
    for n in range(3):
        helpers.placement(store, kept, TODAY - timedelta(days=150 + n))
    return kept


@pytest.fixture
def ctx(store) -> AppContext:
    office = org.offices(store)[0]
    org.save_profile(store, "Rosa Diaz", office.id, ["wioa-adult"])
    return AppContext(store=store)


def me(store) -> str:
    found = settings.me(store)
    assert found is not None
    return found.id


def test_the_placement_history_decides_and_every_service_applies_it(ctx) -> None:
    store = ctx.store
    bad, good = churn(store), steady(store)
    found = fit.fit_of(store, bad)
    assert found.poor and "3 hired and let go within 30 days." in found.reasons
    assert fit.fit_all(store)[bad].poor and fit.fit_all(store)[good].level is FitLevel.GOOD

    # Eligibility: the programs whose rules say so refuse it, with the reason and its source.
    evaluation = eligibility.evaluate(store, bad)
    for code in REFUSING:
        result = evaluation.result(code)
        assert result.result is Result.NOT_ELIGIBLE, code
        refused = [r for r in result.reasons if r.rule_id == "employer_fit"]
        assert refused and "did not last" in refused[0].text
    assert all(r.rule_id != "employer_fit" for r in evaluation.result("wotc").reasons)
    assert evaluation.facts["employer_fit"] == "poor"
    assert all(
        r.rule_id != "employer_fit"
        for r in eligibility.evaluate(store, good).result("referrals").reasons
    )
    report = eligibility.report(store, bad)
    assert report["fit"]["label"] == "Poor fit" and report["fit"]["reasons"] == list(found.reasons)

    # The host rotation never proposes it, and says why it was left out.
    view = events.rotation_view(store, TODAY.replace(day=1), months=4)
    assert {p.employer_id for p in view.proposals} == {good}
    assert [c.employer_id for c in view.skipped] == [bad]
    assert view.skipped[0].skip_reason.startswith("Poor fit: 3 hired and let go")

    # A referral asks why first.
    person = helpers.participant(store)
    with pytest.raises(FieldError) as asked:
        referrals.create_referral(store, person, TODAY, employer_id=bad, position_title="Loader")
    assert asked.value.field == "fit_reason"

    # A BSR who knows better records an override: every place follows it.
    with pytest.raises(FieldError) as short:
        fit.record_override(store, bad, "good", "ok", me(store))
    assert short.value.field == "reason"
    fit.record_override(store, bad, "good", "New owner since June; steady crew now.", me(store))
    after = fit.fit_of(store, bad)
    assert after.level is FitLevel.GOOD and after.measured is FitLevel.POOR
    assert after.reasons[0].startswith("Set to Good fit by Rosa Diaz on ")
    assert fit.fit_all(store)[bad].level is FitLevel.GOOD
    assert eligibility.evaluate(store, bad).result("referrals").result is not Result.NOT_ELIGIBLE
    view = events.rotation_view(store, TODAY.replace(day=1), months=4)
    assert bad in {p.employer_id for p in view.proposals} and not view.skipped
    assert (
        referrals.create_referral(
            store, person, TODAY, employer_id=bad, position_title="Loader"
        ).fit_reason
        == ""
    )

    # Withdrawn, the history decides again; the decision stays readable.
    assert fit.withdraw_override(store, bad) == 1
    assert fit.fit_of(store, bad).poor
    assert [r.withdrawn for r in fit.history(store, bad)] == [True]


def test_the_list_the_page_and_the_panel_show_it(qtbot, ctx) -> None:
    store = ctx.store
    bad, good = churn(store), steady(store)
    page = EmployersPage(ctx)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(page.is_loaded, timeout=30_000)  # the first read runs off this thread
    column = next(
        n
        for n in range(page.model.columnCount())
        if page.model.headerData(n, Qt.Horizontal) == "Fit"
    )
    page.table.sortByColumn(column, Qt.SortOrder.AscendingOrder)
    shown = [page.model.index(r, column).data() for r in range(page.model.rowCount())]
    assert shown[:2] == ["Poor fit", "Good fit"]
    assert page.model.row_at(0).id == bad
    tip = page.model.index(0, column).data(Qt.ItemDataRole.ToolTipRole)
    assert "3 hired and let go within 30 days." in tip

    page.open_employer(bad)
    assert page.detail.fit.text().count("Poor fit") == 1
    assert "let go within 30 days" in page.detail.fit.text()

    section = EmployerPlacementsSection(ctx)
    qtbot.addWidget(section)
    section.set_employer(bad)
    assert "Poor fit" in section.level.text()
    assert not section.withdraw_button.isEnabled()

    def decide(dialog) -> None:
        dialog.set_text("level", "good")
        dialog.set_text("reason", "Night shift closed; the new manager keeps people on.")
        assert dialog.save()

    problems = answer(section, decide)
    assert section.record_override()
    assert not problems
    qtbot.waitUntil(lambda: "Good fit" in section.level.text())
    assert "recorded by a BSR" in section.level.text()
    assert "Set to Good fit by Rosa Diaz" in section.reasons.text()
    assert "Night shift closed" in section.reasons.text() and section.history.text() == ""
    assert section.withdraw_button.isEnabled()
    # The list follows once its change timer runs.
    qtbot.waitUntil(lambda: "Good fit *" in [page.model.index(r, column).data() for r in range(2)])
    assert "Set to Good fit by Rosa Diaz" in page.detail.fit.text()
    assert "Placements:" not in page.detail.fit.text()  # the figures are on the tab

    panel = EligibilityPanel(ctx)
    qtbot.addWidget(panel)
    panel.set_employer(good)
    assert "Good fit" in panel.fit.text()
    section.withdraw_override()
    panel.set_employer(bad)
    assert "Poor fit" in panel.fit.text() and "let go within 30 days" in panel.fit.text()
    assert "Night shift closed" in section.history.text()
    assert "(withdrawn)" in section.history.text()


def test_an_override_reaches_a_second_store_through_the_shared_folder(tmp_path: Path) -> None:
    share = tmp_path / "share"
    share.mkdir()
    a = open_store(tmp_path / "a.sqlite")
    b = open_store(tmp_path / "b.sqlite")
    try:
        bad = churn(a)
        for store in (a, b):
            sync_engine.sync_once(store, FolderTransport(share), KEYS, prune=False)
        assert fit.fit_of(b, bad).poor  # the placements themselves travel
        fit.record_override(a, bad, "good", "Owner changed; we visited in person.", None)
        for store in (a, b, a):
            summary = sync_engine.sync_once(store, FolderTransport(share), KEYS, prune=False)
            assert not summary.errors, summary.errors
        seen = fit.fit_of(b, bad)
        assert seen.level is FitLevel.GOOD
        assert "Owner changed; we visited in person." in seen.reasons[0]
        fit.withdraw_override(b, bad)
        for store in (b, a):
            sync_engine.sync_once(store, FolderTransport(share), KEYS, prune=False)
        assert fit.fit_of(a, bad).poor
        assert [r.withdrawn for r in fit.history(a, bad)] == [True]
    finally:
        a.close()
        b.close()
