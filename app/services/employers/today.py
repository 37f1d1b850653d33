"""The Today page: what a BSR must not let slip."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import text

from app.core.pipeline import Stage
from app.services import records
from app.store.engine import Store


@dataclass(frozen=True)
class DueFollowUp:
    follow_up_id: str
    employer_id: str
    employer_name: str
    due_on: date
    what: str

    def overdue(self, today: date) -> bool:
        return self.due_on < today


@dataclass(frozen=True)
class QuietEmployer:
    employer_id: str
    employer_name: str
    stage: str
    last_contact: date | None
    days_quiet: int | None


@dataclass(frozen=True)
class StuckEmployer:
    employer_id: str
    employer_name: str
    stage: str
    since: date
    days_in_stage: int


def follow_ups_due(store: Store, today: date, owner_id: str | None = None) -> list[DueFollowUp]:
    """Open follow-ups due today or earlier, oldest first."""
    sql = """
        SELECT f.id, e.id, e.legal_name, f.due_on, f.what FROM followup f
        JOIN employer e ON e.id = f.employer_id
        WHERE f.done = 0 AND f.deleted_at IS NULL AND e.deleted_at IS NULL
          AND e.merged_into IS NULL AND f.due_on <= :today
          AND (:owner IS NULL OR e.owner_id = :owner)
        ORDER BY f.due_on, e.legal_name
    """
    with store.engine.connect() as conn:
        rows = conn.execute(text(sql), {"today": today.isoformat(), "owner": owner_id}).all()
    return [DueFollowUp(r[0], r[1], r[2], date.fromisoformat(r[3]), r[4]) for r in rows]


def quiet_employers(
    store: Store, today: date, days: int, owner_id: str | None = None
) -> list[QuietEmployer]:
    """Employers in an open stage with no contact logged for `days` days (or ever)."""
    cutoff = datetime.combine(today - timedelta(days=days), datetime.min.time())
    sql = """
        SELECT e.id, e.legal_name, e.stage, max(a.occurred_at) AS last
        FROM employer e LEFT JOIN activity a ON a.employer_id = e.id AND a.deleted_at IS NULL
        WHERE e.deleted_at IS NULL AND e.merged_into IS NULL AND e.stage != :not_fit
          AND (:owner IS NULL OR e.owner_id = :owner)
        GROUP BY e.id
        HAVING last IS NULL OR last < :cutoff
        ORDER BY last IS NOT NULL, last, e.legal_name
    """
    params = {"not_fit": Stage.NOT_A_FIT.value, "owner": owner_id, "cutoff": str(cutoff)}
    with store.engine.connect() as conn:
        rows = conn.execute(text(sql), params).all()
    result = []
    for r in rows:
        last = datetime.fromisoformat(r[3]).replace(tzinfo=UTC).date() if r[3] else None
        result.append(QuietEmployer(r[0], r[1], r[2], last, (today - last).days if last else None))
    return result


def stuck_employers(
    store: Store, today: date, days: int, owner_id: str | None = None
) -> list[StuckEmployer]:
    """Employers sitting in one pipeline stage (before active partner) for `days` days or more."""
    cutoff = datetime.combine(today - timedelta(days=days), datetime.min.time())
    open_stages = [
        s.value
        for s in (
            Stage.PROSPECT,
            Stage.FIRST_MEETING,
            Stage.RFI_SENT,
            Stage.RFI_RECEIVED,
            Stage.ELIGIBILITY_TOLD,
        )
    ]
    query = records.ListQuery(
        """
        SELECT e.id, e.legal_name, e.stage, coalesce(e.stage_changed_at, e.created_at) AS since
        FROM employer e
        """,
        "ORDER BY since",
        "e.deleted_at IS NULL",
        "e.merged_into IS NULL",
    )
    query.where_in("e.stage", open_stages, "s").where("since < :cutoff", cutoff=str(cutoff))
    if owner_id:
        query.where("e.owner_id = :owner", owner=owner_id)
    rows = query.rows(store)
    result = []
    for r in rows:
        since = datetime.fromisoformat(r[3]).date()
        result.append(StuckEmployer(r[0], r[1], r[2], since, (today - since).days))
    return result
