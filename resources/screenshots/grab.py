"""Regenerate the screenshots: run the app on demo data and save each page as PNG.

    xvfb-run -a -s "-screen 0 1366x768x24" python resources/screenshots/grab.py [OUT_DIR] [--tabs]

Writes employers.png (the one the README shows) and today.png; with --tabs also one PNG
per tab of the employer detail pane.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from PySide6.QtCore import QTimer  # noqa: E402

from app.ui.launch import finish, make_application, start_window  # noqa: E402

ARGS = [a for a in sys.argv[1:] if not a.startswith("--")]
OUT = Path(ARGS[0]) if ARGS else Path(__file__).resolve().parent
TABS = "--tabs" in sys.argv


def main() -> int:
    app = make_application()
    window = start_window(None, demo=True)
    steps: list = []

    def later(ms: int, step) -> None:  # noqa: ANN001
        QTimer.singleShot(ms, step)

    def ready() -> None:
        window.setGeometry(0, 0, 1366, 768)  # the smallest screen BSRs use
        later(400, shoot_today)

    def shoot_today() -> None:
        window.grab().save(str(OUT / "today.png"))
        page = window.show_page("employers")
        # An active partner with people and history shows the most of the page.
        rows = page.model.rows()
        pick = next((r for r in rows if r.stage == "active_partner" and r.next_follow_up), rows[0])
        page.open_employer(pick.id)
        page.table.setFocus()
        if TABS:
            steps.extend(spec.key for spec in page.detail.specs[1:])
        later(400, shoot_employers)

    def shoot_employers() -> None:
        page = window.pages["employers"]
        page.detail.tabs.setCurrentIndex(0)
        window.grab().save(str(OUT / "employers.png"))
        later(200, shoot_tab)

    def shoot_tab() -> None:
        page = window.pages["employers"]
        if not steps:
            window.close()
            return
        key = steps.pop()
        page.detail.tabs.setCurrentIndex([s.key for s in page.detail.specs].index(key))
        QTimer.singleShot(
            200, lambda: (window.grab().save(str(OUT / f"employer-{key}.png")), shoot_tab())
        )

    window.store_ready.connect(ready)
    try:
        return app.exec()
    finally:
        finish(window)


if __name__ == "__main__":
    sys.exit(main())
