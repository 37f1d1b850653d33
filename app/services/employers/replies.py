"""Replies owed to employers, and how fast the desk answers them.

BSRs win trust by being "very responsive by email". An email from an employer logged
as received (activity kind `email_received`) starts a timer that any later contact
with that employer settles: an email sent, a call or a meeting. The same pairs give
the measured figure: how many emails of the last 90 days were answered within the
allowed business days, and the median time to answer.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from statistics import median

from sqlalchemy import text

from app.core.business_days import add_business_days
from app.services.agency import settings
from app.services.rfi.rfi_timers import LOCAL_TZ, TimerRow
from app.store.engine import Store

REPLY_DAYS = "mail.reply_business_days"
DEFAULT_REPLY_DAYS = 1
#: What counts as answering an employer.
ANSWERS = ("email", "call", "meeting_in_person", "meeting_virtual")


def reply_days(store: Store) -> int:
    return int(settings.get(store, REPLY_DAYS, DEFAULT_REPLY_DAYS) or DEFAULT_REPLY_DAYS)


def _aware(raw: str | datetime) -> datetime:
    when = datetime.fromisoformat(raw) if isinstance(raw, str) else raw
    return when if when.tzinfo else when.replace(tzinfo=UTC)


def _received_and_answered(
    store: Store, since: datetime, owner_id: str | None
) -> list[tuple[str, str, datetime, datetime | None]]:
    """Each email received since `since`: employer, its name, when, and the first answer."""
    answers = ", ".join(f"'{kind}'" for kind in ANSWERS)
    sql = f"""
        SELECT e.id, e.legal_name, r.occurred_at,
               (SELECT min(a.occurred_at) FROM activity a
                 WHERE a.employer_id = r.employer_id AND a.deleted_at IS NULL
                   AND a.kind IN ({answers}) AND a.occurred_at > r.occurred_at)
        FROM activity r JOIN employer e ON e.id = r.employer_id
        WHERE r.kind = 'email_received' AND r.deleted_at IS NULL AND r.occurred_at >= :since
          AND e.deleted_at IS NULL AND e.merged_into IS NULL
          AND (:owner IS NULL OR e.owner_id = :owner)
        ORDER BY r.occurred_at
    """
    params = {
        "since": since.astimezone(UTC).replace(tzinfo=None).isoformat(sep=" "),
        "owner": owner_id,
    }
    with store.engine.connect() as conn:
        rows = conn.execute(text(sql), params).all()
    return [(r[0], r[1], _aware(r[2]), _aware(r[3]) if r[3] else None) for r in rows]


def replies_owed(
    store: Store, today: date, owner_id: str | None = None, business_days: int | None = None
) -> list[TimerRow]:
    """Employers whose latest email has had no answer since, oldest first; one row each."""
    days = reply_days(store) if business_days is None else business_days
    owed: dict[str, TimerRow] = {}
    since = datetime.combine(today - timedelta(days=365), datetime.min.time(), tzinfo=LOCAL_TZ)
    for employer_id, name, received, answered in _received_and_answered(store, since, owner_id):
        day = received.astimezone(LOCAL_TZ).date()
        if answered is None and day <= today and employer_id not in owed:
            owed[employer_id] = TimerRow(
                employer_id, name, day, add_business_days(day, days), "reply"
            )
    return sorted(owed.values(), key=lambda r: (r.since, r.employer_name.casefold()))


@dataclass(frozen=True)
class ReplyFigures:
    """How fast emails from employers were answered over a window of days."""

    received: int
    answered_in_time: int
    median_hours: float | None  # None: nothing answered yet in the window

    def text(self, days: int, window: int) -> str:
        if not self.received:
            return f"No emails from employers logged in the last {window} days."
        when = "a business day" if days == 1 else f"{days} business days"
        figure = f"Answered {self.answered_in_time} of {self.received} within {when}"
        if self.median_hours is not None:
            figure += f" (median {self.median_hours:.0f} h)"
        return f"{figure}, last {window} days."


def reply_figures(
    store: Store, today: date, owner_id: str | None = None, window: int = 90
) -> ReplyFigures:
    days = reply_days(store)
    since = datetime.combine(today - timedelta(days=window), datetime.min.time(), tzinfo=LOCAL_TZ)
    pairs = [
        (received, answered)
        for _, _, received, answered in _received_and_answered(store, since, owner_id)
        if received.astimezone(LOCAL_TZ).date() <= today
    ]
    in_time = sum(
        1
        for received, answered in pairs
        if answered is not None
        and answered.astimezone(LOCAL_TZ).date()
        <= add_business_days(received.astimezone(LOCAL_TZ).date(), days)
    )
    hours = [(a - r).total_seconds() / 3600 for r, a in pairs if a is not None]
    return ReplyFigures(len(pairs), in_time, median(hours) if hours else None)
