"""The user guide: shipped with the app, opened by F1 at the section of the page in front."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt

from app.ui import registry
from app.ui.help.viewer import GUIDE, HelpViewer, anchors

#: The daily path the guide must cover, each with its own section.
DAILY_PATH = [
    "employers",  # find an employer
    "log-meeting",
    "rfi",
    "eligibility",
    "events",  # plan and run an event, with the kiosk
    "tours",  # tour notes
    "participants",  # refer and place
    "ojt",  # print an OJT packet
    "sync",
    "import",  # import a master spreadsheet
]


def _heading_in_view(viewer: HelpViewer) -> str:
    """The text of the first line shown at the top of the guide's window."""
    browser = viewer.browser
    cursor = browser.cursorForPosition(QPoint(8, 8))
    return cursor.block().text()


def _section_title(anchor: str) -> str:
    html = GUIDE.read_text(encoding="utf-8")
    found = re.search(rf'<h2><a name="{re.escape(anchor)}"></a>([^<]+)</h2>', html)
    assert found, f"no heading for section {anchor}"
    return found.group(1).replace("&amp;", "&")


def test_the_guide_covers_every_page_and_the_daily_path() -> None:
    found = anchors()
    for key in [spec.key for spec in registry.PAGES] + DAILY_PATH:
        assert key in found, f"the guide has no section {key}"


def test_every_picture_of_the_guide_is_shipped_and_small() -> None:
    html = GUIDE.read_text(encoding="utf-8")
    pictures = re.findall(r'<img src="([^"]+)"', html)
    assert len(pictures) >= 8
    total = 0
    for name in pictures:
        path = GUIDE.parent / name
        assert path.is_file(), f"{name} is missing"
        total += path.stat().st_size
    assert total < 600_000, f"the guide's pictures take {total} bytes"


@pytest.mark.parametrize("key", [spec.key for spec in registry.PAGES])
def test_f1_opens_the_guide_at_the_page_in_front(window, qtbot, key: str) -> None:
    window.show_page(key)
    qtbot.keyClick(window.sidebar, Qt.Key.Key_F1)
    viewer = window.findChild(HelpViewer, "helpViewer")
    assert viewer is not None and viewer.isVisible()
    qtbot.waitExposed(viewer)
    assert viewer.current_anchor() == key
    qtbot.waitUntil(lambda: _heading_in_view(viewer) == _section_title(key))


def test_the_help_menu_opens_the_same_guide_once(window, qtbot) -> None:
    window.show_page("events")
    window.help_action.trigger()
    first = window.findChild(HelpViewer, "helpViewer")
    window.show_page("sync")
    window.help_action.trigger()
    assert window.findChildren(HelpViewer) == [first]
    assert first.current_anchor() == "sync"
    assert "Help" in [a.text().replace("&", "") for a in window.menuBar().actions()]


def test_links_inside_the_guide_move_to_their_section(qtbot) -> None:
    viewer = HelpViewer()
    qtbot.addWidget(viewer)
    viewer.show_section("")
    viewer.browser.setSource(viewer.browser.source().resolved("#import"))
    assert viewer.current_anchor() == "import"


def test_a_missing_guide_says_so(qtbot, tmp_path: Path) -> None:
    viewer = HelpViewer(tmp_path / "nowhere.html")
    qtbot.addWidget(viewer)
    viewer.show_section("employers")
    assert "missing" in viewer.browser.toPlainText()
