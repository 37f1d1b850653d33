"""The conflict log and the merge-duplicates flow on the Sync page, across two real stores."""

from __future__ import annotations

import socket

from sqlmodel import select

from app.core.models import Contact, Employer
from app.services.employers import employers
from app.services.team import conflicts
from app.ui.sync import merge_panel
from app.ui.sync.page import CONFLICTS_TAB
from app.ui.sync.worker import SyncState
from tests.ui_sync.conftest import sync_through


def _both(qtbot, page_a, page_b) -> None:
    sync_through(qtbot, page_a)
    sync_through(qtbot, page_b)
    sync_through(qtbot, page_a)


def _cell(model, row: int, title: str) -> str:
    column = [c.title for c in model.columns].index(title)
    return model.index(row, column).data()


def test_a_conflict_appears_in_the_log_and_use_this_value_instead_resolves_it(
    qtbot, team_pages
) -> None:
    page_a, page_b = team_pages
    a, b = page_a.context.store, page_b.context.store
    eid = employers.create_employer(a, {"legal_name": "Ogden Metal Works"}).id
    _both(qtbot, page_a, page_b)
    employers.update_employer_field(a, eid, "notes", "Needs 3 welders")
    employers.update_employer_field(b, eid, "notes", "Needs 2 welders and a forklift driver")
    _both(qtbot, page_a, page_b)
    # B's edit came later, so it won; A's value lost and is logged on A.
    assert employers.get_employer(a, eid).notes == "Needs 2 welders and a forklift driver"
    assert conflicts.count_open(a) == 1
    panel = page_a.conflicts
    assert panel.model.rowCount() == 1
    assert _cell(panel.model, 0, "Record") == "Employer: Ogden Metal Works"
    assert _cell(panel.model, 0, "Field") == "Notes"
    assert _cell(panel.model, 0, "Value kept") == "Needs 2 welders and a forklift driver"
    assert _cell(panel.model, 0, "Value that lost") == "Needs 3 welders"
    # No profile on these stores: each computer is named by its own name.
    here = f"{socket.gethostname()} (this computer)"
    assert _cell(panel.model, 0, "Lost value from") == here
    assert _cell(panel.model, 0, "Kept value from") == socket.gethostname()
    assert _cell(panel.model, 0, "Typed at")
    assert _cell(panel.model, 0, "Status") == "Open: both changed"
    # The indicator and the tab title count it.
    assert page_a.controller.state() is SyncState.CONFLICTS
    assert page_a.controller.label() == "Sync: 1 conflict"
    assert page_a.tabs.tabText(CONFLICTS_TAB) == "&Conflicts (1)"

    page_a.show_conflicts()
    assert not panel.use_button.isEnabled()
    panel.view.selectRow(0)
    assert panel.use_button.isEnabled()
    assert "Lost: Needs 3 welders" in panel.detail.text()
    with qtbot.waitSignal(page_a.controller.sync_done, timeout=30_000):
        panel.use_button.click()  # puts the value back and syncs it
    assert employers.get_employer(a, eid).notes == "Needs 3 welders"
    assert panel.model.rowCount() == 1
    assert _cell(panel.model, 0, "Status") == "Resolved"
    assert not panel.use_button.isEnabled()
    assert conflicts.count_open(a) == 0
    assert page_a.tabs.tabText(CONFLICTS_TAB) == "&Conflicts"
    sync_through(qtbot, page_b)
    assert employers.get_employer(b, eid).notes == "Needs 3 welders"


def test_keep_the_current_value_closes_the_entry(qtbot, team_pages) -> None:
    page_a, page_b = team_pages
    a, b = page_a.context.store, page_b.context.store
    eid = employers.create_employer(a, {"legal_name": "Lake Street Cafe"}).id
    _both(qtbot, page_a, page_b)
    employers.update_employer_field(a, eid, "main_phone", "(312) 555-0101")
    employers.update_employer_field(b, eid, "main_phone", "(312) 555-0199")
    _both(qtbot, page_a, page_b)
    panel = page_a.conflicts
    panel.select_conflict(conflicts.list_conflicts(a)[0].id)
    panel.dismiss_button.click()
    assert conflicts.count_open(a) == 0
    assert _cell(panel.model, 0, "Status") == "Resolved"
    assert employers.get_employer(a, eid).main_phone == "(312) 555-0199"
    panel.show_resolved.setChecked(False)
    panel.refresh()
    assert panel.model.rowCount() == 1  # resolved here: still shown until the page closes
    panel._resolved_here.clear()
    panel.refresh()
    assert panel.model.rowCount() == 0
    panel.show_resolved.setChecked(True)
    assert panel.model.rowCount() == 1


def test_the_merge_flow_merges_two_employers_and_the_merge_syncs(
    qtbot, team_pages, monkeypatch
) -> None:
    page_a, page_b = team_pages
    a, b = page_a.context.store, page_b.context.store
    # The same business typed on both laptops before they synced.
    first = employers.create_employer(
        a, {"legal_name": "Pilsen Bakery Inc", "main_phone": "(312) 555-0142"}
    ).id
    second = employers.create_employer(
        b, {"legal_name": "Pilsen Bakery, Inc.", "street": "1800 S Blue Island Ave"}
    ).id
    employers.add_contact(b, second, {"name": "Rosa Martinez"})
    employers.log_activity(b, second, "call", "Asked about two bakers")
    _both(qtbot, page_a, page_b)
    panel = page_a.merge
    panel.refresh()
    assert panel.select_pair(first, second)
    row = panel.pairs.row_of(f"{min(first, second)}|{max(first, second)}")
    assert "same name" in panel.pairs.index(row, 3).data()
    # Side by side: every compared field, the differing ones bold.
    labels = [panel.comparison.index(r, 0).data() for r in range(panel.comparison.rowCount())]
    assert labels[:2] == ["Legal name", "Doing business as"] and "Contacts" in labels
    phone = labels.index("Main phone")
    cells = {panel.comparison.index(phone, c).data() for c in (1, 2)}
    assert cells == {"(312) 555-0142", ""}
    # The record with the contact and the activity is offered as the one to keep.
    survivor, duplicate = panel.survivor_and_duplicate()
    assert survivor == second and duplicate == first
    (panel.keep_first if panel.pair.first_id == first else panel.keep_second).setChecked(True)
    assert panel.survivor_and_duplicate() == (first, second)
    asked: list[str] = []
    monkeypatch.setattr(merge_panel, "ask_confirm", lambda parent, text: asked.append(text) or True)
    with qtbot.waitSignal(page_a.controller.sync_done, timeout=30_000):
        panel.merge_button.click()
    assert asked and "Rosa" not in asked[0] and "Pilsen Bakery" in asked[0]
    assert "Merged" in panel.message.text()
    assert panel.pairs.rowCount() == 0
    kept = employers.get_employer(a, first)
    assert kept.street == "1800 S Blue Island Ave"  # filled from the duplicate
    assert [c.name for c in employers.contacts(a, first)] == ["Rosa Martinez"]
    assert len(employers.activities(a, first)) == 1
    # On B after its sync: the duplicate points at the survivor, and its people moved.
    sync_through(qtbot, page_b)
    with b.session() as session:
        gone = session.get(Employer, second)
        rosa = session.exec(select(Contact).where(Contact.name == "Rosa Martinez")).one()
    assert gone.merged_into == first and gone.deleted_at is not None
    assert rosa.employer_id == first
    page_b.merge.refresh()
    assert page_b.merge.pairs.rowCount() == 0


def test_a_declined_merge_changes_nothing(qtbot, stores, make_page, monkeypatch) -> None:
    a, _ = stores
    first = employers.create_employer(a, {"legal_name": "Cicero Plastics"}).id
    second = employers.create_employer(a, {"legal_name": "Cicero Plastics"}).id
    page = make_page(a)
    assert page.merge.select_pair(first, second)
    monkeypatch.setattr(merge_panel, "ask_confirm", lambda parent, text: False)
    page.merge.merge_button.click()
    assert page.merge.pairs.rowCount() == 1
    assert employers.get_employer(a, first).merged_into is None
    assert employers.get_employer(a, second).merged_into is None
    # Merged behind the panel's back (another window): the panel says so plainly.
    from app.services.employers.merge import merge_employers

    merge_employers(a, first, second)
    monkeypatch.setattr(merge_panel, "ask_confirm", lambda parent, text: True)
    assert page.merge.merge_selected() is None
    assert "no longer exists" in page.merge.error.text()


def test_duplicates_are_looked_for_when_the_tab_is_shown(qtbot, stores, make_page) -> None:
    from app.ui.sync.page import DUPLICATES_TAB

    a, _ = stores
    employers.create_employer(a, {"legal_name": "Western Ave Dental"})
    employers.create_employer(a, {"legal_name": "Western Avenue Dental"})
    page = make_page(a)
    assert page.merge.pairs.rowCount() == 0  # not read while another tab shows
    page.tabs.setCurrentIndex(DUPLICATES_TAB)
    qtbot.waitUntil(lambda: page.merge.pairs.rowCount() == 1, timeout=30_000)
    assert page.merge.count_text.text() == "1 possible duplicate pair"
    employers.create_employer(a, {"legal_name": "Western Ave. Dental"})
    page.context.signals.data_changed.emit("employer")  # e.g. added on the Employers page
    assert page.merge.pairs.rowCount() == 3
