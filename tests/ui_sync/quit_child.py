"""Run the real app on a store in a team whose folder hangs, and close it mid-sync.

    python -m tests.ui_sync.quit_child STORE SHARE

Prints "exited" once the process got past the window and the store closing.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> int:
    from PySide6.QtCore import QTimer

    from app.services.team import team as team_service
    from app.ui.launch import finish, make_application, start_window
    from app.ui.profile_dialog import FirstRunDialog
    from app.ui.sync.worker import controller_for
    from tests.ui_sync.conftest import Fifo

    store_path, share = Path(sys.argv[1]), Path(sys.argv[2])
    FirstRunDialog.ask = classmethod(lambda cls, ctx, parent=None: False)  # type: ignore[method-assign]
    app = make_application()
    window = start_window(store_path, demo=False)

    def ready() -> None:
        team_service.create_team(window.context.store, str(share))
        Fifo(share)  # another computer's file that never finishes reading
        controller = controller_for(window.context)
        controller.refresh_local()
        controller.timeout = 10.0
        controller.job_started.connect(lambda kind: QTimer.singleShot(300, window.close))
        controller.sync_now()

    window.store_ready.connect(ready)
    code = app.exec()
    controller = controller_for(window.context) if window.context else None
    print(f"worker running: {controller.busy if controller else '?'}", flush=True)
    finish(window)
    print("exited", flush=True)
    return code


if __name__ == "__main__":
    sys.exit(main())
