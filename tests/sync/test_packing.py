"""The compact insert rows of segment format 2: they read back as the change objects of
format 1, a file of edits is still written as format 1, and nonsense is set aside line by
line. Files written by format 1 (frozen in tests/fixtures/segments) still apply."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from app.sync import packing
from app.sync import segment as seg
from app.sync.changes import Change, apply_changes
from app.sync.reading import _changes_of
from tests.sync.helpers import KEY, content

KEYS = {seg.key_id_of(KEY): KEY}
DEVICE = "0190f3a2-7c1e-7d4e-9b1a-3c5d7e9f1a2b"
FIXTURES = Path(__file__).parents[1] / "fixtures" / "segments"


def _insert(hlc: int, table: str = "employer", **value: object) -> Change:
    row_id = f"row-{hlc}"
    return Change(hlc, DEVICE, table, row_id, "*", {"id": row_id, **value})


def _edit(hlc: int, column: str, value: object) -> Change:
    return Change(hlc, DEVICE, "employer", f"row-{hlc - 1}", column, value, hlc - 1, DEVICE)


def _read_back(changes: list[Change], **limits: int) -> tuple[list[Change], list[int]]:
    out: list[Change] = []
    versions: list[int] = []
    for n, packed in enumerate(packing.pack(((None, c) for c in changes), **limits), start=1):
        data = seg.encode(
            kind=seg.Kind.CHANGES, device=DEVICE, seq=n, prev_hash=seg.ZERO_HASH, key=KEY,
            records=packed.lines, version=packed.version,
        )  # fmt: skip
        versions.append(data[9])
        out += [Change.from_plain(r) for r in seg.decode(data, KEYS).records]
    return out, versions


values = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**53), max_value=2**53),
    st.text(max_size=20),
    st.dates(),
    st.datetimes(timezones=st.just(UTC)),
)


@settings(max_examples=60, deadline=None)
@given(
    kinds=st.lists(
        st.tuples(st.sampled_from(["employer", "contact", "edit"]), values), max_size=30
    ),
    max_changes=st.integers(min_value=1, max_value=7),
)
def test_any_mix_reads_back_as_written(kinds, max_changes) -> None:
    changes = []
    for n, (kind, value) in enumerate(kinds, start=1):
        if kind == "edit":
            changes.append(_edit(n, "notes", value))
        else:
            changes.append(_insert(n, kind, notes=value, city="Cicero"))
    back, versions = _read_back(changes, max_changes=max_changes)
    assert back == changes
    assert [c.value for c in back] == [c.value for c in changes]
    inserts = any(c.column == "*" for c in changes)
    assert (2 in versions) == inserts
    assert all(v == 1 for v in versions) or inserts


def test_inserts_take_a_header_once_and_a_short_line_each() -> None:
    changes = [_insert(n, legal_name=f"Bakery {n}", city="Chicago") for n in range(1, 101)]
    packed = list(packing.pack((None, c) for c in changes))
    assert len(packed) == 1 and packed[0].version == 2
    assert packed[0].lines[0].startswith(b'{"rows":"employer"')
    assert len(packed[0].lines) == 101
    objects = sum(len(packing.dumps(c.to_plain())) for c in changes)
    assert packed[0].size < objects / 2


def test_a_file_of_edits_stays_format_one() -> None:
    back, versions = _read_back([_edit(2, "city", "Berwyn"), _edit(4, "notes", None)])
    assert versions == [1] and [c.column for c in back] == ["city", "notes"]


def test_split_by_bytes_repeats_the_header() -> None:
    changes = [_insert(n, legal_name="x" * 200) for n in range(1, 40)]
    back, versions = _read_back(changes, max_bytes=2_000)
    assert back == changes and len(versions) > 3 and set(versions) == {2}


def test_nonsense_rows_are_named_and_set_aside_the_rest_applies() -> None:
    header = {"rows": "employer", "device": DEVICE, "columns": ["id", "legal_name"]}
    lines = [
        packing.dumps([5, "row-5", "Orphan"]),  # before any header
        packing.dumps(header),
        packing.dumps([6, "row-6", "Good Bakery"]),
        packing.dumps([7, "row-7"]),  # a value short
        packing.dumps(["soon", "row-8", "Bad stamp"]),
        packing.dumps({"rows": "employer", "device": DEVICE, "columns": ["legal_name"]}),
        packing.dumps([9, "Under a header without id"]),
    ]
    data = seg.encode(
        kind=seg.Kind.CHANGES, device=DEVICE, seq=1, prev_hash=seg.ZERO_HASH, key=KEY,
        records=lines, version=2,
    )  # fmt: skip
    good, bad, _meta = _changes_of(seg.decode(data, KEYS), DEVICE)
    assert [c.value for c in good] == [{"id": "row-6", "legal_name": "Good Bakery"}]
    reasons = [b.reason for b in bad]
    assert len(reasons) == 5
    assert "line 1: a row of values with no rows header" in reasons[0]
    assert "line 4: a employer row of 2 values for 2 columns" in reasons[1]
    assert "line 5" in reasons[2]
    assert "line 6: a rows header without" in reasons[3]
    assert "line 7: a row of values with no rows header" in reasons[4]


def test_values_of_every_kind_survive() -> None:
    when = datetime(2026, 12, 3, 14, 30, tzinfo=UTC)
    change = _insert(1, legal_name="Ñandú & Co", founded=date(1999, 1, 2), seen=when, n=7)
    back, _ = _read_back([change])
    assert back[0].value == change.value


def test_old_format_files_still_apply(tmp_path, make_store) -> None:
    """A changes file and a snapshot written by format 1 apply as they always did."""
    for name in ("v1-changes.eds", "v1-snapshot.eds"):
        data = (FIXTURES / name).read_bytes()
        assert data[9] == 1
        got = seg.decode(data, KEYS)
        store = make_store(tmp_path / f"{name}.sqlite")
        records = got.records if got.kind is seg.Kind.CHANGES else got.records[1:]
        good, bad, _meta = _changes_of(seg.Segment(got.header, records, got.digest), got.device)
        assert not bad
        with store.transaction() as session:
            result = apply_changes(session, good)
        assert result.applied == len(good) and result.quarantined == 0
        rows = {r[0]: r for r in content(store)["employer"]}
        names = sorted(
            (r.legal_name, r.city, r.notes, r.deleted_at is not None) for r in _employers(store)
        )
        assert names == [
            ("Hermosa Bakery & Cafe", "Chicago", "", False),
            ("Ogden Logistics", "Chicago", "", True),
            ("Pilsen Metal Works", "Cicero", "Second shift — bilingual", False),
        ], name
        assert len(rows) == 3
        assert [c[5] for c in content(store)["contact"]] == ["Rosa Delgado"]


def _employers(store):  # noqa: ANN001, ANN202
    from sqlalchemy import select

    from app.core.models import Employer

    with store.session() as session:
        return session.exec(select(Employer)).scalars().all()
