"""Real license files: one employer per business, not one per row."""

from __future__ import annotations

from pathlib import Path

from sqlmodel import select

from app.core.models import Employer
from app.services.employers import employers as svc
from app.services.importing import apply_plan, plan_import
from app.store.engine import Store

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "imports"
CHICAGO = FIXTURES / "chicago_business_licenses_w_chicago_ave.csv"
PACKED = FIXTURES / "license_packed_addresses.csv"


def test_chicago_licenses_give_one_employer_per_business(store: Store) -> None:
    """561 license rows (renewals year after year) of 153 sites held by 141 accounts.

    A city account is one licensed business; its sites are mostly the same shop moving
    along Chicago Ave (site 1 then site 2), so the account is the employer: 141. Two
    accounts of one owner (Darun Maktaveesub: J M Inc and C A Beef) stay two employers,
    and look-alikes at one address with different owners are reported, not merged.
    """
    plan = plan_import(store, CHICAGO)
    assert plan.total_rows == 561
    assert plan.rejected == []
    assert len(plan.creates) == 141
    pairs = {frozenset((d.a_label, d.b_label)) for d in plan.duplicates}
    assert frozenset(("Marvin Medlock", "Medlock Construction Inc.")) in pairs
    assert frozenset(("Accurate Tax Service, Inc.", "Accurate Tax Services")) in pairs
    assert frozenset(("Amara Sudhaung", "Darun Maktaveesub")) in pairs
    result = apply_plan(store, plan)
    assert result.created == 141

    with store.session() as session:
        stored = list(session.exec(select(Employer)))
    assert len(stored) == 141
    medlock = next(e for e in stored if e.legal_name == "Marvin Medlock")
    # Account 37164: site 1 (2001-2011, "CONTRUCTION") and site 2 (2012): the newest spelling wins.
    assert medlock.dba_name == "Medlock Construction"
    assert medlock.street == "5801 W Chicago Ave 1st"
    assert "also known as Medlock Contruction" in medlock.notes
    crawford = next(e for e in stored if e.legal_name == "Stacia G Crawford")
    assert crawford.street == "5820 W Chicago Ave 1st"  # the latest of its three sites
    assert "5840 W Chicago Ave" in crawford.notes and "5847 W Chicago Ave" in crawford.notes
    faith = next(e for e in stored if e.legal_name == "Only By Faith, Inc.")  # quoted comma
    assert faith.dba_name == ""  # the same name as the legal one
    assert (faith.city, faith.state, faith.zip_code) == ("Chicago", "IL", "60651")

    again = plan_import(store, CHICAGO)
    assert (len(again.creates), len(again.updates), again.unchanged) == (0, 0, 141)


def test_packed_addresses_phone_formats_and_capitals(store: Store) -> None:
    plan = plan_import(store, PACKED)
    assert plan.mapping == ("legal_name", "contact_name", "street", "contact_phone", "", "as_of")
    assert plan.rejected == []
    apply_plan(store, plan)
    by_name = {e.name: e for e in svc.list_rows(store)}
    assert sorted(by_name) == [
        "Elkhart Precision Machining",
        "Jefferson Cafe",
        "Michiana Tortilleria",
        "Mishawaka Metal Works Inc",
        "Mishawaka Metalworks",
        "South Bend Brake & Muffler Inc",
    ]
    brake = svc.get_employer(store, by_name["South Bend Brake & Muffler Inc"].id)
    assert brake is not None
    assert (brake.city, brake.state, brake.zip_code) == ("South Bend", "IN", "46601")
    [okafor] = svc.contacts(store, brake.id)  # 574-232-2277 and 5742322277: one person
    assert (okafor.name, okafor.phone) == ("David Okafor", "(574) 232-2277")
    elkhart = by_name["Elkhart Precision Machining"]
    assert sorted(c.name for c in svc.contacts(store, elkhart.id)) == ["James Park", "Linda Moss"]
    [dup] = plan.duplicates
    assert {dup.a_label, dup.b_label} == {"Mishawaka Metal Works Inc", "Mishawaka Metalworks"}
    assert plan_import(store, PACKED).changes_nothing


def test_an_old_excel_97_2003_file(store: Store) -> None:
    """A .xls in the Excel 97-2003 format (Windows-1252 text, date cells, numbers as numbers).

    The two Kedzie rows are one business; the newer row (by its visit date) names it.
    """
    plan = plan_import(store, FIXTURES / "master_2019.xls")
    assert not plan.rejected
    apply_plan(store, plan)
    with store.session() as session:
        stored = {e.legal_name: e for e in session.exec(select(Employer))}
    assert sorted(stored) == [
        "Garfield Home Health",
        "Kedzie Logistics LLC",
        "Pilsen Panadería Inc",
    ]
    kedzie = stored["Kedzie Logistics LLC"]
    assert (kedzie.street, kedzie.city, kedzie.state, kedzie.zip_code) == (
        "2400 S. Kedzie Avenue",
        "Chicago",
        "IL",
        "60623",
    )
    assert kedzie.employees_total == 120
    assert sorted(c.name for c in svc.contacts(store, kedzie.id)) == ["Ana Rivera", "Luis Ortega"]
    assert [c.name for c in svc.contacts(store, stored["Pilsen Panadería Inc"].id)] == [
        "José Núñez"
    ]
