"""Planning writes nothing; applying is all or nothing; one employer per business."""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlmodel import select

from app.core.models import Contact, Employer
from app.core.validation import FieldError
from app.services.employers import employers as svc
from app.services.importing import (
    ImportCancelled,
    ImportFileError,
    ImportRefused,
    apply_plan,
    guess_mapping,
    initial_mapping,
    load_table,
    plan_import,
    remembered_mapping,
)
from app.services.importing import plan as plan_module
from app.services.importing.reading import read_file
from app.store.engine import Store
from tests.services.importing.files import write_csv, write_xlsx

HEADER = ["Company", "Contact Person", "Phone", "Address", "Notes"]


def _employers(store: Store) -> list[Employer]:
    with store.session() as session:
        return list(
            session.exec(
                select(Employer).where(
                    Employer.deleted_at.is_(None), Employer.merged_into.is_(None)
                )
            )
        )


def _contacts(store: Store, employer_id: str) -> list[Contact]:
    return svc.contacts(store, employer_id)


def _sheet(tmp_path: Path, rows: list[list[str]], name: str = "master.csv") -> Path:
    return write_csv(tmp_path / name, [HEADER, *rows])


def test_mapping_guessed_from_common_headers() -> None:
    headers = [
        "Business Name",
        "DOING BUSINESS AS NAME",
        "Contact Person",
        "Phone",
        "Email",
        "ZIP CODE",
        "Title",
        "Whatever",
    ]
    assert guess_mapping(headers) == (
        "legal_name",
        "dba_name",
        "contact_name",
        "contact_phone",
        "contact_email",
        "zip_code",
        "contact_role",
        "",
    )
    # Without a contact column, Phone is the business's own number.
    assert guess_mapping(["LEGAL NAME", "Phone", "Address"]) == (
        "legal_name",
        "main_phone",
        "street",
    )
    # The license file's row ID is not a business key; the account number is.
    assert guess_mapping(["ID", "ACCOUNT NUMBER", "LEGAL NAME"]) == ("", "key", "legal_name")


def test_rows_of_one_business_become_one_employer_with_contacts_together(
    store: Store, tmp_path: Path
) -> None:
    path = _sheet(
        tmp_path,
        [
            [
                "Kedzie Logistics, Inc.",
                "Luis Ortega",
                "773-555-0110",
                "2400 S Kedzie Avenue, Chicago, IL 60623",
                "",
            ],
            ["KEDZIE LOGISTICS", "ANA RUIZ", "773-555-0111", "2400 S KEDZIE AVE", ""],
            ["Kedzie Logistics LLC", "Luis Ortega", "7735550110", "", "Second shift"],
            ["Pilsen Bakery", "Maria Garcia", "312-555-0101", "1800 S Blue Island Ave", ""],
        ],
    )
    plan = plan_import(store, path)
    assert len(plan.creates) == 2
    assert plan.rejected == []
    assert _employers(store) == []  # planning writes nothing
    result = apply_plan(store, plan)
    assert (result.created, result.updated) == (2, 0)
    kedzie = next(e for e in _employers(store) if e.legal_name.startswith("Kedzie"))
    assert kedzie.street == "2400 S Kedzie Ave"  # the latest non-empty value
    assert (kedzie.city, kedzie.state, kedzie.zip_code) == ("Chicago", "IL", "60623")
    assert kedzie.notes == "Second shift"
    people = sorted(c.name for c in _contacts(store, kedzie.id))
    assert people == ["Ana Ruiz", "Luis Ortega"]
    assert sum(c.is_primary for c in _contacts(store, kedzie.id)) == 1


def test_importing_the_same_file_twice_changes_nothing(store: Store, tmp_path: Path) -> None:
    path = _sheet(
        tmp_path,
        [
            ["Kedzie Logistics", "Luis Ortega", "773-555-0110", "2400 S Kedzie Ave", "Night shift"],
            ["Pilsen Bakery", "Maria Garcia", "312-555-0101", "1800 S Blue Island Ave", ""],
        ],
    )
    apply_plan(store, plan_import(store, path))
    again = plan_import(store, path)
    assert (len(again.creates), len(again.updates), again.unchanged) == (0, 0, 2)
    result = apply_plan(store, again)
    assert (result.created, result.updated) == (0, 0)
    assert len(_employers(store)) == 2


def test_matching_rows_update_but_never_blank_what_was_typed(store: Store, tmp_path: Path) -> None:
    typed = svc.create_employer(
        store,
        {
            "legal_name": "Pilsen Bakery Inc.",
            "street": "1800 S Blue Island Ave",
            "website": "pilsenbakery.com",
        },
    )
    svc.update_employer_field(store, typed.id, "notes", "Owner prefers mornings.")
    path = _sheet(
        tmp_path,
        [["PILSEN BAKERY", "Maria Garcia", "312-555-0101", "1800 S. Blue Island Avenue", ""]],
    )
    plan = plan_import(store, path)
    assert len(plan.creates) == 0 and len(plan.updates) == 1
    apply_plan(store, plan)
    stored = svc.get_employer(store, typed.id)
    assert stored is not None
    assert stored.legal_name == "Pilsen Bakery Inc."  # same name, kept as typed
    assert stored.website == "pilsenbakery.com"  # no column, kept
    assert stored.notes == "Owner prefers mornings."  # empty cell, kept
    assert stored.street == "1800 S. Blue Island Avenue"  # newer non-empty value wins
    assert [c.name for c in _contacts(store, typed.id)] == ["Maria Garcia"]

    newer = _sheet(
        tmp_path,
        [
            [
                "Pilsen Bakery",
                "Maria Garcia",
                "312-555-0199",
                "1800 S Blue Island Ave",
                "Hiring in May",
            ]
        ],
        "april.csv",
    )
    plan = plan_import(store, newer)
    assert len(plan.updates) == 1
    apply_plan(store, plan)
    stored = svc.get_employer(store, typed.id)
    assert stored is not None
    assert stored.notes == "Owner prefers mornings.\nHiring in May"
    assert _contacts(store, typed.id)[0].phone == "(312) 555-0199"


def test_rejected_rows_change_nothing_until_accepted(store: Store, tmp_path: Path) -> None:
    path = _sheet(
        tmp_path,
        [
            ["Kedzie Logistics", "Luis Ortega", "773-555-0110", "", ""],
            ["", "Nobody", "773-555-0112", "", ""],
            ["Pilsen Bakery", "Maria Garcia", "12", "", ""],
        ],
    )
    plan = plan_import(store, path)
    assert [(r.row, r.column, r.field) for r in plan.rejected] == [
        (3, "Company", "legal_name"),
        (4, "Phone", "contact_phone"),
    ]
    assert "“12”" in plan.rejected[1].reason
    with pytest.raises(ImportRefused):
        apply_plan(store, plan)
    assert _employers(store) == []
    result = apply_plan(store, plan, accept_partial=True)
    assert result.created == 1
    assert [e.legal_name for e in _employers(store)] == ["Kedzie Logistics"]


def test_a_crash_mid_import_leaves_the_store_as_it_was(store: Store, tmp_path: Path) -> None:
    before = svc.create_employer(
        store, {"legal_name": "Pilsen Bakery", "street": "1800 S Blue Island Ave"}
    )
    rows = [[f"Business {n}", f"Person {n}", "", f"{100 + n} W Lake St", ""] for n in range(1200)]
    rows.append(["Pilsen Bakery", "New Person", "", "1800 S Blue Island Ave", "note"])
    plan = plan_import(store, _sheet(tmp_path, rows))

    def explode(done: int, total: int) -> None:
        if done >= 1000:
            raise OSError("disk full")

    with pytest.raises(OSError):
        apply_plan(store, plan, progress=explode)
    assert [e.id for e in _employers(store)] == [before.id]
    assert _contacts(store, before.id) == []


def test_every_stage_runs_with_the_cycle_collector_resting(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Reading, planning and writing each pause the collector (a 100,000-row import spent
    about a third of its time in it) and leave it on afterwards, also after a failure."""
    rows = [[f"Business {n}", f"Person {n}", "", f"{100 + n} W Lake St", ""] for n in range(300)]
    sheet = _sheet(tmp_path, rows)
    seen: list[tuple[str, bool]] = []

    def note(stage: str) -> Callable[[int, int], None]:
        return lambda done, total: seen.append((stage, gc.isenabled()))

    def reading(path: Path) -> object:
        seen.append(("read", gc.isenabled()))
        return read_file(path)

    monkeypatch.setattr(plan_module, "read_file", reading)
    gc.enable()
    table = load_table(sheet)
    assert gc.isenabled()
    plan = plan_import(store, table, progress=note("plan"))
    apply_plan(store, plan, progress=note("apply"))
    assert {stage for stage, _ in seen} == {"read", "plan", "apply"}
    assert not any(on for _, on in seen)
    assert gc.isenabled()
    with pytest.raises(ImportFileError):
        load_table(write_csv(tmp_path / "empty.csv", []))
    assert gc.isenabled()

    def explode(done: int, total: int) -> None:
        raise OSError("disk full")

    with pytest.raises(OSError):
        apply_plan(store, plan_import(store, table), progress=explode)
    assert gc.isenabled()


def test_cancel_rolls_back(store: Store, tmp_path: Path) -> None:
    rows = [[f"Business {n}", "", "", f"{100 + n} W Lake St", ""] for n in range(1500)]
    plan = plan_import(store, _sheet(tmp_path, rows))
    cancel = threading.Event()
    seen: list[int] = []

    def progress(done: int, total: int) -> None:
        seen.append(done)
        if done >= 500:
            cancel.set()

    with pytest.raises(ImportCancelled):
        apply_plan(store, plan, progress=progress, cancel=cancel)
    assert seen and _employers(store) == []


def test_a_plan_made_before_someone_edited_is_refused(store: Store, tmp_path: Path) -> None:
    plan = plan_import(store, _sheet(tmp_path, [["Kedzie Logistics", "", "", "", ""]]))
    svc.create_employer(store, {"legal_name": "Typed meanwhile"})
    with pytest.raises(ImportRefused, match="changed since"):
        apply_plan(store, plan)


def test_mapping_is_remembered_per_header_set(store: Store, tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "odd.csv", [["Org", "Who", "Tel"], ["Acme", "Jo Smith", "312-555-0101"]]
    )
    table = load_table(path)
    mapping, saved = initial_mapping(store, table.headers)
    assert not saved and mapping == ("", "", "main_phone")
    with pytest.raises(ImportFileError, match="employer's name"):
        plan_import(store, table, mapping)
    chosen = ("legal_name", "contact_name", "contact_phone")
    apply_plan(store, plan_import(store, table, chosen))
    assert remembered_mapping(store, table.headers) == chosen
    # Next month's file with the same columns maps itself.
    nxt = write_csv(
        tmp_path / "next.csv", [["ORG", "who", "TEL"], ["Beta", "Al Jones", "312-555-0102"]]
    )
    mapping, saved = initial_mapping(store, load_table(nxt).headers)
    assert saved and mapping == chosen
    plan = plan_import(store, nxt)
    assert plan.creates[0].contacts == [{"name": "Al Jones", "phone": "(312) 555-0102"}]


def test_a_mapping_filling_one_field_twice_is_refused(store: Store, tmp_path: Path) -> None:
    table = load_table(_sheet(tmp_path, [["Acme", "", "", "", ""]]))
    with pytest.raises(ImportFileError, match="both fill"):
        plan_import(store, table, ("legal_name", "legal_name", "", "", ""))


def test_near_matches_are_reported_not_merged_and_can_be_merged(
    store: Store, tmp_path: Path
) -> None:
    path = _sheet(
        tmp_path,
        [
            ["Mishawaka Metal Works Inc", "Tom Becker", "574-555-0121", "400 N Main St", ""],
            ["Mishawaka Metalworks", "Ann Becker", "574-555-0135", "410 N Main St", ""],
            ["Lake Street Cafe", "Jo Smith", "312-555-0150", "12 W Lake St", ""],
        ],
    )
    plan = plan_import(store, path)
    assert len(plan.creates) == 3
    [dup] = plan.duplicates
    assert {dup.a_label, dup.b_label} == {"Mishawaka Metal Works Inc", "Mishawaka Metalworks"}
    assert any("alike" in e for e in dup.evidence)
    assert any("different addresses" in e for e in dup.evidence)
    merged = plan_import(store, path, merges=[(dup.a, dup.b)])
    assert len(merged.creates) == 2 and merged.duplicates == []
    apply_plan(store, merged)
    works = next(e for e in _employers(store) if e.legal_name.startswith("Mishawaka"))
    assert sorted(c.name for c in _contacts(store, works.id)) == ["Ann Becker", "Tom Becker"]
    assert "also at" in works.notes


def test_near_match_with_a_stored_employer_can_be_merged_into_it(
    store: Store, tmp_path: Path
) -> None:
    stored = svc.create_employer(
        store, {"legal_name": "Mishawaka Metal Works Inc", "street": "400 N Main St"}
    )
    path = _sheet(
        tmp_path, [["Mishawaka Metalworks", "Ann Becker", "574-555-0135", "410 N Main St", ""]]
    )
    plan = plan_import(store, path)
    [dup] = plan.duplicates
    assert f"employer:{stored.id}" in dup.pair
    merged = plan_import(store, path, merges=[dup.pair])
    assert merged.creates == [] and len(merged.updates) == 1
    apply_plan(store, merged)
    assert [e.id for e in _employers(store)] == [stored.id]
    assert [c.name for c in _contacts(store, stored.id)] == ["Ann Becker"]


def test_two_stored_duplicates_can_be_merged_from_the_report(store: Store, tmp_path: Path) -> None:
    a = svc.create_employer(store, {"legal_name": "Acme Foods", "street": "1 Main St"})
    b = svc.create_employer(store, {"legal_name": "Acme Foods", "street": "1 Main Street"})
    svc.add_contact(store, b.id, {"name": "Jo Smith"})
    path = _sheet(tmp_path, [["Acme Foods Inc", "", "", "1 Main St", ""]])
    plan = plan_import(store, path)
    dup = next(d for d in plan.duplicates if "matches both" in " ".join(d.evidence))
    plan = plan_import(store, path, merges=[dup.pair])
    result = apply_plan(store, plan)
    assert result.merged == 1
    live = _employers(store)
    assert [e.id for e in live] == [min(a.id, b.id)]
    assert [c.name for c in _contacts(store, live[0].id)] == ["Jo Smith"]
    gone = svc.get_employer(store, max(a.id, b.id))
    assert gone is not None and gone.merged_into == live[0].id and gone.deleted_at is not None


def test_newest_row_wins_by_its_date_even_as_an_excel_serial(store: Store, tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "dated.xlsx",
        [
            ["Account", "Company", "Doing business as", "Updated"],
            [7, "Acme Inc", "Acme Grill", 45400],  # 2024-04-19, stored as a bare number
            [7, "Acme Inc", "Acme Kitchen", 45000],  # older, but later in the file
        ],
    )
    plan = plan_import(store, path)
    assert plan.mapping == ("key", "legal_name", "dba_name", "as_of")
    [item] = plan.creates
    assert item.values["dba_name"] == "Acme Grill"
    assert "also known as Acme Kitchen" in item.values["notes"]


def test_progress_is_reported_while_planning(store: Store, tmp_path: Path) -> None:
    rows = [[f"Business {n}", "", "", "", ""] for n in range(4500)]
    seen: list[tuple[int, int]] = []
    plan_import(store, _sheet(tmp_path, rows), progress=lambda d, t: seen.append((d, t)))
    assert seen[0] == (0, 4500) and seen[-1] == (4500, 4500)


def test_preview_shows_rows_as_they_will_be_stored(store: Store, tmp_path: Path) -> None:
    path = _sheet(
        tmp_path,
        [["ACME FOODS, INC.", "JO SMITH", "5742322277", "12 OAK ST, ELKHART, IN 46514", ""]],
    )
    [row] = plan_import(store, path).preview
    assert row["Legal name"] == "Acme Foods, Inc."
    assert (row["Street"], row["City"], row["State"], row["ZIP"]) == (
        "12 Oak St",
        "Elkhart",
        "IN",
        "46514",
    )
    assert row["Contact"] == "Jo Smith" and row["Contact phone"] == "(574) 232-2277"
    assert row["Action"] == "new"


def test_fast_email_check_agrees_with_the_full_one() -> None:
    from app.core.validation import clean_email
    from app.services.importing.rows import _email

    for value in ("Jo.Smith@Example.COM", "hr+jobs@pilsen-bakery.com", "a_b@mail.co.uk", "x@y.org"):
        assert _email(value) == clean_email(value)
    for bad in ("jo@", "jo..smith@example.com", "jo smith@example.com"):
        with pytest.raises(FieldError):
            _email(bad)


def test_a_deleted_employer_is_not_brought_back_by_the_next_file(
    store: Store, tmp_path: Path
) -> None:
    path = _sheet(
        tmp_path,
        [
            ["Kedzie Logistics", "Luis Ortega", "773-555-0110", "2400 S Kedzie Ave", ""],
            ["Pilsen Bakery", "Maria Garcia", "312-555-0101", "1800 S Blue Island Ave", ""],
        ],
    )
    apply_plan(store, plan_import(store, path))
    bakery = next(e for e in _employers(store) if e.legal_name == "Pilsen Bakery")
    svc.delete_employer(store, bakery.id)
    again = plan_import(store, path)
    assert (len(again.creates), len(again.updates), again.unchanged) == (0, 0, 1)
    assert any("Pilsen Bakery (deleted), row 3" in note for note in again.notes)
    apply_plan(store, again)
    assert [e.legal_name for e in _employers(store)] == ["Kedzie Logistics"]
    svc.restore_employer(store, bakery.id)
    assert plan_import(store, path).unchanged == 2  # undeleted, it is matched again


def test_a_business_merged_into_another_is_not_recreated(store: Store, tmp_path: Path) -> None:
    from app.services.employers.merge import merge_employers

    path = _sheet(
        tmp_path,
        [
            ["Acme Foods", "Jo Smith", "312-555-0120", "1 Main St", ""],
            ["ACME FOOD PRODUCTS", "Al Brown", "312-555-0199", "4400 W Ogden Ave", ""],
        ],
    )
    apply_plan(store, plan_import(store, path))
    first, second = sorted(_employers(store), key=lambda e: e.id)
    merge_employers(store, first.id, second.id)
    again = plan_import(store, path)
    assert (len(again.creates), len(again.updates)) == (0, 0)
    assert any("(merged into Acme Foods), row 3" in note for note in again.notes)
    assert [e.id for e in _employers(store)] == [first.id]


def test_a_merge_from_the_report_refused_when_one_side_is_gone(
    store: Store, tmp_path: Path
) -> None:
    a = svc.create_employer(store, {"legal_name": "Acme Foods", "street": "1 Main St"})
    b = svc.create_employer(store, {"legal_name": "Acme Foods", "street": "1 Main Street"})
    path = _sheet(tmp_path, [["Acme Foods Inc", "", "", "1 Main St", ""]])
    dup = next(
        d for d in plan_import(store, path).duplicates if "matches both" in " ".join(d.evidence)
    )
    plan = plan_import(store, path, merges=[dup.pair])
    with store.transaction() as session:  # gone without touching the stamp the plan checks
        session.get(Employer, max(a.id, b.id)).merged_into = min(a.id, b.id)  # type: ignore[union-attr]
    with pytest.raises(ImportRefused):
        apply_plan(store, plan)
    assert {e.id for e in _employers(store)} == {a.id}
