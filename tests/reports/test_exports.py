"""Exports people can read: the employer services of a period, and the whole-store workbook."""

from __future__ import annotations

import re
from datetime import date, datetime

from openpyxl import load_workbook

from app.core.periods import custom
from app.services.importing.exporting import export_xlsx
from app.services.reports.services_export import service_rows, write_services_xlsx
from tests.reports import world

UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-")


def test_services_of_a_period(store, tmp_path):
    world.build(store)
    rows = service_rows(store, custom(date(2026, 2, 1), date(2026, 2, 28)))
    services = [(r.day, r.employer, r.service, r.outcome) for r in rows]
    assert (date(2026, 2, 2), "Oak Foods LLC", "Meeting (in person)", "") in services
    assert (
        date(2026, 2, 4),
        "Oak Foods LLC",
        "Email",
        "Follow-up email with the RFI drafted",
    ) in services
    march = service_rows(store, custom(date(2026, 3, 1), date(2026, 3, 31)))
    events = [r for r in march if r.service in ("Specialized hiring event", "Job fair")]
    assert [(r.employer, r.outcome) for r in events] == [
        ("Oak Foods LLC", "2 job seekers came"),
        ("Cedar Logistics", "2 job seekers came"),
    ]  # the planned and cancelled events are not services delivered
    january = service_rows(store, custom(date(2026, 1, 1), date(2026, 1, 31)))
    hire = next(
        r for r in january if r.service == "Hire (placement)" and r.day == date(2026, 1, 10)
    )
    assert (hire.employer, hire.bsr, hire.office) == (
        "Birch Hotels Inc",
        "Ana Granados",
        "North Riverside",
    )
    assert hire.outcome == "Fired on 2026-02-01"
    ojt = [r for r in january if r.service == "On-the-Job Training agreement"]
    assert {r.program for r in ojt} == {"WIOA Adult", "Pathways to Peace"}
    path = tmp_path / "services.xlsx"
    assert write_services_xlsx(store, custom(date(2026, 1, 1), date(2026, 6, 30)), path) > 10
    sheet = load_workbook(path).active
    assert [c.value for c in sheet[1]] == [
        "Date",
        "Employer",
        "Service",
        "BSR",
        "Job center",
        "Program",
        "Outcome",
        "Details",
    ]
    assert isinstance(sheet["A2"].value, datetime)
    for row in sheet.iter_rows(min_row=2, values_only=True):
        assert not any(isinstance(v, str) and UUID.search(v) for v in row), row


def test_store_workbook_shows_names_dollars_dates_and_hides_ids(store, tmp_path):
    world.build(store)
    path = tmp_path / "all.xlsx"
    export_xlsx(store, path)
    book = load_workbook(path)
    sheet = book["Placement"]
    header = [c.value for c in sheet[1]]
    assert header[-1] == "ID"
    assert sheet.column_dimensions[sheet.cell(1, len(header)).column_letter].hidden
    assert "Employer" in header and "Job seeker" in header and "BSR" in header
    assert "Employer ID" not in header and "Staff ID" not in header
    rows = [dict(zip(header, r, strict=True)) for r in sheet.iter_rows(min_row=2, values_only=True)]
    fired = next(
        r for r in rows if r["Separation reason"] == "Fired" and r["Employer"] == "Birch Hotels Inc"
    )
    assert isinstance(fired["Hire date"], datetime)
    invoices = book["Ojt Invoice"]
    inv_header = [c.value for c in invoices[1]]
    amount = inv_header.index("Amount ($)")
    assert sorted(r[amount] for r in invoices.iter_rows(min_row=2, values_only=True)) == [
        300,
        500,
        800,
        1200,
    ]
    for name in ("Placement", "Activity", "Event"):
        for row in book[name].iter_rows(min_row=2, values_only=True):
            assert not any(isinstance(v, str) and UUID.search(v) for v in row[:-1]), (name, row)


def test_every_reference_lookup_reads_the_schema(store):
    from app.services.importing.readable import REFERENCES, Readable

    known = world.build(store)
    readable = Readable(store)
    found = {column: readable.names(column) for column in REFERENCES}  # each query runs
    assert found["employer_id"][known["oak"]] == "Oak Foods LLC"
    assert found["placement_id"][known["pl1"]] == "Maria Lopez at Oak Foods LLC"
    assert found["agreement_id"][known["ojt_cedar"]] == "Cedar Logistics: Loader"
    assert found["registration_id"][known["r5"]] == "Tanya Reed"
