"""`employer-desk ojt list --json`, `ojt totals --json` and `wotc due --json` as real subprocesses."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

from app.services.ojt import invoices, timesheets, wotc
from app.store.engine import open_store
from tests.ojt.fixture import HIRE, active_agreement, make_case

ROOT = Path(__file__).resolve().parents[2]
LIST_KEYS = {
    "id",
    "employer_id",
    "participant_id",
    "status",
    "rate_percent",
    "wage_cents",
    "training_hours",
    "max_reimbursement_cents",
    "reimbursed_cents",
    "employees_at_site",
}


def _run(store: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "app", "--store", str(store), *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=dict(os.environ),
        timeout=120,
    )


def test_ojt_list_totals_and_wotc_due(tmp_path: Path) -> None:
    path = tmp_path / "desk.sqlite"
    store = open_store(path)
    try:
        case = make_case(store)
        agreement_id = active_agreement(store, case)
        timesheets.add_timesheet(store, agreement_id, HIRE, [8, 8, 8, 8, 8, 0, 0] * 2, "18.50")
        inv = invoices.create_invoice(
            store, agreement_id, HIRE, HIRE + timedelta(days=13), requested_on=date(2026, 9, 21)
        )
        invoices.approve(store, inv.id, date(2026, 9, 22))
        invoices.pay(store, inv.id, date(2026, 9, 30))
        record = wotc.create(
            store, case.employer_id, case.participant_id, placement_id=case.placement_id
        )
    finally:
        store.close()

    listed = _run(path, "ojt", "list", "--json")
    assert listed.returncode == 0, listed.stderr
    rows = json.loads(listed.stdout)
    assert len(rows) == 1 and set(rows[0]) >= LIST_KEYS
    row = rows[0]
    assert (row["id"], row["employer_id"], row["participant_id"]) == (
        agreement_id,
        case.employer_id,
        case.participant_id,
    )
    assert (row["status"], row["rate_percent"], row["wage_cents"], row["training_hours"]) == (
        "active",
        75,
        1850,
        240,
    )
    assert (row["max_reimbursement_cents"], row["reimbursed_cents"], row["employees_at_site"]) == (
        333_000,
        111_000,
        30,
    )
    text = _run(path, "ojt", "list")
    assert (
        "Pilsen Bakery LLC: Rosa Quintero, Baker (Active) 75%, $1,110.00 of $3,330.00"
        in text.stdout
    )

    money = _run(
        path,
        "ojt",
        "totals",
        "--by",
        "program",
        "--from",
        "2026-09-01",
        "--to",
        "2026-09-30",
        "--json",
    )
    assert money.returncode == 0, money.stderr
    by_program = json.loads(money.stdout)["wioa-adult"]
    assert (by_program["name"], by_program["reimbursed_cents"]) == ("WIOA Adult", 111_000)
    agency = _run(path, "ojt", "totals")
    assert agency.stdout.strip() == (
        "Agency-wide: $1,110.00 reimbursed, $0.00 committed (1 agreement)"
    )

    due = _run(path, "wotc", "due", "--today", "2026-10-06", "--json")
    assert due.returncode == 0, due.stderr
    filings = json.loads(due.stdout)
    assert [(f["id"], f["deadline"], f["days_left"], f["due"]) for f in filings] == [
        (record.id, "2026-10-05", -1, "overdue")
    ]
    assert "1 day overdue" in _run(path, "wotc", "due", "--today", "2026-10-06").stdout
    bad = _run(path, "wotc", "due", "--today", "tomorrow")
    assert bad.returncode == 2 and "not a date" in bad.stderr
