"""Take the user guide's screenshots: the app on demo data at 1366x768, one PNG per section.

    xvfb-run -a -s "-screen 0 1366x768x24" python resources/help/grab_help.py [OUT_DIR]

Shows each page the guide talks about (the same views as resources/screenshots/grab.py),
grabs the window, and saves it 700 pixels wide (shown at that size) in 256 colours next to guide.html, so
the guide stays small enough to ship (a few hundred kB in all).
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))
sys.path.insert(0, str(HERE.parent / "screenshots"))

import grab  # noqa: E402 - the page views the README screenshots use
from PySide6.QtCore import Qt, QTimer  # noqa: E402
from PySide6.QtGui import QImage  # noqa: E402

from app.ui.launch import finish, make_application, start_window  # noqa: E402

ARGS = [a for a in sys.argv[1:] if not a.startswith("--")]
OUT = Path(ARGS[0]) if ARGS else HERE
WIDTH = 700


def save_small(window, name: str) -> None:  # noqa: ANN001 - MainWindow
    """The window at WIDTH pixels, 256 colours (UI screenshots lose nothing visible)."""
    image = window.grab().toImage()
    image = image.scaledToWidth(WIDTH, Qt.TransformationMode.SmoothTransformation)
    image = image.convertToFormat(
        QImage.Format.Format_Indexed8, Qt.ImageConversionFlag.ThresholdDither
    )
    image.save(str(OUT / f"{name}.png"), "PNG", 9)


def show_today(window) -> None:  # noqa: ANN001
    window.show_page("today")


def show_search(window) -> None:  # noqa: ANN001
    """A search typed in the top box, one employer open."""
    page = window.show_page("employers")
    rows = page.model.rows()
    pick = next((r for r in rows if r.stage == "active_partner" and r.next_follow_up), rows[0])
    word = pick.name.split()[0]
    window.search.setText(word)
    page.search(word, immediate=True)
    page.open_employer(pick.id)
    page.detail.tabs.setCurrentIndex(0)


def show_activity(window) -> None:  # noqa: ANN001
    page = window.show_page("employers")
    page.detail.tabs.setCurrentIndex([s.key for s in page.detail.specs].index("activity"))


def show_ojt(window) -> None:  # noqa: ANN001
    page = window.show_page("ojt")
    if page.model.rowCount():
        page.view.selectRow(0)


def show_sync(window) -> None:  # noqa: ANN001
    window.show_page("sync")


SHOTS = [
    ("today", show_today),
    ("employers", show_search),
    ("activity", show_activity),
    ("eligibility", grab.show_eligibility),
    ("events", grab.show_event),
    ("tours", grab.show_tour),
    ("participants", grab.show_participant),
    ("ojt", show_ojt),
    ("reports", grab.show_reports),
    ("sync", show_sync),
]


def main() -> int:
    app = make_application()
    window = start_window(None, demo=True)
    shots = list(SHOTS)

    def next_shot() -> None:
        if not shots:
            window.close()
            return
        name, show = shots.pop(0)
        if name not in ("employers", "activity"):
            window.search.clear()  # the search typed for the employer shots
        show(window)
        QTimer.singleShot(500, lambda: (save_small(window, name), next_shot()))

    def ready() -> None:
        window.setGeometry(0, 0, 1366, 768)  # the smallest screen BSRs use
        QTimer.singleShot(400, next_shot)

    window.store_ready.connect(ready)
    try:
        return app.exec()
    finally:
        finish(window)


if __name__ == "__main__":
    sys.exit(main())
