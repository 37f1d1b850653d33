"""What every page and panel receives: the open store, who is using it, and app-wide signals."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

if TYPE_CHECKING:
    from app.store.engine import Store


class AppSignals(QObject):
    """App-wide notifications, so pages refresh without knowing each other."""

    #: A table's rows changed (name of the table, e.g. "employer"); pages showing it reload.
    data_changed = Signal(str)
    #: Ask the main window to show an employer on the Employers page.
    open_employer = Signal(str)
    #: A short message for the status bar.
    status_message = Signal(str)


@dataclass
class AppContext:
    """Handed to every page: pages call services with `store`, never SQL."""

    store: Store
    signals: AppSignals = field(default_factory=AppSignals)

    @property
    def me_id(self) -> str | None:
        from app.services.agency import settings

        person = settings.me(self.store)
        return person.id if person else None
