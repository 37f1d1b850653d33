"""Reopening the check-in kiosk at start-up, when it was open as the app stopped.

Run on every start before the window is ready for work, so it reads one setting and
imports the kiosk (its roster search, fuzzy matching and screens) only when there is an
event to reopen.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from app.services.agency import settings
from app.services.agency.setting_keys import KIOSK_EVENT
from app.ui.context import AppContext

if TYPE_CHECKING:
    from app.ui.events.kiosk import KioskWindow


def resume_kiosk(context: AppContext, window: QWidget) -> KioskWindow | None:
    """Reopen the kiosk on the event it was running when the app stopped, if still running."""
    if not settings.get(context.store, KIOSK_EVENT):
        return None
    from app.services.events.kiosk_mode import kiosk_event_id
    from app.ui.events.kiosk import open_kiosk

    event_id = kiosk_event_id(context.store)
    if event_id is None:
        return None
    kiosk = open_kiosk(context, event_id, window)
    window._events_kiosk = kiosk  # type: ignore[attr-defined]  # keep it alive
    return kiosk


__all__ = ["resume_kiosk"]
