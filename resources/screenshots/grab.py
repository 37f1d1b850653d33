"""Regenerate the screenshots: run the app on demo data and save each page as PNG.

    xvfb-run -a -s "-screen 0 1366x768x24" python resources/screenshots/grab.py [OUT_DIR] [--tabs]

Writes employers.png (the one the README shows), today.png, and one PNG per area the demo
data fills: eligibility.png (an employer's RFI answers and eligibility), events.png (a job
fair held, with its figures), rotation.png, participants.png, tours.png and reports.png; with --tabs
also one PNG per tab of the employer detail pane.
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
            later(200, shoot_areas)
            return
        key = steps.pop()
        page.detail.tabs.setCurrentIndex([s.key for s in page.detail.specs].index(key))
        QTimer.singleShot(
            200, lambda: (window.grab().save(str(OUT / f"employer-{key}.png")), shoot_tab())
        )

    areas = [
        ("eligibility", show_eligibility),
        ("events", show_event),
        ("rotation", show_rotation),
        ("participants", show_participant),
        ("tours", show_tour),
        ("reports", show_reports),
    ]

    def shoot_areas() -> None:
        if not areas:
            window.close()
            return
        name, show = areas.pop(0)
        show(window)
        later(400, lambda: (window.grab().save(str(OUT / f"{name}.png")), shoot_areas()))

    window.store_ready.connect(ready)
    try:
        return app.exec()
    finally:
        finish(window)


def _select(view, model, wanted) -> None:  # noqa: ANN001 - a table view and its row model
    for n, row in enumerate(model.rows()):
        if wanted(row):
            view.selectRow(n)
            view.scrollTo(model.index(n, 0))
            return


def show_eligibility(window) -> None:  # noqa: ANN001 - MainWindow
    """A partner of this BSR's whose RFI came back: answers, programs and confirmed results."""
    from app.services.agency import settings
    from app.services.rfi import rfi

    store = window.context.store
    page = window.show_page("employers")
    rows = page.model.rows()
    me = settings.me(store)
    answered = [r for r in rows if r.stage == "active_partner" and rfi.answers(store, r.id)]
    mine = [r for r in answered if me is not None and r.owner == me.name]
    pick = (mine or answered or rows)[0]
    page.open_employer(pick.id)
    page.detail.tabs.setCurrentIndex([s.key for s in page.detail.specs].index("eligibility"))


def show_event(window) -> None:  # noqa: ANN001
    """The latest event held, with who came and the after-event figures."""
    from app.services.events import events

    page = window.show_page("events")
    held = [r for r in events.list_events(window.context.store) if r.status == "done"]
    if held:
        page.select_event(max(held, key=lambda r: r.starts_at).id)


def show_rotation(window) -> None:  # noqa: ANN001
    page = window.show_page("events")
    page.tabs.setCurrentIndex(1)


def show_participant(window) -> None:  # noqa: ANN001
    """Someone placed in a job, with the check-ins that followed."""
    from app.services.people import placements

    page = window.show_page("participants")
    hired = {p.participant_id for p in placements.list_rows(window.context.store)}
    _select(page.people.view, page.people.model, lambda r: r.id in hired)
    page.people.tabs.setCurrentIndex(2)


def show_tour(window) -> None:  # noqa: ANN001
    page = window.show_page("tours")
    _select(page.view, page.model, lambda r: r.status == "done")


def show_reports(window) -> None:  # noqa: ANN001
    """This program year's figures and charts."""
    window.show_page("reports")


if __name__ == "__main__":
    sys.exit(main())
