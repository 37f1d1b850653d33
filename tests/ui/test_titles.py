"""Page titles, tabs and menus read as written: "OJT & Packets", never "OJT && Packets".

Checked through what each widget shows (its accessible name, which Qt derives from the text
as displayed, with the access-key marker taken out), not through the string handed in.
"""

from __future__ import annotations

from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QLabel, QMenu, QTabBar, QWidget

from app.ui import registry
from app.ui.widgets import literal_label


def _shown_children(widget: QWidget) -> list[str]:
    """The names a person sees on a tab bar's tabs or a menu's entries."""
    face = QAccessible.queryAccessibleInterface(widget)
    return [face.child(n).text(QAccessible.Text.Name) for n in range(face.childCount())]


def test_the_sidebar_and_the_ojt_page_title_show_one_ampersand(qtbot, window) -> None:
    sidebar = [window.sidebar.item(n).text() for n in range(window.sidebar.count())]
    assert "OJT & Packets" in sidebar
    assert not any("&&" in text for text in sidebar)
    page = window.show_page("ojt")
    headings = [label.text() for label in page.findChildren(QLabel)]
    assert "OJT & Packets" in headings


def test_every_tab_and_menu_entry_shows_its_title_as_written(qtbot, window) -> None:
    employers = window.show_page("employers")
    tabs = _shown_children(employers.detail.tabs.tabBar())
    for spec in registry.EMPLOYER_SECTIONS:
        assert spec.title in tabs, (spec.title, tabs)
    assert "RFI & eligibility" in tabs and "Placements & fit" in tabs
    for key in ("ojt", "sync", "participants", "events"):
        window.show_page(key)
    bars = window.findChildren(QTabBar)
    assert len(bars) >= 4
    for bar in bars:
        for text in _shown_children(bar):
            assert "&&" not in text, text
    menus = window.menuBar().findChildren(QMenu)
    assert menus
    for menu in menus:
        for text in _shown_children(menu):
            assert "&&" not in text, text


def test_a_name_with_an_ampersand_keeps_it_on_a_tab() -> None:
    from PySide6.QtWidgets import QTabWidget

    tabs = QTabWidget()
    tabs.addTab(QWidget(), literal_label("Perez & Mitchell Metal"))
    tabs.addTab(QWidget(), "Perez & Mitchell Metal")
    shown = _shown_children(tabs.tabBar())
    assert shown[0] == "Perez & Mitchell Metal"
    assert shown[1] != "Perez & Mitchell Metal"  # what the marker does to an unescaped name
    tabs.deleteLater()
