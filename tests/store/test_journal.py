"""Change capture: every synced table, every kind of write, lands in the journal."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import Table, TypeDecorator, select, text
from sqlmodel import SQLModel

from app.core.ids import utcnow
from app.core.models import Activity, Employer
from app.core.models.base import Record
from app.store import codec, journal
from app.store.engine import open_store
from app.sync.changes import device_id, local_changes

RECORD_CLASSES = {
    m.class_.__tablename__: m.class_
    for m in SQLModel._sa_registry.mappers
    if issubclass(m.class_, Record) and isinstance(m.local_table, Table)
}


def python_type(column: Any) -> type:
    """The Python type a column holds (looking through type decorators like UTCDateTime)."""
    kind = column.type
    if isinstance(kind, TypeDecorator):
        kind = kind.impl_instance
    return kind.python_type


def _value_for(column: Any, variant: int) -> Any:
    kind = python_type(column)
    if kind is bool:
        return bool(variant % 2)
    if kind is int:
        return 10 + variant
    if kind is float:
        return 1.5 + variant
    if kind is datetime:
        return utcnow() - timedelta(days=variant)
    if kind is bytes:
        return bytes([variant]) * 8
    if kind is date:
        return date(2026, 1, 1) + timedelta(days=variant)
    return f"value {variant}"


def _build(cls: type[Record], variant: int = 0) -> Record:
    table = cls.__table__
    values = {
        c.name: _value_for(c, variant)
        for c in table.c
        if c.name not in ("id", "created_at", "updated_at", "deleted_at")
    }
    return cls(**values)


def _editable_column(cls: type[Record]) -> str:
    for c in cls.__table__.c:
        if c.name not in ("id", "created_at", "updated_at", "deleted_at"):
            return c.name
    return "updated_at"


def test_every_record_table_is_synced() -> None:
    assert set(journal.synced_tables()) == set(RECORD_CLASSES)
    assert "sync_device" not in journal.synced_tables()
    assert "local_setting" not in journal.synced_tables()
    assert {"employer", "contact", "activity", "followup"} <= set(RECORD_CLASSES)


@pytest.mark.parametrize("table_name", sorted(RECORD_CLASSES))
def test_insert_update_and_delete_are_journaled(store, table_name: str) -> None:
    cls = RECORD_CLASSES[table_name]
    with store.transaction() as session:
        record = _build(cls)
        session.add(record)
    record_id = record.id
    inserted = [c for _, c in local_changes(store) if c.row_id == record_id]
    assert [(c.table, c.column) for c in inserted] == [(table_name, "*")]
    row_value = inserted[0].value
    with store.engine.connect() as conn:
        stored = conn.execute(select(cls.__table__).where(cls.__table__.c.id == record_id)).one()
    assert row_value == dict(stored._mapping)
    assert inserted[0].device == device_id(store)

    column = "deleted_at" if cls.insert_only else _editable_column(cls)
    with store.transaction() as session:
        again = session.get(cls, record_id)
        attr = next(p.key for p in cls.__mapper__.column_attrs if p.columns[0].name == column)
        new_value = utcnow() if column == "deleted_at" else _value_for(cls.__table__.c[column], 1)
        setattr(again, attr, new_value)
        session.add(again)
    updates = [c for _, c in local_changes(store) if c.row_id == record_id][1:]
    assert [c.column for c in updates] == [column]
    assert updates[0].value == new_value
    assert updates[0].seen == inserted[0].stamp
    assert updates[0].hlc > inserted[0].hlc

    with store.transaction() as session:
        session.delete(session.get(cls, record_id))
    tombstone = [c for _, c in local_changes(store) if c.row_id == record_id][-1]
    assert tombstone.column == "deleted_at"
    assert tombstone.value is not None
    # The record stays as a tombstone, as on every other device.
    with store.session() as session:
        kept = session.get(cls, record_id)
        assert kept is not None
        assert kept.deleted_at == tombstone.value


def test_insert_only_records_refuse_edits_and_write_nothing(store) -> None:
    from app.services.employers import employers

    employer = employers.create_employer(store, {"legal_name": "Kedzie Logistics"})
    activity = employers.log_activity(store, employer.id, "call", "Called about forklift jobs")
    before = len(local_changes(store))
    with (
        pytest.raises(journal.InsertOnlyError, match="cannot be changed"),
        store.transaction() as session,
    ):
        again = session.get(Activity, activity.id)
        again.summary = "Rewritten history"
        session.add(again)
    assert len(local_changes(store)) == before
    with store.session() as session:
        assert session.get(Activity, activity.id).summary == "Called about forklift jobs"


def test_a_transaction_that_fails_leaves_no_journal_rows(store) -> None:
    before = len(local_changes(store))
    with pytest.raises(RuntimeError), store.transaction() as session:
        session.add(Employer(legal_name="Never Saved LLC"))
        session.flush()
        raise RuntimeError("the user cancelled")
    assert len(local_changes(store)) == before


def test_unchanged_assignments_write_no_change(store) -> None:
    from app.services.employers import employers

    employer = employers.create_employer(store, {"legal_name": "Same Name Inc."})
    before = len(local_changes(store))
    with store.transaction() as session:
        again = session.get(Employer, employer.id)
        again.legal_name = "Same Name Inc."
        session.add(again)
    assert len(local_changes(store)) == before


def test_device_id_exists_from_the_first_open_and_survives_reopening(store_path) -> None:
    first = open_store(store_path)
    ident = device_id(first)
    first.close()
    assert len(ident) == 36 and ident[14] == "7"  # a UUIDv7
    again = open_store(store_path)
    try:
        assert device_id(again) == ident
    finally:
        again.close()


def test_stamps_keep_increasing_across_reopening(store_path) -> None:
    from app.services.employers import employers

    first = open_store(store_path)
    employers.create_employer(first, {"legal_name": "First Co"})
    last = local_changes(first)[-1][1].hlc
    first.close()
    # A wall clock set back must not make the next stamp go backwards.
    with open_store(store_path).engine.begin() as conn:
        conn.execute(text("UPDATE sync_device SET clock = :c"), {"c": last + (10**6 << 16)})
    again = open_store(store_path)
    try:
        employers.create_employer(again, {"legal_name": "Second Co"})
        assert local_changes(again)[-1][1].hlc > last + (10**6 << 16)
    finally:
        again.close()


def test_rows_from_before_the_journal_are_journaled_at_first_open(tmp_path) -> None:
    import shutil
    import sqlite3
    from pathlib import Path

    fixture = Path(__file__).resolve().parents[1] / "fixtures" / "store-0001.sqlite"
    path = tmp_path / "old.sqlite"
    shutil.copy(fixture, path)
    con = sqlite3.connect(path)
    count = con.execute("SELECT count(*) FROM employer").fetchone()[0]
    con.close()
    opened = open_store(path)
    try:
        inserts = [c for _, c in local_changes(opened) if c.table == "employer" and c.column == "*"]
        assert len(inserts) == count > 0
    finally:
        opened.close()


def test_rotating_the_device_id_moves_unpublished_changes(store) -> None:
    from app.services.employers import employers

    employers.create_employer(store, {"legal_name": "Published Co"})
    published_seq = local_changes(store)[-1][0]
    old_id = device_id(store)
    employers.create_employer(store, {"legal_name": "Not Yet Published Co"})
    with store.engine.begin() as conn:
        new_id = journal.rotate_device_id(conn, restamp_after_seq=published_seq)
    assert new_id != old_id
    mine = local_changes(store)
    assert [c.value["legal_name"] for _, c in mine if c.column == "*"] == ["Not Yet Published Co"]
    with store.engine.connect() as conn:
        former = conn.execute(text("SELECT former_ids FROM sync_device")).scalar_one()
    assert old_id in former


def test_journal_values_decode_with_the_codec(store) -> None:
    from app.services.employers import employers

    employer = employers.create_employer(store, {"legal_name": "Codec Foods"})
    employers.update_employer_field(store, employer.id, "city", "Cicero")
    with store.engine.connect() as conn:
        raw = dict(
            conn.execute(
                text("SELECT col, value FROM change WHERE row_id = :r"), {"r": employer.id}
            ).all()
        )
    assert raw["*"] is None  # an insert's value is the stored row's
    assert codec.decode(raw["city"]) == "Cicero"
    insert = next(c for _n, c in local_changes(store) if c.row_id == employer.id)
    assert insert.value["created_at"] == employer.created_at


def test_bulk_statements_on_synced_records_are_refused(store) -> None:
    from sqlalchemy import insert, update

    with (
        pytest.raises(journal.UnjournaledWriteError, match="session.add"),
        store.transaction() as session,
    ):
        session.execute(update(Employer).where(Employer.city == "Chicago").values(city="Cicero"))
    with pytest.raises(journal.UnjournaledWriteError), store.transaction() as session:
        session.execute(insert(Employer), [{"id": "x", "legal_name": "Bulk Co"}])
    # Reading is untouched.
    with store.session() as session:
        assert session.scalars(select(Employer)).all() == []
