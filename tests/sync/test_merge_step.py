"""The merge step alone: rows and stamps in, writes and conflicts out, no database."""

from __future__ import annotations

import re
from pathlib import Path

from app.store.journal import ROW, Stamp
from app.sync.changes import Change
from app.sync.merge import EditedDeleted, FieldKey, LostValue, Merger, TableShape

COLUMNS = ("id", "legal_name", "city", "notes", "deleted_at", "updated_at")
EMPLOYER = TableShape("employer", COLUMNS, frozenset(COLUMNS), insert_only=False)
NOTE_COLUMNS = ("id", "body", "employer_id", "deleted_at", "updated_at")
NOTE = TableShape("note", NOTE_COLUMNS, frozenset(NOTE_COLUMNS), insert_only=True)


def edit(hlc: int, device: str, column: str, value, seen: Stamp | None = None) -> Change:
    seen = seen or Stamp(0, "")
    return Change(hlc, device, "employer", "e1", column, value, seen.hlc, seen.device)


def test_the_later_of_two_concurrent_edits_wins_and_the_other_is_a_lost_value() -> None:
    m = Merger()
    m.merge_table(
        EMPLOYER,
        {},
        {"e1": None},
        {"e1": [edit(20, "b", "city", "Cicero"), edit(10, "a", "city", "Berwyn")]},
    )
    [row] = m.out.rows
    assert row.values == {"city": "Cicero"} and row.exists
    key = FieldKey("employer", "e1", "city")
    assert m.out.versions == {key: Stamp(20, "b")}
    # Applied in stamp order: Berwyn first, then Cicero over it (Berwyn is read back
    # from the journal when the conflict is logged).
    assert m.out.lost == {
        (key, Stamp(10, "a")): LostValue(key, Stamp(10, "a"), None, Stamp(20, "b"), "Cicero", True)
    }
    assert (m.out.applied, m.out.older) == (2, 0)


def test_an_edit_made_on_top_of_the_held_value_is_no_conflict() -> None:
    m = Merger()
    held = {("e1", "city"): Stamp(5, "a")}
    m.merge_table(EMPLOYER, held, {"e1": None}, {"e1": [edit(9, "b", "city", "X", Stamp(5, "a"))]})
    assert m.out.lost == {} and m.out.rows[0].values == {"city": "X"}


def test_an_older_edit_changes_nothing() -> None:
    m = Merger()
    held = {("e1", "notes"): Stamp(50, "a")}
    m.merge_table(EMPLOYER, held, {"e1": None}, {"e1": [edit(9, "b", "notes", "old")]})
    assert m.out.rows[0].values == {} and m.out.older == 1 and m.out.versions == {}


def test_a_new_record_is_inserted_whole() -> None:
    m = Merger()
    insert = Change(7, "a", "employer", "e2", ROW, {"id": "e2", "legal_name": "New", "future": 1})
    m.merge_table(EMPLOYER, {}, {}, {"e2": [insert]})
    [row] = m.out.rows
    assert not row.exists and row.inserted == {"id": "e2", "legal_name": "New"}
    assert m.out.unknown == 1, "a column this version does not know is counted"


def test_an_insert_only_record_keeps_its_fields() -> None:
    m = Merger()
    body = Change(9, "b", "note", "n1", "body", "rewritten")
    m.merge_table(NOTE, {("n1", ROW): Stamp(3, "a")}, {"n1": None}, {"n1": [body]})
    assert m.out.rows[0].values == {} and m.out.older == 1


def test_an_edit_after_a_delete_is_applied_and_reported() -> None:
    m = Merger()
    delete = edit(10, "a", "deleted_at", "2026-01-01")
    later = edit(20, "b", "notes", "still working on it")
    m.merge_table(EMPLOYER, {}, {"e1": None}, {"e1": [delete, later]})
    assert m.out.rows[0].values["notes"] == "still working on it"
    assert m.out.edited_deleted == [
        EditedDeleted(FieldKey("employer", "e1", "notes"), Stamp(20, "b"), Stamp(10, "a"))
    ]


def test_sync_names_no_record_table_of_its_own() -> None:
    """The search index is refreshed by app.store.search; sync knows no employer or contact."""
    root = Path(__file__).resolve().parents[2] / "app" / "sync"
    for name in ("changes.py", "merge.py", "merge_writer.py"):
        source = (root / name).read_text(encoding="utf-8")
        assert not re.search(r"[\"'](employer|contact)[\"']", source), name
