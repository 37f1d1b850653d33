"""The Fit column of the employer list: each employer's retention signal, from a map
that `app.services.people.retention.fit_map` keeps until placements change."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QColor

from app.core.retention import FitLevel, FitSignal
from app.store.engine import Store

#: Employer id -> signal for the store shown last; employers without placements are absent.
_FITS: dict[str, FitSignal] = {}
_SOURCE: list[dict[str, FitSignal] | None] = [None]
COLORS = {
    FitLevel.GOOD: QColor("#1b6e2d"),
    FitLevel.WATCH: QColor("#8a5a00"),
    FitLevel.POOR: QColor("#b3261e"),
}
_ORDER = {FitLevel.POOR: 0, FitLevel.WATCH: 1, FitLevel.GOOD: 2, FitLevel.UNKNOWN: 3}


def update(store: Store) -> None:
    """Refresh before the list is filled (one summary query when nothing changed)."""
    from app.services.people.retention import fit_map

    fits = fit_map(store)
    if fits is not _SOURCE[0]:  # the service hands back the same map while nothing changed
        _SOURCE[0] = fits
        _FITS.clear()
        _FITS.update(fits)


def signal(row: Any) -> FitSignal | None:
    return _FITS.get(row.id)


def text(row: Any) -> str:
    found = signal(row)
    return found.level.label if found is not None else ""


def sort_key(row: Any) -> int:
    found = signal(row)
    return _ORDER[found.level] if found is not None else 4


def color(row: Any) -> QColor | None:
    found = signal(row)
    return COLORS.get(found.level) if found is not None else None


def tooltip(row: Any) -> str | None:
    found = signal(row)
    return "\n".join(found.reasons) if found is not None else "No placements yet"
