"""The Fit column of the employer list: each employer's fit (placement history, or a BSR's
override marked with "*"), from a map `app.services.employers.fit.fit_all` keeps until
placements or overrides change."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QColor

from app.core.fit import EmployerFit
from app.core.retention import FitLevel

if TYPE_CHECKING:
    from app.services.employers.listing import RawReader

#: Employer id -> fit for the store shown last; employers without placements are absent.
_FITS: dict[str, EmployerFit] = {}
_SOURCE: list[dict[str, EmployerFit] | None] = [None]
COLORS = {
    FitLevel.GOOD: QColor("#1b6e2d"),
    FitLevel.WATCH: QColor("#8a5a00"),
    FitLevel.POOR: QColor("#b3261e"),
}
_ORDER = {FitLevel.POOR: 0, FitLevel.WATCH: 1, FitLevel.GOOD: 2, FitLevel.UNKNOWN: 3}


def update(store: RawReader) -> None:
    """Refresh before the list is filled (two small queries when nothing changed)."""
    from app.services.employers.fit import fit_all

    use(fit_all(store))


def use(fits: dict[str, EmployerFit]) -> None:
    """Show these fits (from `fit_all`, perhaps read in a worker thread)."""
    if fits is not _SOURCE[0]:  # the service hands back the same map while nothing changed
        _SOURCE[0] = fits
        _FITS.clear()
        _FITS.update(fits)


def signal(row: Any) -> EmployerFit | None:
    return _FITS.get(row.id)


def of(employer_id: str) -> EmployerFit | None:
    """The fit shown for this employer in the list (None: no placements, no override)."""
    return _FITS.get(employer_id)


def header_html(found: EmployerFit | None) -> str:
    """The fit line of the employer page's header: the level in its colour and why."""
    if found is None:
        return ""
    color = COLORS.get(found.level, QColor("#555555")).name()
    # A BSR's decision speaks for itself here; the figures it overrules are on the tab.
    shown = found.reasons[:1] if found.override is not None else found.reasons
    why = " ".join(shown).replace("&", "&amp;").replace("<", "&lt;")
    return f"<span style='color:{color}; font-weight:600'>{found.level.label}</span> · {why}"


def text(row: Any) -> str:
    found = signal(row)
    if found is None:
        return ""
    return found.level.label + (" *" if found.override is not None else "")


def sort_key(row: Any) -> int:
    found = signal(row)
    return _ORDER[found.level] if found is not None else 4


def color(row: Any) -> QColor | None:
    found = signal(row)
    return COLORS.get(found.level) if found is not None else None


def tooltip(row: Any) -> str | None:
    found = signal(row)
    return "\n".join(found.reasons) if found is not None else "No placements yet"
