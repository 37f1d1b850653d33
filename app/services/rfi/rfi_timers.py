"""The Today lists of the RFI path: follow-up emails owed after first meetings, eligibility
owed after RFIs come back, and RFIs still unanswered with a reminder ready."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Row

from app.core.business_days import add_business_days
from app.core.pipeline import Stage
from app.services import records
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


def _at_stage(
    store: Store, select: str, tail: str, stage: Stage, owner_id: str | None, *conditions: str
) -> Sequence[Row[Any]]:
    """Rows of `select` for live employers at `stage` (and owned by `owner_id`, when given)."""
    query = records.ListQuery(
        select, tail, "e.deleted_at IS NULL", "e.merged_into IS NULL", *conditions
    )
    query.where("e.stage = :stage", stage=stage.value)
    if owner_id:
        query.where("e.owner_id = :owner", owner=owner_id)
    return query.rows(store)


def follow_ups_owed(store: Store, today: date, owner_id: str | None = None) -> list[TimerRow]:
    """First meetings held with no email since: the follow-up is due by the end of that day."""
    rows = _at_stage(
        store,
        """
        SELECT e.id, e.legal_name, max(a.occurred_at) AS met
        FROM employer e JOIN activity a ON a.employer_id = e.id AND a.deleted_at IS NULL
          AND a.kind IN ('meeting_in_person', 'meeting_virtual')
        """,
        """
        GROUP BY e.id
        HAVING NOT EXISTS (
            SELECT 1 FROM activity m WHERE m.employer_id = e.id AND m.deleted_at IS NULL
              AND m.kind = 'email' AND m.occurred_at >= met)
        ORDER BY met
        """,
        Stage.FIRST_MEETING,
        owner_id,
    )
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
    rows = _at_stage(
        store,
        """
        SELECT e.id, e.legal_name, max(r.received_on)
        FROM employer e JOIN rfi_answer r ON r.employer_id = e.id AND r.deleted_at IS NULL
        """,
        "GROUP BY e.id ORDER BY max(r.received_on), e.legal_name",
        Stage.RFI_RECEIVED,
        owner_id,
    )
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
    rows = _at_stage(
        store,
        """
        SELECT e.id, e.legal_name, coalesce(e.stage_changed_at, e.created_at) AS sent
        FROM employer e
        """,
        "ORDER BY sent",
        Stage.RFI_SENT,
        owner_id,
        """NOT EXISTS (SELECT 1 FROM rfi_answer r WHERE r.employer_id = e.id
              AND r.deleted_at IS NULL AND r.created_at >= coalesce(e.stage_changed_at, e.created_at))""",
    )
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
