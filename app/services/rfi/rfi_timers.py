"""The Today lists of the RFI path: follow-up emails owed after first meetings, eligibility
owed after RFIs come back, and RFIs still unanswered with a reminder ready."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import text

from app.core.business_days import add_business_days
from app.core.pipeline import Stage
from app.services.agency import settings
from app.store.engine import Store

LOCAL_TZ = ZoneInfo("America/Chicago")
ELIGIBILITY_DAYS = "rfi.eligibility_business_days"
REMINDER_DAYS = "rfi.reminder_days"
DEFAULTS = {ELIGIBILITY_DAYS: 2, REMINDER_DAYS: 7}


def setting(store: Store, key: str) -> int:
    return int(settings.get(store, key, DEFAULTS[key]) or DEFAULTS[key])


@dataclass(frozen=True)
class TimerRow:
    employer_id: str
    employer_name: str
    since: date  # meeting day, RFI received, RFI sent
    due_on: date
    email_kind: str  # the email that settles it

    def overdue(self, today: date) -> bool:
        return today > self.due_on

    def days_waiting(self, today: date) -> int:
        return (today - self.since).days


def _local_day(value: str | datetime) -> date:
    when = datetime.fromisoformat(value) if isinstance(value, str) else value
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return when.astimezone(LOCAL_TZ).date()


_OWNER = "AND (:owner IS NULL OR e.owner_id = :owner)"
_LIVE = "e.deleted_at IS NULL AND e.merged_into IS NULL"


def follow_ups_owed(store: Store, today: date, owner_id: str | None = None) -> list[TimerRow]:
    """First meetings held with no email since: the follow-up is due by the end of that day."""
    sql = f"""
        SELECT e.id, e.legal_name, max(a.occurred_at) AS met
        FROM employer e JOIN activity a ON a.employer_id = e.id AND a.deleted_at IS NULL
          AND a.kind IN ('meeting_in_person', 'meeting_virtual')
        WHERE {_LIVE} AND e.stage = :stage {_OWNER}
        GROUP BY e.id
        HAVING NOT EXISTS (
            SELECT 1 FROM activity m WHERE m.employer_id = e.id AND m.deleted_at IS NULL
              AND m.kind = 'email' AND m.occurred_at >= met)
        ORDER BY met
    """
    with store.engine.connect() as conn:
        rows = conn.execute(
            text(sql), {"stage": Stage.FIRST_MEETING.value, "owner": owner_id}
        ).all()
    result = []
    for employer_id, name, met in rows:
        day = _local_day(met)
        if day <= today:
            result.append(TimerRow(employer_id, name, day, day, "follow_up"))
    return result


def eligibility_owed(
    store: Store, today: date, owner_id: str | None = None, business_days: int | None = None
) -> list[TimerRow]:
    """RFIs received whose eligibility has not been told; due N business days after receipt."""
    days = setting(store, ELIGIBILITY_DAYS) if business_days is None else business_days
    sql = f"""
        SELECT e.id, e.legal_name, max(r.received_on)
        FROM employer e JOIN rfi_answer r ON r.employer_id = e.id AND r.deleted_at IS NULL
        WHERE {_LIVE} AND e.stage = :stage {_OWNER}
        GROUP BY e.id
        ORDER BY max(r.received_on), e.legal_name
    """
    with store.engine.connect() as conn:
        rows = conn.execute(text(sql), {"stage": Stage.RFI_RECEIVED.value, "owner": owner_id}).all()
    result = []
    for employer_id, name, received in rows:
        since = date.fromisoformat(str(received))
        result.append(
            TimerRow(employer_id, name, since, add_business_days(since, days), "eligibility")
        )
    return result


def rfis_unanswered(
    store: Store, today: date, owner_id: str | None = None, days: int | None = None
) -> list[TimerRow]:
    """RFIs sent N days ago or more with no answer yet: a reminder is ready to send."""
    wait = setting(store, REMINDER_DAYS) if days is None else days
    cutoff = datetime.combine(today - timedelta(days=wait), datetime.max.time(), tzinfo=LOCAL_TZ)
    sql = f"""
        SELECT e.id, e.legal_name, coalesce(e.stage_changed_at, e.created_at) AS sent
        FROM employer e
        WHERE {_LIVE} AND e.stage = :stage {_OWNER}
          AND NOT EXISTS (SELECT 1 FROM rfi_answer r WHERE r.employer_id = e.id
              AND r.deleted_at IS NULL AND r.created_at >= coalesce(e.stage_changed_at, e.created_at))
        ORDER BY sent
    """
    with store.engine.connect() as conn:
        rows = conn.execute(text(sql), {"stage": Stage.RFI_SENT.value, "owner": owner_id}).all()
    result = []
    for employer_id, name, sent in rows:
        when = datetime.fromisoformat(str(sent))
        when = when if when.tzinfo else when.replace(tzinfo=UTC)
        if when <= cutoff:
            day = _local_day(when)
            result.append(
                TimerRow(employer_id, name, day, day + timedelta(days=wait), "rfi_reminder")
            )
    return result
