"""The OJT page's entry forms, driven through their own widgets: plan skills, timesheets,
invoices and the separation; a refusal shows next to its field and nothing typed is lost."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import QDate

from app.services.ojt import agreements, invoices, timesheets
from app.ui.context import AppContext
from app.ui.ojt.page import OjtPage
from tests.ojt.fixture import HIRE, active_agreement, make_case

WEEK = [8, 8, 8, 8, 8, 0, 0]


@pytest.fixture
def case(store):
    return store, active_agreement(store, make_case(store))


@pytest.fixture
def page(case, qtbot):
    store, agreement_id = case
    widget = OjtPage(AppContext(store=store))
    qtbot.addWidget(widget)
    assert widget.open_agreement(agreement_id)
    return widget


def type_week(tab, start: date, hours, wage: str = "18.50") -> None:
    tab.kind.select("weekly")
    tab.start.setDate(QDate(start))
    for box, value in zip(tab.days, hours, strict=False):
        box.setText(str(value) if value else "")
    tab.wage.setText(wage)


# Training plan ----------------------------------------------------------------------


def test_plan_skills_added_changed_removed_with_the_total_shown_live(page, case, qtbot) -> None:
    store, agreement_id = case
    tab = page.plan
    assert tab.model.rowCount() == 4
    assert tab.total.text().startswith("240 of 240")
    tab.skill.setText("Cake decorating")
    tab.hours.setText("16")
    assert "256 of 240" in tab.total.text() and "16 too many" in tab.total.text()
    tab.target_level.select("Basic")
    with qtbot.waitSignal(page.context.signals.data_changed) as saved:
        tab.add_button.click()
    assert saved.args == ["ojt_plan_skill"]
    assert [s.skill for s in agreements.skills(store, agreement_id)][-1] == "Cake decorating"
    assert tab.model.rowCount() == 5 and tab.skill.text() == ""
    # Change the new skill: a refused value keeps everything typed and saves nothing.
    tab.view.selectRow(4)
    assert tab.skill.text() == "Cake decorating" and tab.hours.text() == "16"
    tab.hours.setText("lots")
    tab.skill.setText("Cake and pastry decorating")
    assert not tab.save()
    assert tab.errors.message("hours")
    assert tab.skill.text() == "Cake and pastry decorating"
    assert agreements.skills(store, agreement_id)[-1].skill == "Cake decorating"
    tab.hours.setText("8")
    assert tab.save()
    assert (agreements.skills(store, agreement_id)[-1].skill, tab.errors.message("hours")) == (
        "Cake and pastry decorating",
        "",
    )
    assert "248 of 240" in tab.total.text()
    tab.view.selectRow(4)
    assert tab.remove()
    assert tab.model.rowCount() == 4 and tab.total.text().startswith("240 of 240")


def test_a_skill_needs_a_name(page, case) -> None:
    tab = page.plan
    tab.hours.setText("10")
    assert not tab.add()
    assert "skill" in tab.errors.message("skill").casefold()
    assert tab.hours.text() == "10"
    assert tab.model.rowCount() == 4


# Timesheets -------------------------------------------------------------------------


def test_timesheet_shows_what_it_earns_back_before_saving(page, case, qtbot) -> None:
    store, agreement_id = case
    tab = page.timesheets
    assert tab.start.date().toPython() == HIRE  # the first period to enter
    type_week(tab, HIRE, [9, 9, 9, 9, 9, 5, 0])
    assert len([b for b in tab.days if b.isVisibleTo(tab)]) == 7
    text = tab.preview.text()
    assert "40 regular hours" in text and "10 overtime hours not reimbursed" in text
    shown = text.split("Reimbursable for this period: ")[1].split("<")[0]
    with qtbot.waitSignal(page.context.signals.data_changed):
        tab.save_button.click()
    assert tab.model.rowCount() == 1 and tab.start.date().toPython() == HIRE + timedelta(7)
    # The invoice bills what the preview said.
    made = invoices.create_invoice(store, agreement_id, HIRE, HIRE + timedelta(6))
    assert f"${made.amount_cents / 100:,.2f}" == shown
    assert made.overtime_minutes == 600


def test_a_refused_timesheet_keeps_what_was_typed(page, case) -> None:
    store, agreement_id = case
    tab = page.timesheets
    type_week(tab, HIRE, [8, 8, 25, 8, 8, 0, 0])
    assert not tab.save()
    assert "from 0 to 24" in tab.errors.message("hours")
    assert [b.text() for b in tab.days[:5]] == ["8", "8", "25", "8", "8"]
    assert [bool(b.styleSheet()) for b in tab.days[:4]] == [False, False, True, False]
    tab.days[2].setText("8")
    tab.wage.setText("a lot")
    assert not tab.save()
    assert tab.errors.message("wage_paid_cents") and not tab.errors.message("hours")
    type_week(tab, HIRE + timedelta(days=2), WEEK)
    assert not tab.save()
    assert "start on a" in tab.errors.message("period_start")
    assert timesheets.current_timesheets(store, agreement_id) == []


def test_a_timesheet_is_corrected_by_a_new_one(page, case) -> None:
    store, agreement_id = case
    tab = page.timesheets
    type_week(tab, HIRE, WEEK)
    assert tab.save()
    tab.view.selectRow(0)
    assert tab.start_correction()
    assert tab.days[0].text() == "8" and "Correcting" in tab.mode.text()
    tab.days[0].setText("6")
    assert tab.save()
    current = timesheets.current_timesheets(store, agreement_id)
    assert len(current) == 1 and timesheets.hours_per_day(current[0])[0] == 6
    assert len(timesheets.history(store, agreement_id)) == 2


# Invoices ---------------------------------------------------------------------------


def test_invoice_requested_approved_paid_and_corrected(page, case) -> None:
    store, agreement_id = case
    type_week(page.timesheets, HIRE, WEEK)
    assert page.timesheets.save()
    tab = page.invoices
    assert tab.first.currentData() == HIRE.isoformat()
    assert tab.last.currentData() == (HIRE + timedelta(6)).isoformat()
    skill_id, box = next(iter(tab.ratings.items()))
    box.select("Progressing")
    tab.requested.setDate(QDate(HIRE + timedelta(8)))
    assert tab.create()
    [made] = invoices.invoices(store, agreement_id)
    assert (made.status, invoices.ratings_of(made)) == ("requested", {skill_id: "Progressing"})
    assert "Every pay period entered is billed" in tab.waiting.text()
    # Approved before it was asked for: refused next to the date.
    tab.view.selectRow(0)
    tab.on.setDate(QDate(HIRE))
    assert not tab.approve()
    assert "before it was requested" in tab.act_errors.message("approved_on")
    tab.on.setDate(QDate(HIRE + timedelta(10)))
    assert tab.approve()
    assert invoices.get(store, made.id).status == "approved"
    assert not tab.approve_button.isEnabled() and tab.pay_button.isEnabled()
    assert "history now" in tab.chosen.text()
    tab.on.setDate(QDate(HIRE + timedelta(20)))
    tab.paid.setText("100.00")
    assert tab.pay()
    paid = invoices.get(store, made.id)
    assert (paid.status, paid.paid_on, paid.paid_cents) == ("paid", HIRE + timedelta(20), 10000)
    # A correction is a new record; the paid one stays as it was.
    assert not tab.correct()
    assert tab.act_errors.message("correction_reason")
    tab.reason.setText("Hours re-checked")
    assert tab.correct()
    rows = invoices.invoices(store, agreement_id)
    assert len(rows) == 2 and rows[-1].corrects_id == made.id
    assert tab.selected().id == rows[-1].id and tab.withdraw_button.isEnabled()
    assert tab.withdraw()
    assert len(invoices.invoices(store, agreement_id)) == 1


def test_invoice_without_a_period_waiting_says_why(page) -> None:
    tab = page.invoices
    assert not tab.create_button.isEnabled()
    assert not tab.create()
    assert "timesheet" in tab.errors.message("period_start")


# Separation -------------------------------------------------------------------------


def test_separation_ends_the_agreement_and_later_invoices_are_refused(page, case) -> None:
    store, agreement_id = case
    for week in (0, 2):
        type_week(page.timesheets, HIRE + timedelta(7 * week), WEEK)
        assert page.timesheets.save()
    tab = page.separation
    tab.today = HIRE + timedelta(20)
    tab.ended_on.setDate(QDate(HIRE + timedelta(9)))
    assert not tab.record()  # no reason yet
    assert tab.errors.message("ended_reason")
    tab.reason.select("quit")
    tab.ended_on.setDate(QDate(HIRE + timedelta(25)))
    assert not tab.record()  # in the future
    assert "once it has happened" in tab.errors.message("ended_on")
    tab.ended_on.setDate(QDate(HIRE + timedelta(9)))
    tab.details.setText("Moved out of state")
    assert tab.record()
    ended = agreements.get(store, agreement_id)
    assert (ended.status, ended.ended_on) == ("ended_early", HIRE + timedelta(9))
    assert "Quit: Moved out of state" in tab.state.text()
    assert not tab.record_button.isEnabled()
    # The period after the separation cannot be billed: the reason shows by the period.
    inv = page.invoices
    inv.first.select((HIRE + timedelta(14)).isoformat())
    inv.last.select((HIRE + timedelta(20)).isoformat())
    assert inv.first.currentIndex() == 1 and inv.last.currentIndex() == 1
    assert not inv.create()
    assert f"Training ended on {HIRE + timedelta(9):%m/%d/%Y}" in inv.errors.message("period_start")
    inv.first.select(HIRE.isoformat())
    inv.last.select((HIRE + timedelta(6)).isoformat())
    assert inv.create()
