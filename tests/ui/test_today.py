"""The Today page: follow-ups due (overdue shown distinctly), quiet employers, stuck employers."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from PySide6.QtCore import Qt

from app.core.pipeline import Stage
from app.services.agency import settings
from app.services.employers import employers
from app.ui import registry
from app.ui.context import AppContext
from app.ui.models import OVERDUE_COLOR
from app.ui.today.page import TodayPage
from app.ui.today.sections import FollowUpsDueSection, QuietEmployersSection, StuckEmployersSection


@pytest.fixture
def ctx(store) -> AppContext:
    """A store with a known handful of employers, all owned by the profile."""
    from app.services.agency import org

    office = org.offices(store)[0]
    org.save_profile(store, "Rocio Benavides", office.id, ["wioa-adult"])
    return AppContext(store=store)


def add(ctx: AppContext, name: str, stage: Stage = Stage.PROSPECT, days_in_stage: int = 0) -> str:
    employer = employers.create_employer(
        ctx.store, {"legal_name": name, "owner_id": ctx.me_id}, stage=stage
    )
    if days_in_stage:
        from app.core.models import Employer

        with ctx.store.transaction() as session:
            row = session.get(Employer, employer.id)
            row.stage_changed_at = datetime.now(UTC) - timedelta(days=days_in_stage)
            session.add(row)
    return employer.id


def contact(ctx: AppContext, employer_id: str, days_ago: int) -> None:
    employers.log_activity(
        ctx.store,
        employer_id,
        "call",
        "Called",
        occurred_at=datetime.now(UTC) - timedelta(days=days_ago),
    )


def test_page_builds_every_registered_section(qtbot, ctx):
    page = TodayPage(ctx)
    qtbot.addWidget(page)
    assert page.sections == {}  # nothing is built or read before the page is painted
    with qtbot.waitSignal(page.filled, timeout=30_000):
        page.show()
    assert set(page.sections) == {s.key for s in registry.TODAY_SECTIONS if s.factory}
    assert {"follow_ups_due", "quiet", "stuck"} <= set(page.sections)
    assert str(date.today().day) in page.date_label.text()


def test_a_page_hidden_before_its_first_paint_reads_nothing_until_shown(qtbot, ctx):
    page = TodayPage(ctx)
    qtbot.addWidget(page)
    page.show()
    page.hide()  # the window moved to another page before the queued fill ran
    qtbot.waitUntil(lambda: not page._fill_queued, timeout=30_000)
    assert page.sections == {}
    with qtbot.waitSignal(page.filled, timeout=30_000):
        page.show()
    assert page.sections["follow_ups_due"].heading.text().startswith("Follow-ups due")


def test_follow_ups_due_and_overdue(qtbot, ctx, qtmodeltester):
    late = add(ctx, "Late Logistics")
    due = add(ctx, "Due Today Bakery")
    later = add(ctx, "Next Week Tool & Die")
    employers.add_follow_up(ctx.store, late, date.today() - timedelta(days=4), "Send RFI reminder")
    employers.add_follow_up(ctx.store, due, date.today(), "Confirm hiring event")
    employers.add_follow_up(ctx.store, later, date.today() + timedelta(days=7), "Check attendance")
    section = FollowUpsDueSection(ctx)
    qtbot.addWidget(section)
    section.refresh()
    model = section.model
    assert model.rowCount() == 2  # next week's is not due yet
    assert [model.index(r, 2).data() for r in range(2)] == ["Late Logistics", "Due Today Bakery"]
    assert model.index(0, 1).data() == "Overdue"
    assert model.index(1, 1).data() == "Today"
    assert model.index(0, 0).data(Qt.ItemDataRole.ForegroundRole).color() == OVERDUE_COLOR
    assert model.index(1, 0).data(Qt.ItemDataRole.ForegroundRole) is None
    assert section.heading.text() == "Follow-ups due (2)"
    assert "1 overdue" in section.hint.text()
    qtmodeltester.check(model)
    section.table.selectRow(0)
    assert section.mark_selected_done() is True
    assert model.rowCount() == 1 and model.index(0, 2).data() == "Due Today Bakery"
    assert employers.follow_ups(ctx.store, late)[0].done is True


def test_quiet_employers_follow_the_setting(qtbot, ctx, qtmodeltester):
    recent = add(ctx, "Recent Grill", Stage.ACTIVE_PARTNER)
    contact(ctx, recent, 3)
    quiet = add(ctx, "Quiet Motors", Stage.RFI_SENT)
    contact(ctx, quiet, 45)
    add(ctx, "Never Called Cleaning Co", Stage.PROSPECT)
    gone = add(ctx, "Gone Foods", Stage.PROSPECT)
    employers.set_stage(ctx.store, gone, Stage.NOT_A_FIT, "Lays people off")
    section = QuietEmployersSection(ctx)
    qtbot.addWidget(section)
    section.refresh()
    names = [section.model.index(r, 0).data() for r in range(section.model.rowCount())]
    assert names == ["Never Called Cleaning Co", "Quiet Motors"]
    assert section.model.index(0, 2).data() == "Never"
    assert section.model.index(1, 3).data() == "45"
    qtmodeltester.check(section.model)
    settings.put(ctx.store, settings.QUIET_DAYS, 2)
    ctx.signals.data_changed.emit("settings")
    names = {section.model.index(r, 0).data() for r in range(section.model.rowCount())}
    assert names == {"Never Called Cleaning Co", "Quiet Motors", "Recent Grill"}


def test_stuck_employers_follow_the_setting(qtbot, ctx, qtmodeltester):
    add(ctx, "Fresh Prospect", Stage.PROSPECT)
    stuck = add(ctx, "Waiting On RFI Inc.", Stage.RFI_SENT, days_in_stage=40)
    add(ctx, "Happy Partner", Stage.ACTIVE_PARTNER, days_in_stage=200)
    section = StuckEmployersSection(ctx)
    qtbot.addWidget(section)
    section.refresh()
    assert section.model.rowCount() == 1
    assert section.model.id_at(0) == stuck
    assert section.model.index(0, 1).data() == "RFI sent"
    assert section.model.index(0, 3).data() == "40"
    qtmodeltester.check(section.model)
    settings.put(ctx.store, settings.STUCK_DAYS, 60)
    section.refresh()
    assert section.model.rowCount() == 0
    assert "No employer" in section.hint.text()


def test_double_click_or_enter_asks_to_open_the_employer(qtbot, ctx):
    employer_id = add(ctx, "Open Me Bakery")
    employers.add_follow_up(ctx.store, employer_id, date.today(), "Call")
    section = FollowUpsDueSection(ctx)
    qtbot.addWidget(section)
    section.show()
    section.refresh()
    section.table.setFocus()
    section.table.selectRow(0)
    with qtbot.waitSignal(ctx.signals.open_employer, timeout=30_000) as blocker:
        qtbot.keyClick(section.table, Qt.Key.Key_Return)
    assert blocker.args == [employer_id]
    with qtbot.waitSignal(ctx.signals.open_employer, timeout=30_000) as blocker:
        center = section.table.visualRect(section.model.index(0, 2)).center()
        qtbot.mouseClick(section.table.viewport(), Qt.MouseButton.LeftButton, pos=center)
        qtbot.mouseDClick(section.table.viewport(), Qt.MouseButton.LeftButton, pos=center)
    assert blocker.args == [employer_id]


def test_scope_switches_between_mine_and_everyones(qtbot, ctx):
    mine = add(ctx, "Mine Co")
    theirs = employers.create_employer(ctx.store, {"legal_name": "Someone Else's Co"})
    employers.add_follow_up(ctx.store, mine, date.today(), "Call")
    employers.add_follow_up(ctx.store, theirs.id, date.today(), "Call")
    page = TodayPage(ctx)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.filled, timeout=30_000):
        page.show()
    due = page.sections["follow_ups_due"]
    assert due.model.rowCount() == 1
    page.scope.setCurrentIndex(page.scope.findData("all"))
    page.scope.activated.emit(page.scope.currentIndex())
    assert due.model.rowCount() == 2
