"""Top partners of the year from the store, and the thanks recorded for them.

Figures per employer for a calendar year, ranked by app.core.partner_ranking
with the weights of forms/metrics.toml; employers whose fit is "Poor fit" (the
retention rule, or a BSR's recorded decision) are left out with the reason. Appreciation (basket, lunch invitation,
letter) is a synced table, so the whole team sees who was thanked.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import text
from sqlmodel import select

from app.core.ids import utcnow
from app.core.models import Appreciation, AppreciationKind, Staff
from app.core.models.events import event_held
from app.core.partner_ranking import PartnerFigures, Ranking, rank
from app.core.retention import Span
from app.services.employers import fit
from app.services.reports.definitions import load_definitions
from app.services.reports.metrics import FOLLOW_UP_OUTCOMES, local_day
from app.store.engine import Store


def _rows(store: Store, sql: str, **params: Any) -> list[Any]:
    with store.engine.connect() as conn:
        return list(conn.execute(text(sql), params).all())


def partner_figures(store: Store, year: int, today: date) -> list[PartnerFigures]:
    """What each live employer did with us in `year` (calendar year)."""
    lo, hi = date(year, 1, 1), date(year, 12, 31)
    acc: dict[str, dict[str, Any]] = defaultdict(dict)
    for emp, sent, accepted in _rows(
        store,
        """SELECT employer_id, count(*), total(outcome IN ('interview', 'hired', 'not_hired')
                OR interview_on IS NOT NULL)
           FROM referral WHERE deleted_at IS NULL AND employer_id IS NOT NULL
             AND sent_on BETWEEN :lo AND :hi GROUP BY employer_id""",
        lo=lo,
        hi=hi,
    ):
        acc[emp].update(referrals=int(sent), referrals_accepted=int(accepted))
    spans: dict[str, list[Span]] = defaultdict(list)
    for emp, hired, ended, reason in _rows(
        store,
        """SELECT employer_id, hire_date, separation_date, separation_reason FROM placement
           WHERE deleted_at IS NULL AND hire_date BETWEEN :lo AND :hi""",
        lo=lo,
        hi=min(hi, today),
    ):
        spans[emp].append(
            Span(
                date.fromisoformat(str(hired)),
                date.fromisoformat(str(ended)) if ended else None,
                reason or "",
            )
        )
    for emp, rows in spans.items():
        measured = [s for s in rows if s.measured_at(90, today)]
        acc[emp].update(
            hires=len(rows),
            measured_90=len(measured),
            retained_90=sum(1 for s in measured if s.retained_at(90)),
        )
    for emp, status, starts, checked in _rows(
        store,
        """SELECT h.employer_id, e.status, e.starts_at, EXISTS (SELECT 1 FROM event_checkin c
                WHERE c.event_id = e.id AND c.deleted_at IS NULL)
           FROM event_host h JOIN event e ON e.id = h.event_id
           WHERE h.deleted_at IS NULL AND e.deleted_at IS NULL""",
    ):
        day = local_day(starts)
        if lo <= day <= min(hi, today) and event_held(status, bool(checked)):
            acc[emp]["events"] = acc[emp].get("events", 0) + 1
    for emp, asked, answered in _rows(
        store,
        """SELECT employer_id, count(*), total(answered) FROM progresscheckin
           WHERE deleted_at IS NULL AND checked_on BETWEEN :lo AND :hi GROUP BY employer_id""",
        lo=lo,
        hi=hi,
    ):
        acc[emp].update(checkins_asked=int(asked), checkins_answered=int(answered))
    for emp, sent, received in _rows(
        store,
        f"""SELECT a.employer_id, min(a.occurred_at), (SELECT min(r.received_on) FROM rfi_answer r
                WHERE r.employer_id = a.employer_id AND r.deleted_at IS NULL)
           FROM activity a WHERE a.deleted_at IS NULL AND a.kind = 'email'
             AND a.outcome IN {FOLLOW_UP_OUTCOMES!r} GROUP BY a.employer_id""",
    ):
        if sent and received:
            back = date.fromisoformat(str(received))
            days = (back - local_day(sent)).days
            if lo <= back <= hi and days >= 0:
                acc[emp]["rfi_days"] = days
    for emp, done in _rows(
        store,
        """SELECT employer_id, count(*) FROM ojt_agreement WHERE deleted_at IS NULL
             AND status = 'completed' AND completed_on BETWEEN :lo AND :hi GROUP BY employer_id""",
        lo=lo,
        hi=hi,
    ):
        acc[emp]["ojt_completed"] = int(done)
    fits = fit.fit_all(store, today)
    names = dict(
        _rows(
            store,
            "SELECT id, legal_name FROM employer WHERE deleted_at IS NULL AND merged_into IS NULL",
        )
    )
    out = []
    for emp, values in acc.items():
        if emp not in names:
            continue
        found = fits.get(emp)
        poor = found.reasons if found is not None and found.poor else ()
        out.append(PartnerFigures(emp, names[emp], poor_fit=poor, **values))
    return out


@dataclass(frozen=True)
class PartnerReport:
    ranking: Ranking
    thanks: dict[str, list[Appreciation]]
    staff_names: dict[str, str]

    def thanked_text(self, employer_id: str) -> str:
        given = self.thanks.get(employer_id, [])
        if not given:
            return "not thanked yet"
        return "; ".join(
            f"{AppreciationKind(a.kind).label} on {a.given_on:%b} {a.given_on.day}"
            + (f" by {self.staff_names[a.staff_id]}" if a.staff_id in self.staff_names else "")
            for a in given
        )

    def as_dict(self) -> dict[str, Any]:
        return {
            "year": self.ranking.year,
            "ranked": [
                {
                    "rank": r.rank,
                    "employer_id": r.figures.employer_id,
                    "employer": r.figures.name,
                    "points": r.score,
                    "reasons": list(r.reasons),
                    "thanked": self.thanked_text(r.figures.employer_id),
                }
                for r in self.ranking.ranked
            ],
            "not_ranked": [
                {"employer_id": x.figures.employer_id, "employer": x.figures.name, "why": x.why}
                for x in self.ranking.left_out
            ],
        }

    def lines(self) -> list[str]:
        out = [f"Top partners of {self.ranking.year}"]
        if not self.ranking.ranked:
            out.append("  No employer has referrals, hires, events or check-ins this year.")
        for r in self.ranking.ranked:
            out.append(
                f"{r.rank}. {r.figures.name} ({r.score:g} points; {self.thanked_text(r.figures.employer_id)})"
            )
            out += [f"   - {reason}" for reason in r.reasons]
        for x in self.ranking.left_out:
            out.append(f"Not ranked: {x.figures.name}")
            out.append(f"   {x.why}")
        return out


def rank_partners(store: Store, year: int, today: date | None = None) -> PartnerReport:
    today = today or date.today()
    ranking = rank(year, partner_figures(store, year, today), load_definitions().partners)
    return PartnerReport(ranking, appreciation_by_employer(store, year), _staff_names(store))


# Appreciation -----------------------------------------------------------------------------


def _staff_names(store: Store) -> dict[str, str]:
    with store.session() as session:
        return {s.id: s.name for s in session.exec(select(Staff))}


def appreciation_by_employer(store: Store, year: int) -> dict[str, list[Appreciation]]:
    with store.session() as session:
        rows = session.exec(
            select(Appreciation)
            .where(Appreciation.year == year, Appreciation.deleted_at.is_(None))
            .order_by(Appreciation.given_on)
        )
        out: dict[str, list[Appreciation]] = defaultdict(list)
        for row in rows:
            out[row.employer_id].append(row)
    return dict(out)


def record_appreciation(
    store: Store,
    employer_id: str,
    year: int,
    kind: str,
    given_on: date,
    staff_id: str | None = None,
    notes: str = "",
) -> Appreciation:
    """Record a thank-you; the same kind for the same employer and year is refused (thanked twice)."""
    try:
        label = AppreciationKind(kind).label
    except ValueError as exc:
        kinds = ", ".join(k.value for k in AppreciationKind)
        raise ValueError(f"kind: {kind!r} is not one of {kinds}.") from exc
    if not 2000 <= year <= 2100:
        raise ValueError(f"year: {year} is not a year like 2026.")
    given = appreciation_by_employer(store, year).get(employer_id, [])
    for a in given:
        if a.kind == kind:
            raise ValueError(
                f"{label} for {year} was already recorded on {a.given_on:%b} {a.given_on.day}, "
                f"{a.given_on.year}; it is not recorded twice."
            )
    with store.transaction() as session:
        from app.core.models import Employer

        employer = session.get(Employer, employer_id)
        if employer is None or employer.deleted_at is not None:
            raise ValueError(f"employer: no employer with the id {employer_id}.")
        row = Appreciation(
            employer_id=employer_id,
            year=year,
            kind=kind,
            given_on=given_on,
            staff_id=staff_id,
            notes=notes.strip(),
            created_at=utcnow(),
        )
        session.add(row)
    return row


# Letters and the brunch list ----------------------------------------------------------------


@dataclass(frozen=True)
class PartnerContact:
    name: str
    role: str
    email: str
    phone: str


def primary_contact(store: Store, employer_id: str) -> PartnerContact | None:
    rows = _rows(
        store,
        """SELECT name, role, email, phone FROM contact WHERE employer_id = :e
             AND deleted_at IS NULL ORDER BY is_primary DESC, created_at LIMIT 1""",
        e=employer_id,
    )
    return PartnerContact(*rows[0]) if rows else None


def thank_you_pdf(store: Store, employer_id: str, year: int, today: date | None = None) -> bytes:
    """The letter to a ranked partner, with its own reasons; LookupError when not ranked."""
    from app.core.models import Employer, Office
    from app.documents.thank_you_letter import LetterData, build_letter
    from app.services.agency import settings
    from app.services.agency.public import letterhead

    today = today or date.today()
    report = rank_partners(store, year, today)
    ranked = next((r for r in report.ranking.ranked if r.figures.employer_id == employer_id), None)
    if ranked is None:
        raise LookupError(f"This employer is not among the top partners of {year}.")
    with store.session() as session:
        employer = session.get(Employer, employer_id)
        assert employer is not None
        office = session.get(Office, employer.office_id) if employer.office_id else None
        bsr = session.get(Staff, employer.owner_id) if employer.owner_id else None
    bsr = bsr or settings.me(store)
    contact = primary_contact(store, employer_id)
    data = LetterData(
        head=letterhead(office, bsr),
        employer=employer.dba_name or employer.legal_name,
        contact_name=contact.name if contact else "",
        address=employer.address_line,
        year=year,
        rank=ranked.rank,
        reasons=ranked.reasons,
        signer=bsr.name if bsr else "Business Services",
        today=today,
    )
    return build_letter(data)


BRUNCH_HEADERS = (
    "Rank",
    "Employer",
    "Contact",
    "Role",
    "Email",
    "Phone",
    "Points",
    "Why",
    "Thanked this year",
)


def write_brunch_list(store: Store, year: int, path: Any, today: date | None = None) -> int:
    """The networking brunch invitation list (xlsx): the top partners with their contacts.

    Written to a temporary name and renamed; returns the number of employers listed.
    """
    from pathlib import Path

    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    report = rank_partners(store, year, today)
    book = Workbook()
    sheet = book.active
    sheet.title = f"Brunch {year}"
    sheet.append([f"Networking brunch invitations: top partners of {year}"])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append([])
    sheet.append(list(BRUNCH_HEADERS))
    for cell in sheet[3]:
        cell.font = Font(bold=True)
    for r in report.ranking.ranked:
        c = primary_contact(store, r.figures.employer_id) or PartnerContact("", "", "", "")
        sheet.append(
            [
                r.rank,
                r.figures.name,
                c.name,
                c.role,
                c.email,
                c.phone,
                r.score,
                "\n".join(r.reasons),
                report.thanked_text(r.figures.employer_id),
            ]
        )
        sheet.cell(row=sheet.max_row, column=8).alignment = Alignment(wrap_text=True)
    for column, width in zip("ABCDEFGHI", (6, 32, 22, 18, 28, 16, 8, 60, 30), strict=True):
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "A4"
    target = Path(path)
    tmp = target.with_name(target.name + ".tmp")
    book.save(tmp)
    tmp.replace(target)
    return len(report.ranking.ranked)
