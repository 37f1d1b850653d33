"""One way to show a date: the system locale's short format, through app.ui.dates only."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale

from app.ui import dates
from app.ui.models import local_datetime, short_date

ROOT = Path(__file__).resolve().parents[2]
#: Date formatting done by hand: strftime, Qt patterns, f-string date specs, "m/d/y" built
#: from parts. Only app/ui/dates.py may hold any of them.
HAND_MADE = [
    re.compile(r"\.strftime\("),
    re.compile(r"\.toString\(\s*f?['\"]"),
    re.compile(r"setDisplayFormat\(\s*f?['\"]"),
    re.compile(r"\{[^{}'\"]*:%[A-Za-z]"),
    re.compile(r"\.month\}/\{"),
]


@pytest.fixture
def locale() -> Iterator[None]:
    before = QLocale()
    yield
    QLocale.setDefault(before)


def test_no_page_formats_a_date_by_hand() -> None:
    found = []
    for path in sorted((ROOT / "app" / "ui").rglob("*.py")):
        if path.name == "dates.py" and path.parent.name == "ui":
            continue
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if any(p.search(line) for p in HAND_MADE):
                found.append(f"{path.relative_to(ROOT)}:{n}: {line.strip()}")
    assert not found, "\n".join(found)


def test_the_scan_sees_each_kind_of_hand_made_date() -> None:
    for line in (
        'day.strftime("%b %d, %Y")',
        "day.toString('MMMM yyyy')",
        'edit.setDisplayFormat("MM/dd/yyyy")',
        'f"Toured {day:%B} {day.day}"',
        'f"{value.month}/{value.day}/{value.year}"',
    ):
        assert any(p.search(line) for p in HAND_MADE), line
    assert not any(p.search('for fmt in ("%I:%M %p", "%H:%M"):') for p in HAND_MADE)


def test_dates_follow_the_system_locale(qapp, locale) -> None:
    day = date(2026, 12, 3)
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    assert dates.shown_date(day) == "12/3/26"
    assert dates.shown_month(day) == "December 2026"
    when = datetime(2026, 12, 3, 20, 5, tzinfo=UTC)  # 2:05 PM in Chicago
    assert dates.shown_time(when) == "2:05\u202fPM" or dates.shown_time(when) == "2:05 PM"
    assert dates.shown_datetime(when).startswith("12/3/26 2:05")
    assert dates.date_edit_format() == "M/d/yyyy"
    QLocale.setDefault(QLocale(QLocale.Language.German, QLocale.Country.Germany))
    assert dates.shown_date(day) == "03.12.26"
    assert dates.shown_time(when) == "14:05"
    # The table helpers every list uses are the same helper.
    assert short_date(day) == dates.shown_date(day)
    assert local_datetime(when) == dates.shown_datetime(when)
    # A bare machine's "C" locale reads as US English, not "3 12 2026".
    QLocale.setDefault(QLocale.c())
    assert dates.shown_date(day) == "12/3/26"
    QLocale.setDefault(QLocale(QLocale.Language.German, QLocale.Country.Germany))
    # Late evening in Chicago is still that day, though UTC has moved on.
    assert dates.shown_date(datetime(2026, 12, 4, 3, 0, tzinfo=UTC)) == "03.12.26"


def test_typed_date_fields_keep_the_form_the_services_read() -> None:
    assert dates.input_date(date(2026, 3, 7)) == "3/7/2026"
    assert dates.input_date(None) == ""
