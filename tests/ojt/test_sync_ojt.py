"""Agreements, plans, timesheets, invoices and WOTC records travel between two devices."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from app.services.ojt import agreements, invoices, preconditions, timesheets, totals, wotc
from tests.ojt.fixture import HIRE, active_agreement, make_case
from tests.sync.devices import content, open_devices, sync_pair

WEEK = [8, 8, 8, 8, 8, 0, 0]


def test_two_devices_share_agreements_and_invoices(tmp_path: Path) -> None:
    a, b = open_devices(tmp_path, 2)
    try:
        case = make_case(a)
        agreement_id = active_agreement(a, case)
        timesheets.add_timesheet(a, agreement_id, HIRE, WEEK * 2, "18.50")
        first = invoices.create_invoice(
            a, agreement_id, HIRE, HIRE + timedelta(days=13), requested_on=date(2026, 9, 21)
        )
        invoices.approve(a, first.id, date(2026, 9, 22))
        wotc.create(a, case.employer_id, case.participant_id, placement_id=case.placement_id)
        sync_pair(a, b)
        assert content(a) == content(b)
        assert agreements.get(b, agreement_id).max_reimbursement_cents == 333_000
        assert totals.agency(b).committed_cents == 111_000

        # The other BSR records the payment and the next period; the first edits the notes.
        invoices.pay(b, first.id, date(2026, 9, 30))
        timesheets.add_timesheet(b, agreement_id, HIRE + timedelta(days=14), WEEK * 2, "18.50")
        second = invoices.create_invoice(
            b, agreement_id, HIRE + timedelta(days=14), HIRE + timedelta(days=27)
        )
        agreements.update_field(a, agreement_id, "notes", "Supervisor on leave in October")
        sync_pair(a, b)
        assert content(a) == content(b)
        for store in (a, b):
            assert totals.agency(store).reimbursed_cents == 111_000
            assert [i.id for i in invoices.invoices(store, agreement_id)] == [first.id, second.id]
            assert agreements.get(store, agreement_id).notes == "Supervisor on leave in October"
            assert len(agreements.skills(store, agreement_id)) == 4
    finally:
        a.close()
        b.close()


def test_billing_the_same_agreement_offline_on_two_devices_is_shown(tmp_path: Path) -> None:
    """Each device keeps its invoices within the maximum; together they can pass it, and the
    agreement's checks say so once both are synced."""
    a, b = open_devices(tmp_path, 2)
    try:
        agreement_id = active_agreement(a, make_case(a))
        agreements.update_field(a, agreement_id, "end_date", "2026-12-31")
        start = HIRE
        for _ in range(2):  # 160 of the 240 training hours billed on the first laptop
            timesheets.add_timesheet(a, agreement_id, start, WEEK * 2, "18.50")
            invoices.create_invoice(a, agreement_id, start, start + timedelta(days=13))
            start += timedelta(days=14)
        sync_pair(a, b)
        # Offline, both bill the next periods: each alone stays within the maximum.
        for store, first in ((a, start), (b, start + timedelta(days=14))):
            timesheets.add_timesheet(store, agreement_id, first, WEEK * 2, "18.50")
            invoices.create_invoice(store, agreement_id, first, first + timedelta(days=13))
        for store in (a, b):
            assert sum(i.amount_cents for i in invoices.invoices(store, agreement_id)) == 333_000
        sync_pair(a, b)
        assert content(a) == content(b)
        check = {c.key: c for c in preconditions.checks(b, agreement_id, today=HIRE)}
        assert check["within_maximum"].level.value == "problem"
        assert "$4,440.00, more than the maximum $3,330.00" in check["within_maximum"].text
    finally:
        a.close()
        b.close()
