"""Dates as the person at the desk reads them: in the system locale's short format.

Every date, time and month the interface shows goes through this module, so a page never
shows "Dec 03, 2026" beside "12/3/2026" beside "2026-12-03". Stored times are UTC and
shown in Chicago time. `input_date` is the one exception: the text put into a typed date
field, in the M/D/YYYY form the services read back.
"""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, QLocale, QTime

LOCAL_TZ = ZoneInfo("America/Chicago")
_SHORT = QLocale.FormatType.ShortFormat
#: A month picker (a month is not a date: no day to show).
MONTH_EDIT_FORMAT = "MMMM yyyy"


def _locale() -> QLocale:
    """The system locale; the plain "C" locale of a bare machine (not a person's choice, and
    it writes "3 12 2026") reads as the agency's own, US English."""
    here = QLocale()
    if here.language() == QLocale.Language.C:
        return QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
    return here


def local_date(value: datetime | date | None) -> date | None:
    """A stored UTC time as the calendar day in Chicago."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.astimezone(LOCAL_TZ).date() if value.tzinfo else value.date()
    return value


def shown_date(value: datetime | date | None) -> str:
    """The day in the system locale's short date format ("12/3/26" in the United States)."""
    day = local_date(value)
    if day is None:
        return ""
    return _locale().toString(QDate(day.year, day.month, day.day), _SHORT)


def shown_time(value: datetime | time | None) -> str:
    """The time of day, Chicago time, in the locale's short time format ("2:05 PM")."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = (value.astimezone(LOCAL_TZ) if value.tzinfo else value).time()
    return _locale().toString(QTime(value.hour, value.minute), _SHORT)


def shown_datetime(value: datetime | None) -> str:
    """Day and time, both in the locale's short formats."""
    if value is None:
        return ""
    when = value.astimezone(LOCAL_TZ) if value.tzinfo else value
    return f"{shown_date(when)} {shown_time(when)}"


def shown_month(value: date) -> str:
    """A month and its year ("December 2026"), with the locale's month name."""
    return _locale().toString(QDate(value.year, value.month, 1), MONTH_EDIT_FORMAT)


def shown_weekday(value: date, long: bool = False) -> str:
    """The day of the week in the locale's words ("Mon", or "Monday" when `long`)."""
    kind = QLocale.FormatType.LongFormat if long else _SHORT
    return _locale().dayName(value.isoweekday(), kind)


def date_edit_format() -> str:
    """A date picker's display format: the locale's short date, with a four-digit year."""
    pattern = _locale().dateFormat(_SHORT)
    return pattern if "yyyy" in pattern else pattern.replace("yy", "yyyy")


def datetime_edit_format() -> str:
    """A date-and-time picker's display format: the locale's short date and time."""
    return f"{date_edit_format()} {_locale().timeFormat(_SHORT)}"


def input_date(value: date | None) -> str:
    """A date as typed into a date field (M/D/YYYY), the form the services read back."""
    return f"{value.month}/{value.day}/{value.year}" if value else ""
