"""Every control of the Sync page and its dialogs has a name a screen reader can say."""

from __future__ import annotations

from app.services.employers import employers
from app.ui.sync.dialogs import ExportDialog, JoinDialog
from app.ui.sync.page import CONFLICTS_TAB, DUPLICATES_TAB
from tests.ui.test_accessibility import unnamed


def test_sync_page_and_dialogs_name_every_control(qtbot, stores, make_page) -> None:
    a, _ = stores
    employers.create_employer(a, {"legal_name": "Wabash Print Co"})
    employers.create_employer(a, {"legal_name": "Wabash Print Co."})
    page = make_page(a)
    for tab in (CONFLICTS_TAB, DUPLICATES_TAB):
        page.tabs.setCurrentIndex(tab)
    assert page.merge.pairs.rowCount() == 1
    missing = unnamed(page)
    for dialog in (JoinDialog(), ExportDialog()):
        qtbot.addWidget(dialog)
        missing += unnamed(dialog)
    assert missing == []
