"""Run the real app on a store in a team whose folder hangs, and close it mid-sync.

    python -m tests.ui_sync.quit_child STORE SHARE

The window is closed once the sync is blocked reading a pipe on the share; the quit
waits its bound, hides the window, and the share call then gives up.

Prints "exited" once the process got past the window and the store closing.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> int:
    from PySide6.QtCore import QTimer

    from app.services.team import team as team_service
    from app.ui.launch import finish, make_application, start_window
    from app.ui.profile_dialog import FirstRunDialog
    from app.ui.sync.worker import controller_for
    from tests.sync.share_clock import HeldShareClock
    from tests.ui_sync.conftest import Fifo

    store_path, share = Path(sys.argv[1]), Path(sys.argv[2])
    FirstRunDialog.ask = classmethod(lambda cls, ctx, parent=None: False)  # type: ignore[method-assign]
    app = make_application()
    window = start_window(store_path, demo=False)

    def ready() -> None:
        team_service.create_team(window.context.store, str(share))
        fifo = Fifo(share)  # another computer's file that never finishes reading
        controller = controller_for(window.context)
        controller.refresh_local()
        # The share call on the pipe gives up once the window has hidden itself for
        # being slow to close (a real clock would end it after `timeout` seconds).
        controller.timeout = 120.0
        controller.share_clock = clock = HeldShareClock()
        real_finish = controller.finish

        def finish_then_give_up(wait_ms: int, on_slow: Callable[[], None] | None = None) -> bool:
            def slow() -> None:
                if on_slow is not None:
                    on_slow()
                clock.expire()

            return real_finish(wait_ms, on_slow=slow)

        controller.finish = finish_then_give_up  # type: ignore[method-assign]
        writer: list[int] = []

        def close_once_the_sync_hangs() -> None:
            fd = fifo.open_writer()  # someone is blocked reading the pipe: the sync
            if fd is None:
                QTimer.singleShot(20, close_once_the_sync_hangs)
                return
            writer.append(fd)  # held open and silent: the reader stays blocked
            window.close()

        controller.sync_now()
        close_once_the_sync_hangs()

    window.store_ready.connect(ready)
    code = app.exec()
    controller = controller_for(window.context) if window.context else None
    print(f"worker running: {controller.busy if controller else '?'}", flush=True)
    finish(window)
    print("exited", flush=True)
    return code


if __name__ == "__main__":
    sys.exit(main())
