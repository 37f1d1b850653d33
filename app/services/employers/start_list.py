"""The employer list a window opens on, read before the full store is open.

A BSR who left the app on the Employers page finds it there again at the next start.
`read_start_list` reads that list (the same rows, fits and saved layout the page shows)
through a read-only connection, without SQLModel, so it can be shown while the store
opens behind it; the page then takes over and reads the list again the usual way.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.services.agency.setting_keys import ME, WINDOW_STATE
from app.services.employers.listing import EmployerRow, list_rows
from app.store import peek

if TYPE_CHECKING:
    from app.core.fit import EmployerFit

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class StartList:
    """What the first screen shows: the whole list, each employer's fit, the saved layout."""

    rows: list[EmployerRow]
    fits: dict[str, EmployerFit]
    window_state: dict[str, Any]


def read_start_list(path: Path, page: str) -> StartList | None:
    """The list to show at once when the window last closed on `page`; None otherwise
    (no profile yet, another page, a store that must be opened fully first)."""
    from app.services.employers.fit import fit_all

    reader = peek.open_read_only(path)
    if reader is None:
        return None
    try:
        state = reader.setting(WINDOW_STATE) or {}
        if not isinstance(state, dict) or state.get("page") != page or not _profile(reader):
            return None
        return StartList(list_rows(reader), fit_all(reader), state)
    except Exception:  # noqa: BLE001 - the full open reads it again and explains any problem
        log.debug("the list could not be read before the store opened", exc_info=True)
        return None
    finally:
        reader.close()


def _profile(reader: peek.ReadOnlyStore) -> bool:
    """Whether the BSR using this store said who they are (else the first-run questions come
    first, as `app.services.agency.settings.me` decides)."""
    me = reader.setting(ME)
    return bool(me) and bool(reader.raw_rows("SELECT 1 FROM staff WHERE id = :id", {"id": me}))
