"""The Sync page lists changes set aside (quarantined) with their computer and reason, and
dismisses one after a confirmation that names what is dropped."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from app.core import hlc
from app.services.team.quarantine import quarantined, who
from app.sync import segment as seg
from app.sync.changes import device_id
from app.sync.engine import sync_once
from app.sync.folder import FolderTransport
from app.sync.segment import Kind
from app.ui.sync.page import SET_ASIDE_TAB
from tests.sync.helpers import KEYS, add_employer, device_dir


def _set_aside_one(a, share) -> tuple[str, str]:
    """A's second segment carries one change that breaks a rule. Returns (A's device, eid)."""
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
    return me, eid


def test_a_set_aside_change_is_listed_with_its_computer_and_reason(
    qtbot, qtmodeltester, stores, make_page, share
) -> None:
    a, b = stores
    me, _eid = _set_aside_one(a, share)
    page = make_page(b)
    assert page.tabs.tabText(SET_ASIDE_TAB) == "&Set aside"
    summary = sync_once(b, FolderTransport(share), KEYS)
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


def test_dismiss_asks_naming_what_is_dropped_and_keeps_it_listed(
    qtbot, qtmodeltester, stores, make_page, share
) -> None:
    a, b = stores
    me, _eid = _set_aside_one(a, share)
    t = FolderTransport(share)
    assert sync_once(b, t, KEYS).needs_attention
    page = make_page(b)
    panel = page.set_aside
    assert page.tabs.tabText(SET_ASIDE_TAB) == "&Set aside (1)"
    assert not panel.dismiss_button.isEnabled()  # nothing selected yet
    (only,) = quarantined(b)
    panel.select(only.id)
    assert panel.dismiss_button.isEnabled()
    # "Keep" leaves it as it was.
    panel.dismiss_button.click()
    box = panel.confirmation
    assert box is not None and box.isVisible()
    box.button(QMessageBox.StandardButton.No).click()
    qtbot.waitUntil(lambda: panel.confirmation is None)
    assert not quarantined(b)[0].dismissed
    # "Dismiss" names the computer, the table and the reason before anything is dropped.
    panel.dismiss_button.click()
    box = panel.confirmation
    assert box is not None
    told = box.text() + box.informativeText()
    assert me in told and "Employer" in told and "Listed Works" in told
    assert "cannot be empty" in told
    with qtbot.waitSignal(panel.dismissed) as got:
        box.button(QMessageBox.StandardButton.Yes).click()
    assert got.args == [1]
    (after,) = quarantined(b)
    assert after.dismissed and after.dismissed_by == who(b) and after.dismissed_by
    qtmodeltester.check(panel.model)
    # Still listed, now as dismissed; the tab no longer counts it; sync is content.
    row = [panel.model.index(0, c).data() for c in range(panel.model.columnCount())]
    assert row[-1].startswith(f"by {after.dismissed_by}, ")
    assert page.tabs.tabText(SET_ASIDE_TAB) == "&Set aside"
    assert "Every set-aside change has been dismissed" in panel.intro.text()
    assert not panel.dismiss_button.isEnabled()
    again = sync_once(b, t, KEYS)
    assert again.quarantined_total == 0 and not again.needs_attention
