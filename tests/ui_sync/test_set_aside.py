"""The Sync page lists changes set aside (quarantined) with their computer and reason."""

from __future__ import annotations

from app.core import hlc
from app.sync import segment as seg
from app.sync.changes import device_id
from app.sync.engine import sync_once
from app.sync.folder import FolderTransport
from app.sync.segment import Kind
from app.ui.sync.page import SET_ASIDE_TAB
from tests.sync.helpers import KEYS, add_employer, device_dir


def test_a_set_aside_change_is_listed_with_its_computer_and_reason(
    qtbot, qtmodeltester, stores, make_page, share
) -> None:
    a, b = stores
    t = FolderTransport(share)
    eid = add_employer(a, "Listed Works")
    sync_once(a, t, KEYS)
    me = device_id(a)
    first = (device_dir(share, me) / "seg-0000000001.eds").read_bytes()
    bad = {
        "device": me,
        "table": "employer",
        "row_id": eid,
        "column": "legal_name",
        "value": None,
        "hlc": hlc.pack(hlc.wall_clock_ms()) + 5,
    }
    data = seg.encode(
        kind=Kind.CHANGES,
        device=me,
        seq=2,
        prev_hash=seg.digest(first),
        key=KEYS.current,
        records=[bad],
    )
    (device_dir(share, me) / "seg-0000000002.eds").write_bytes(data)
    page = make_page(b)
    assert page.tabs.tabText(SET_ASIDE_TAB) == "&Set aside"
    summary = sync_once(b, t, KEYS)
    assert summary.quarantined_total == 1
    page.refresh()
    assert page.tabs.tabText(SET_ASIDE_TAB) == "&Set aside (1)"
    model = page.set_aside.model
    qtmodeltester.check(model)
    row = [model.index(0, c).data() for c in range(model.columnCount())]
    assert row[0] == f"Computer {me[-8:]}"
    assert row[2] == "Employer: Listed Works: Legal name"
    assert "cannot be empty" in row[3]
    assert "1 change(s) from other computers" in page.set_aside.intro.text()
