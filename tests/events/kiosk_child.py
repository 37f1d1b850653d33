"""A kiosk in its own process, checking people in until it is killed.

Run by the crash test: `python -m tests.events.kiosk_child STORE EVENT_ID`. After each
check-in the kiosk confirmed on screen it prints `CHECKED <registration id>`.
"""

from __future__ import annotations

import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def letters(n: int) -> str:
    """1 -> Aaaa, 2 -> Aaab ...: names without digits, as people have."""
    out = ""
    for _ in range(4):
        n, r = divmod(n, 26)
        out = chr(ord("a") + r) + out
    return out.capitalize()


def main(store_path: str, event_id: str) -> None:
    from PySide6.QtWidgets import QApplication

    from app.store.engine import open_store
    from app.ui.context import AppContext
    from app.ui.events.kiosk import KioskWindow

    app = QApplication.instance() or QApplication([])
    store = open_store(store_path)
    kiosk = KioskWindow(AppContext(store=store), event_id)
    kiosk.checked_in.connect(lambda reg_id: print(f"CHECKED {reg_id}", flush=True))
    kiosk.show()
    parent = os.getppid()
    n = 0
    while os.getppid() == parent:  # until SIGKILL, or the test that started it is gone
        n += 1
        kiosk.search.setText(f"Walkin {letters(n)}")
        kiosk.enter()
        kiosk.form.contact.setText(f"312555{n % 10000:04d}")
        kiosk.form.zip_code.setText("60623")
        kiosk.submit_walk_in()
        app.processEvents()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
