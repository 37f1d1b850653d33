"""The records behind a figure, as a table people can read (names, dates, plain words)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import bindparam, text

from app.services.reports.metrics import local_day
from app.store.engine import Store

_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_STAMP = re.compile(r"\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}")

_EVENT_TITLE = "coalesce(nullif(e.title, ''), (SELECT group_concat(em.legal_name, ', ') FROM event_host h JOIN employer em ON em.id = h.employer_id WHERE h.event_id = e.id AND h.deleted_at IS NULL), 'Event')"

_QUERIES: dict[str, tuple[tuple[str, ...], str]] = {
    "event": (
        ("Date", "Event", "Status", "Came"),
        f"""SELECT e.id, e.starts_at, {_EVENT_TITLE}, e.status,
              (SELECT count(DISTINCT c.registration_id) FROM event_checkin c
               WHERE c.event_id = e.id AND c.deleted_at IS NULL)
            FROM event e WHERE e.id IN :ids ORDER BY e.starts_at""",
    ),
    "registration": (
        ("Date", "Event", "Name", "Walk-in", "Came"),
        f"""SELECT r.id, e.starts_at, {_EVENT_TITLE}, r.name,
              CASE WHEN r.walk_in THEN 'yes' ELSE 'no' END,
              CASE WHEN EXISTS (SELECT 1 FROM event_checkin c WHERE c.registration_id = r.id
                AND c.deleted_at IS NULL) THEN 'yes' ELSE 'no' END
            FROM event_registration r JOIN event e ON e.id = r.event_id
            WHERE r.id IN :ids ORDER BY e.starts_at, r.name""",
    ),
    "placement": (
        ("Hired", "Job seeker", "Employer", "Position", "Ended", "Reason"),
        """SELECT p.id, p.hire_date, pa.first_name || ' ' || pa.last_name, em.legal_name,
              p.position_title, coalesce(p.separation_date, 'still employed'),
              replace(p.separation_reason, '_', ' ')
            FROM placement p LEFT JOIN participant pa ON pa.id = p.participant_id
            LEFT JOIN employer em ON em.id = p.employer_id
            WHERE p.id IN :ids ORDER BY p.hire_date""",
    ),
    "checkin": (
        ("Date", "Employer", "Job seeker", "Day", "Answered"),
        """SELECT pc.id, pc.checked_on, em.legal_name, pa.first_name || ' ' || pa.last_name,
              pc.day, CASE WHEN pc.answered THEN 'yes' ELSE 'no' END
            FROM progresscheckin pc LEFT JOIN employer em ON em.id = pc.employer_id
            LEFT JOIN placement p ON p.id = pc.placement_id
            LEFT JOIN participant pa ON pa.id = p.participant_id
            WHERE pc.id IN :ids ORDER BY pc.checked_on""",
    ),
    "employer": (
        ("Employer", "Stage", "BSR"),
        """SELECT em.id, em.legal_name, replace(em.stage, '_', ' '), st.name
            FROM employer em LEFT JOIN staff st ON st.id = em.owner_id
            WHERE em.id IN :ids ORDER BY em.legal_name""",
    ),
    "activity": (
        ("Date", "Employer", "Kind", "BSR", "Outcome"),
        """SELECT a.id, a.occurred_at, em.legal_name, replace(a.kind, '_', ' '), st.name,
              a.outcome
            FROM activity a LEFT JOIN employer em ON em.id = a.employer_id
            LEFT JOIN staff st ON st.id = a.staff_id
            WHERE a.id IN :ids ORDER BY a.occurred_at""",
    ),
}

#: Which records each metric counts.
METRIC_TABLES: dict[str, str] = {
    "events_held": "event",
    "came_per_event": "event",
    "registered": "registration",
    "came": "registration",
    "walk_ins": "registration",
    "returning": "registration",
    "placements": "placement",
    "retention_30": "placement",
    "retention_90": "placement",
    "retention_180": "placement",
    "outcome_rate": "placement",
    "days_to_rfi": "employer",
    "days_to_eligibility": "employer",
    "checkin_response": "checkin",
    "bsr_activity": "activity",
}


@dataclass(frozen=True)
class RecordTable:
    headers: tuple[str, ...]
    rows: list[tuple[str, ...]]
    ids: list[str]


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, str) and _DAY.fullmatch(value):
        return date.fromisoformat(value).strftime("%b %d, %Y")
    if isinstance(value, str) and _STAMP.match(value):
        return local_day(value).strftime("%b %d, %Y")
    return str(value)


def record_table(store: Store, metric_id: str, ids: Sequence[str]) -> RecordTable:
    """The records behind one figure; OJT figures read them from the OJT area."""
    kind = METRIC_TABLES.get(metric_id)
    if kind is None:
        from app.services.reports import ojt_figures

        return ojt_figures.record_table(store, ids)
    headers, sql = _QUERIES[kind]
    rows: list[tuple[str, ...]] = []
    order: list[str] = []
    if ids:
        query = text(sql).bindparams(bindparam("ids", expanding=True))
        with store.engine.connect() as conn:
            for row in conn.execute(query, {"ids": list(ids)}).all():
                order.append(row[0])
                rows.append(tuple(_cell(v) for v in row[1:]))
    return RecordTable(headers, rows, order)
