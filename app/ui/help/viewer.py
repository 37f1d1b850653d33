"""The user guide, shown inside the app from the HTML file shipped in resources/help.

Offline by design: the guide and its screenshots are files beside the program, and
links that leave the guide are not followed. Each sidebar page has a section whose
anchor is the page's key (`app.ui.registry.PAGES`), so F1 opens the part about the
page in front.
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from app import APP_NAME, resources

GUIDE = resources.path("help", "guide.html")


def anchors(guide: Path = GUIDE) -> set[str]:
    """The section names the guide defines."""
    if not guide.is_file():
        return set()
    return set(re.findall(r'<a name="([^"]+)"', guide.read_text(encoding="utf-8")))


class HelpViewer(QDialog):
    """A window beside the main one (not modal: the BSR can follow the steps while reading)."""

    def __init__(self, guide: Path = GUIDE, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.guide = guide
        self.setWindowTitle(f"{APP_NAME} user guide")
        self.setAccessibleName("User guide")
        self.setObjectName("helpViewer")
        self.browser = QTextBrowser(self)
        self.browser.setObjectName("helpBrowser")
        self.browser.setAccessibleName("User guide text")
        self.browser.setOpenLinks(True)
        self.browser.setOpenExternalLinks(False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        self.resize(760, 640)
        if guide.is_file():
            self.browser.setSource(QUrl.fromLocalFile(str(guide)))
        else:
            self.browser.setHtml(
                f"<h2>The user guide is missing</h2><p>It should be at {guide}. "
                f"Install {APP_NAME} again to bring it back.</p>"
            )

    def show_section(self, anchor: str) -> None:
        """Bring the window forward at `anchor` (the start of the guide when empty or unknown)."""
        if self.guide.is_file():
            url = QUrl.fromLocalFile(str(self.guide))
            if anchor and anchor in self.anchors():
                url.setFragment(anchor)
            self.browser.setSource(url)
            if not url.fragment():
                self.browser.verticalScrollBar().setValue(0)
        self.show()
        self.raise_()
        self.activateWindow()

    def anchors(self) -> set[str]:
        return anchors(self.guide)

    def current_anchor(self) -> str:
        return self.browser.source().fragment()


def open_help(window: QWidget, anchor: str) -> HelpViewer:
    """The window's guide viewer (made once, kept), opened at `anchor`."""
    viewer = window.findChild(HelpViewer, "helpViewer")
    if viewer is None:
        viewer = HelpViewer(parent=window)
    viewer.show_section(anchor)
    return viewer
