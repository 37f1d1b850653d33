"""Screenshot of the Sync page: the demo store in a team with a second computer.

    xvfb-run -a -s "-screen 0 1366x768x24" python resources/screenshots/grab_sync.py [OUT_DIR] [--tabs]

Makes a shared folder and a second store in a temporary folder, joins them in one
team, types a conflicting edit and a duplicate employer on the second one, syncs,
and saves sync.png; with --tabs also sync-conflicts.png and sync-duplicates.png.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from PySide6.QtCore import QTimer  # noqa: E402

from app.ui.launch import finish, make_application, open_user_store, start_window  # noqa: E402

ARGS = [a for a in sys.argv[1:] if not a.startswith("--")]
OUT = Path(ARGS[0]) if ARGS else Path(__file__).resolve().parent
TABS = "--tabs" in sys.argv
PASSPHRASE = "screenshot-passphrase"


def prepare(store, work: Path):  # noqa: ANN001, ANN201 - Store
    """A second computer in the team, with an edit that conflicts and a duplicate employer."""
    from app.services.employers import employers
    from app.services.team import team as team_service

    share = work / "share"
    share.mkdir()
    # What Windows leaves in shared folders; sync skips it and says why.
    (share / "employer-desk" / "v1" / "devices").mkdir(parents=True)
    (share / "employer-desk" / "v1" / "devices" / "desktop.ini").write_text("[.ShellClassInfo]\n")
    team_service.create_team(store, str(share))
    key = team_service.export_key(store, work / "team.edkey", PASSPHRASE)
    other = open_user_store(work / "laptop.sqlite")
    team_service.join_team(other, str(share), key, PASSPHRASE)
    team_service.sync_now(store)
    team_service.sync_now(other)
    rows = employers.list_rows(store)
    first = rows[0]
    employers.update_employer_field(store, first.id, "notes", "Wants two forklift drivers")
    employers.update_employer_field(
        other, first.id, "notes", "Wants two forklift drivers and a dispatcher"
    )
    dup = employers.create_employer(
        other,
        {
            "legal_name": employers.get_employer(store, rows[1].id).legal_name,
            "main_phone": "(773) 555-0188",
        },
    )
    employers.add_contact(other, dup.id, {"name": "Luis Ortega"})
    team_service.sync_now(other)
    return other


def main() -> int:
    app = make_application()
    window = start_window(None, demo=True)
    work = Path(tempfile.mkdtemp(prefix="employer-desk-sync-shot-"))
    held: list = []

    def later(ms: int, step) -> None:  # noqa: ANN001
        QTimer.singleShot(ms, step)

    def ready() -> None:
        window.setGeometry(0, 0, 1366, 768)
        from app.ui.sync.worker import controller_for

        controller = controller_for(window.context)
        controller.timeout = 10.0
        later(0, lambda: settle_then(controller, lambda: setup(controller)))

    def settle_then(controller, step) -> None:  # noqa: ANN001
        if controller.busy:
            later(100, lambda: settle_then(controller, step))
        else:
            step()

    def setup(controller) -> None:  # noqa: ANN001
        try:
            held.append(prepare(window.context.store, work))
        except Exception:
            window.close()
            raise
        controller.refresh_local()
        page = window.show_page("sync")
        page.team.load()
        controller.sync_done.connect(lambda _o: later(400, shoot))
        controller.sync_now()

    def shoot() -> None:
        page = window.pages["sync"]
        page.controller.sync_done.disconnect()
        page.team.sync_button.setFocus()
        window.grab().save(str(OUT / "sync.png"))
        if TABS:
            page.tabs.setCurrentIndex(1)
            page.conflicts.view.selectRow(0)
            later(300, lambda: (window.grab().save(str(OUT / "sync-conflicts.png")), dups()))
        else:
            window.close()

    def dups() -> None:
        page = window.pages["sync"]
        page.tabs.setCurrentIndex(2)
        later(300, lambda: (window.grab().save(str(OUT / "sync-duplicates.png")), window.close()))

    window.store_ready.connect(ready)
    try:
        return app.exec()
    finally:
        finish(window)
        for store in held:
            store.close()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
