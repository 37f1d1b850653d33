"""Timesheets, invoices (approve, pay, correct), separation mid-period, WOTC and totals."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from app.core import validation as v
from app.core.models import Timesheet
from app.services.ojt import agreements, invoices, timesheets, totals, wotc
from app.services.ojt.totals import Period
from app.store.journal import InsertOnlyError
from tests.ojt.fixture import HIRE, active_agreement, make_case

WEEK = [8, 8, 8, 8, 8, 0, 0]
LONG_WEEK = [10, 10, 10, 10, 5, 4, 0]  # 49 hours: 9 overtime


@pytest.fixture
def agreement_id(store) -> str:
    return active_agreement(store, make_case(store))


def test_timesheet_hours_per_day_and_its_rules(store, agreement_id) -> None:
    sheet = timesheets.add_timesheet(store, agreement_id, HIRE, WEEK * 2, "18.50")
    assert (sheet.period_kind, sheet.period_end) == ("biweekly", HIRE + timedelta(days=13))
    assert timesheets.hours_per_day(sheet)[:5] == [8.0] * 5
    weekly = timesheets.add_timesheet(
        store,
        agreement_id,
        HIRE + timedelta(days=14),
        ["7:30", "7.5", "", 8, 8, 0, 0],
        "18.50",
        kind="weekly",
    )
    assert timesheets.hours_per_day(weekly)[:2] == [7.5, 7.5]
    with pytest.raises(v.FieldError, match="already recorded"):
        timesheets.add_timesheet(store, agreement_id, HIRE, WEEK * 2, "18.50")
    with pytest.raises(v.FieldError, match="Monday"):
        timesheets.add_timesheet(
            store, agreement_id, HIRE + timedelta(days=1), WEEK, "18.50", kind="weekly"
        )
    with pytest.raises(v.FieldError, match="14 days"):
        timesheets.add_timesheet(store, agreement_id, HIRE + timedelta(days=28), WEEK, "18.50")
    with pytest.raises(v.FieldError, match="0 to 24"):
        timesheets.add_timesheet(
            store, agreement_id, HIRE + timedelta(days=28), [25] + [0] * 13, "18.50"
        )


def test_timesheets_are_history(store, agreement_id) -> None:
    sheet = timesheets.add_timesheet(store, agreement_id, HIRE, WEEK * 2, "18.50")
    with pytest.raises(InsertOnlyError), store.transaction() as session:
        row = session.get(Timesheet, sheet.id)
        row.wage_paid_cents = 1
        session.add(row)
    fixed = timesheets.add_timesheet(
        store, agreement_id, HIRE, [9] * 5 + [0, 0] + WEEK, "18.50", replaces_id=sheet.id
    )
    assert [t.id for t in timesheets.current_timesheets(store, agreement_id)] == [fixed.id]
    assert len(timesheets.history(store, agreement_id)) == 2
    with pytest.raises(v.FieldError, match="newest"):
        timesheets.add_timesheet(store, agreement_id, HIRE, WEEK * 2, "18.50", replaces_id=sheet.id)


def test_invoice_bills_regular_hours_only(store, agreement_id) -> None:
    timesheets.add_timesheet(store, agreement_id, HIRE, LONG_WEEK + WEEK, "18.50")
    skill = agreements.skills(store, agreement_id)[0]
    inv = invoices.create_invoice(
        store,
        agreement_id,
        HIRE,
        HIRE + timedelta(days=13),
        {skill.id: "Beginning"},
        requested_on=date(2026, 9, 21),
    )
    assert inv.regular_minutes == 80 * 60
    assert inv.overtime_minutes == 9 * 60
    # 80 h x $18.50 x 75% = $1,110.00
    assert inv.amount_cents == 111_000 and inv.cumulative_cents == 111_000
    assert invoices.ratings_of(inv) == {skill.id: "Beginning"}
    with pytest.raises(v.FieldError, match="rating"):
        invoices.set_ratings(store, inv.id, {skill.id: "Great"})
    with pytest.raises(v.FieldError, match="already invoiced"):
        invoices.create_invoice(store, agreement_id, HIRE, HIRE + timedelta(days=6))
    with pytest.raises(v.FieldError, match="No timesheet"):
        invoices.create_invoice(
            store, agreement_id, HIRE + timedelta(days=14), HIRE + timedelta(days=27)
        )


def test_approved_invoice_is_history_and_corrections_ask_the_difference(
    store, agreement_id
) -> None:
    sheet = timesheets.add_timesheet(store, agreement_id, HIRE, WEEK * 2, "18.50")
    inv = invoices.create_invoice(
        store, agreement_id, HIRE, HIRE + timedelta(days=13), requested_on=date(2026, 9, 21)
    )
    with pytest.raises(v.FieldError, match="approved"):
        invoices.pay(store, inv.id, date(2026, 9, 30))
    with pytest.raises(v.FieldError, match="before it was requested"):
        invoices.approve(store, inv.id, date(2026, 9, 20))
    invoices.approve(store, inv.id, date(2026, 9, 22))
    with pytest.raises(v.FieldError, match="history"):
        invoices.set_ratings(store, inv.id, {})
    with pytest.raises(v.FieldError, match="history"):
        invoices.delete_requested(store, inv.id)
    invoices.pay(store, inv.id, date(2026, 9, 30))
    assert invoices.get(store, inv.id).paid_cents == 111_000
    # The employer sends a corrected timesheet: one day was 4 hours, not 8.
    timesheets.add_timesheet(
        store, agreement_id, HIRE, [4, 8, 8, 8, 8, 0, 0] + WEEK, "18.50", replaces_id=sheet.id
    )
    fix = invoices.correct(store, inv.id, "Corrected timesheet", requested_on=date(2026, 10, 1))
    assert fix.corrects_id == inv.id
    assert fix.amount_cents == -5_550  # 4 h x $18.50 x 75%
    assert fix.cumulative_cents == 105_450
    with pytest.raises(v.FieldError, match="corrected already"):
        invoices.correct(store, inv.id, "again")
    invoices.approve(store, fix.id, date(2026, 10, 2))
    invoices.pay(store, fix.id, date(2026, 10, 9))
    assert totals.reimbursed_by_agreement(store)[agreement_id] == 105_450


def test_cumulative_stops_at_the_maximum(store, agreement_id) -> None:
    # Training extended past the 240 hours the maximum was figured on.
    agreements.update_field(store, agreement_id, "end_date", "2026-12-31")
    agreement = agreements.get(store, agreement_id)
    asked = 0
    start = HIRE
    for _ in range(5):  # 10 weeks of 40 hours: more than the 240 training hours
        timesheets.add_timesheet(store, agreement_id, start, WEEK * 2, "18.50")
        asked += invoices.create_invoice(
            store, agreement_id, start, start + timedelta(days=13)
        ).amount_cents
        start += timedelta(days=14)
    assert asked == agreement.max_reimbursement_cents == 333_000


def test_separation_mid_period_stops_billing(store, agreement_id) -> None:
    timesheets.add_timesheet(store, agreement_id, HIRE, WEEK * 2, "18.50")
    # Separation on the Wednesday of the second week: Thu and Fri are not reimbursed.
    agreements.separate(
        store, agreement_id, HIRE + timedelta(days=9), "quit", today=date(2026, 9, 30)
    )
    inv = invoices.create_invoice(store, agreement_id, HIRE, HIRE + timedelta(days=13))
    assert inv.regular_minutes == 8 * 8 * 60
    assert inv.left_out_minutes == 2 * 8 * 60
    assert inv.amount_cents == 64 * 1850 * 75 // 100
    timesheets.add_timesheet(store, agreement_id, HIRE + timedelta(days=14), WEEK * 2, "18.50")
    with pytest.raises(v.FieldError, match="ended on 09/16/2026"):
        invoices.create_invoice(
            store, agreement_id, HIRE + timedelta(days=14), HIRE + timedelta(days=27)
        )


def test_drafts_take_no_timesheets(store) -> None:
    case = make_case(store)
    draft = agreements.create_from_placement(store, case.placement_id, today=HIRE)
    with pytest.raises(v.FieldError, match="signed"):
        timesheets.add_timesheet(store, draft.id, HIRE, WEEK * 2, "18.50")


def test_only_the_newest_request_is_withdrawn(store, agreement_id) -> None:
    timesheets.add_timesheet(store, agreement_id, HIRE, WEEK * 2, "18.50")
    timesheets.add_timesheet(store, agreement_id, HIRE + timedelta(days=14), WEEK * 2, "18.50")
    first = invoices.create_invoice(store, agreement_id, HIRE, HIRE + timedelta(days=13))
    second = invoices.create_invoice(
        store, agreement_id, HIRE + timedelta(days=14), HIRE + timedelta(days=27)
    )
    with pytest.raises(v.FieldError, match="later invoice"):
        invoices.delete_requested(store, first.id)
    invoices.delete_requested(store, second.id)
    assert [i.id for i in invoices.invoices(store, agreement_id)] == [first.id]


def test_totals_reimbursed_and_committed_for_any_period(store) -> None:
    a = active_agreement(store, make_case(store))
    b = active_agreement(store, make_case(store, programs="wioa-youth"))
    paid_ids = []
    for agreement_id in (a, b):
        timesheets.add_timesheet(store, agreement_id, HIRE, WEEK * 2, "18.50")
        timesheets.add_timesheet(store, agreement_id, HIRE + timedelta(days=14), WEEK * 2, "18.50")
        first = invoices.create_invoice(
            store, agreement_id, HIRE, HIRE + timedelta(days=13), requested_on=date(2026, 9, 21)
        )
        invoices.approve(store, first.id, date(2026, 9, 22))
        invoices.pay(store, first.id, date(2026, 9, 30))
        paid_ids.append(first.id)
    second = invoices.create_invoice(
        store,
        a,
        HIRE + timedelta(days=14),
        HIRE + timedelta(days=27),
        requested_on=date(2026, 10, 5),
    )
    invoices.approve(store, second.id, date(2026, 10, 6))
    everything = totals.agency(store)
    assert (everything.reimbursed_cents, everything.committed_cents) == (222_000, 111_000)
    september = Period(date(2026, 9, 1), date(2026, 9, 30))
    assert totals.agency(store, september).committed_cents == 0
    october = Period(date(2026, 10, 1), date(2026, 10, 31))
    assert totals.agency(store, october).as_dict() == {
        "reimbursed_cents": 0,
        "committed_cents": 111_000,
        "invoices_paid": 0,
        "invoices_committed": 1,
        "agreements": 1,
    }
    # Approved in September and paid after it: committed at the end of September.
    early = Period(date(2026, 9, 1), date(2026, 9, 25))
    assert totals.agency(store, early).committed_cents == 222_000
    by_program = totals.totals(store, "program")
    assert by_program["wioa-adult"].reimbursed_cents == 111_000
    assert by_program["wioa-youth"].reimbursed_cents == 111_000
    by_agreement = totals.totals(store, "agreement")
    assert by_agreement[a].committed_cents == 111_000 and by_agreement[b].committed_cents == 0
    assert len(totals.totals(store, "employer")) == 2
    assert sum(t.reimbursed_cents for t in totals.totals(store, "office").values()) == 222_000
    with pytest.raises(ValueError):
        totals.totals(store, "planet")  # type: ignore[arg-type]


def test_wotc_filing_deadlines_and_due_list(store) -> None:
    case = make_case(store)
    record = wotc.create(
        store,
        case.employer_id,
        case.participant_id,
        {"prescreened_on": "2026-09-01", "offer_on": "2026-09-02"},
        placement_id=case.placement_id,
    )
    assert (record.start_on, record.starting_wage_cents, record.position_title) == (
        HIRE,
        1850,
        "Baker",
    )
    assert all(c.ok for c in wotc.checks(store, record.id))
    assert wotc.due_filings(store, date(2026, 9, 20)) == []
    due = wotc.due_filings(store, date(2026, 9, 29))
    assert [(d.id, d.deadline, d.days_left, d.due.value) for d in due] == [
        (record.id, date(2026, 10, 5), 6, "due_soon")
    ]
    assert due[0].participant == "Rosa Quintero"
    assert wotc.due_filings(store, date(2026, 10, 6))[0].due.value == "overdue"
    with pytest.raises(v.FieldError, match="filing"):
        wotc.set_status(store, record.id, "certified", date(2026, 11, 1))
    wotc.set_status(store, record.id, "filed", date(2026, 10, 1))
    assert wotc.due_filings(store, date(2026, 10, 6)) == []
    wotc.set_status(store, record.id, "certified", date(2026, 11, 20))
    got = wotc.get(store, record.id)
    assert (got.status, got.filed_on, got.decided_on) == (
        "certified",
        date(2026, 10, 1),
        date(2026, 11, 20),
    )
    wotc.update_field(store, record.id, "prescreened_on", "2026-09-05")
    assert not wotc.checks(store, record.id)[0].ok
    wotc.delete(store, record.id)
    assert wotc.records(store) == []
