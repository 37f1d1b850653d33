"""Employer services delivered in a period, as an xlsx for the agency's system of record and the
master spreadsheet: one row per service (date, employer, service, BSR, job center, program,
outcome), names instead of ids, dates as date cells, plain labels for codes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import text

from app.core.models.events import event_held
from app.core.periods import Period
from app.services.importing.readable import DATE_FORMAT, plain_label
from app.services.reports.metrics import Scope, local_day
from app.store.engine import Store

HEADERS = ("Date", "Employer", "Service", "BSR", "Job center", "Program", "Outcome", "Details")


@dataclass(frozen=True)
class ServiceRow:
    day: date
    employer: str
    service: str
    bsr: str
    office: str
    program: str
    outcome: str
    details: str = ""


def _rows(store: Store, sql: str, params: dict[str, Any]) -> list[Any]:
    with store.engine.connect() as conn:
        return list(conn.execute(text(sql), params).all())


def _program_names(names: dict[str, str], codes: str | None) -> str:
    return ", ".join(names.get(c, c) for c in (codes or "").split(",") if c)


_STAFF = "LEFT JOIN staff st ON st.id = {col} LEFT JOIN office o ON o.id = coalesce(st.office_id, em.office_id)"


def service_rows(store: Store, period: Period) -> list[ServiceRow]:
    """Every service given to an employer in the period, oldest first."""
    p = Scope(period, as_of=period.end).params()
    names = dict(_rows(store, "SELECT code, name FROM program WHERE deleted_at IS NULL", {}))
    out: list[ServiceRow] = []
    for when, emp, kind, bsr, office, outcome, summary in _rows(
        store,
        f"""SELECT a.occurred_at, em.legal_name, a.kind, st.name, o.name, a.outcome, a.summary
            FROM activity a JOIN employer em ON em.id = a.employer_id {_STAFF.format(col="a.staff_id")}
            WHERE a.deleted_at IS NULL AND a.occurred_at >= :lo AND a.occurred_at < :hi""",
        p,
    ):
        out.append(
            ServiceRow(
                local_day(when),
                emp,
                plain_label("activity", "kind", kind),
                bsr or "",
                office or "",
                "",
                plain_label("activity", "outcome", outcome) or "",
                summary or "",
            )
        )
    for day, emp, bsr, office, title, outcome, programs in _rows(
        store,
        f"""SELECT r.sent_on, em.legal_name, st.name, o.name,
                coalesce(nullif(r.position_title, ''), op.title, ''), r.outcome, pa.programs
            FROM referral r JOIN employer em ON em.id = r.employer_id
            LEFT JOIN open_position op ON op.id = r.position_id
            LEFT JOIN participant pa ON pa.id = r.participant_id {_STAFF.format(col="r.staff_id")}
            WHERE r.deleted_at IS NULL AND r.sent_on BETWEEN :d0 AND :d1""",
        p,
    ):
        out.append(
            ServiceRow(
                date.fromisoformat(str(day)),
                emp,
                "Candidate referred",
                bsr or "",
                office or "",
                _program_names(names, programs),
                plain_label("referral", "outcome", outcome),
                title,
            )
        )
    for day, emp, bsr, office, title, ended, reason, programs, wage in _rows(
        store,
        f"""SELECT pl.hire_date, em.legal_name, st.name, o.name, pl.position_title,
                pl.separation_date, pl.separation_reason, pa.programs, pl.wage_cents
            FROM placement pl JOIN employer em ON em.id = pl.employer_id
            LEFT JOIN participant pa ON pa.id = pl.participant_id {_STAFF.format(col="pl.staff_id")}
            WHERE pl.deleted_at IS NULL AND pl.hire_date BETWEEN :d0 AND :d1""",
        p,
    ):
        outcome = "Still employed"
        if ended:
            outcome = (
                f"{plain_label('placement', 'separation_reason', reason) or 'Ended'} on {ended}"
            )
        wage_text = f", ${wage / 100:,.2f}/hr" if wage else ""
        out.append(
            ServiceRow(
                date.fromisoformat(str(day)),
                emp,
                "Hire (placement)",
                bsr or "",
                office or "",
                _program_names(names, programs),
                outcome,
                f"{title}{wage_text}",
            )
        )
    for starts, emp, kind, status, office, checked, came in _rows(
        store,
        """SELECT e.starts_at, em.legal_name, e.kind, e.status, o.name,
                EXISTS (SELECT 1 FROM event_checkin c WHERE c.event_id = e.id AND c.deleted_at IS NULL),
                (SELECT count(DISTINCT c.registration_id) FROM event_checkin c
                    WHERE c.event_id = e.id AND c.deleted_at IS NULL)
            FROM event_host h JOIN event e ON e.id = h.event_id JOIN employer em ON em.id = h.employer_id
            LEFT JOIN office o ON o.id = e.office_id
            WHERE h.deleted_at IS NULL AND e.deleted_at IS NULL
              AND e.starts_at >= :lo AND e.starts_at < :hi""",
        p,
    ):
        if not event_held(status, bool(checked)):
            continue
        out.append(
            ServiceRow(
                local_day(starts),
                emp,
                plain_label("event", "kind", kind),
                "",
                office or "",
                "",
                f"{came} job seekers came",
            )
        )
    for day, emp, bsr, office, status, programs, title in _rows(
        store,
        f"""SELECT coalesce(a.signed_on, a.start_date), em.legal_name, st.name, o.name, a.status,
                a.program_code, a.position_title
            FROM ojt_agreement a JOIN employer em ON em.id = a.employer_id {_STAFF.format(col="a.staff_id")}
            WHERE a.deleted_at IS NULL AND coalesce(a.signed_on, a.start_date) BETWEEN :d0 AND :d1""",
        p,
    ):
        out.append(
            ServiceRow(
                date.fromisoformat(str(day)),
                emp,
                "On-the-Job Training agreement",
                bsr or "",
                office or "",
                _program_names(names, programs),
                plain_label("ojt_agreement", "status", status),
                title or "",
            )
        )
    return sorted(out, key=lambda r: (r.day, r.employer.casefold(), r.service))


def write_services_xlsx(store: Store, period: Period, path: Path | str) -> int:
    """Write the services of the period; returns the number of rows. Written to a temporary
    name and renamed, so a half-written file never replaces a good one."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    rows = service_rows(store, period)
    book = Workbook()
    sheet = book.active
    sheet.title = "Employer services"
    sheet.append(list(HEADERS))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for r in rows:
        sheet.append(
            [r.day, r.employer, r.service, r.bsr, r.office, r.program, r.outcome, r.details]
        )
        sheet.cell(row=sheet.max_row, column=1).number_format = DATE_FORMAT
    for column, width in zip("ABCDEFGH", (12, 34, 30, 18, 20, 24, 36, 40), strict=True):
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:H{max(1, sheet.max_row)}"
    target = Path(path)
    tmp = target.with_name(target.name + ".tmp")
    book.save(tmp)
    tmp.replace(target)
    return len(rows)
