"""Item models for the people area, each over the rows one service call returns."""

from __future__ import annotations

from PySide6.QtGui import QColor

from app.core.checkins import Point, PointState
from app.core.models import AgeGroup, PartnerKind, ProgressCheckIn, TourStatus
from app.services.people.at_risk import AtRisk
from app.services.people.participants import DuplicateMatch, ParticipantRow
from app.services.people.partners import OpeningRow
from app.services.people.placements import PlacementRow
from app.services.people.progress import OverdueCheckIn, SilentEmployer
from app.services.people.referrals import ReferralRow
from app.services.people.tours import Guest, TourRow
from app.ui.models import MUTED_COLOR, OVERDUE_COLOR, Column, RowTableModel, short_date

GOOD_COLOR = QColor("#1b6e2d")


def _age(value: str) -> str:
    try:
        return AgeGroup(value).label
    except ValueError:
        return value


def _tour_status(value: str) -> str:
    try:
        return TourStatus(value).label
    except ValueError:
        return value


class ParticipantsModel(RowTableModel):
    columns = (
        Column("Name", lambda r: f"{r.last_name}, {r.first_name}", key=lambda r: r.name.casefold()),
        Column("Phone", lambda r: r.phone),
        Column("Email", lambda r: r.email),
        Column("ZIP", lambda r: r.zip_code),
        Column("Age group", lambda r: _age(r.age_group)),
        Column("Programs", lambda r: r.programs.replace(",", ", ")),
        Column("BSR", lambda r: r.staff),
        Column(
            "Work auth.", lambda r: "Confirmed" if r.work_authorization_confirmed else "Not yet"
        ),
        Column(
            "Placements", lambda r: str(r.placements), key=lambda r: r.placements, align_right=True
        ),
    )

    def foreground(self, row: ParticipantRow, column: int) -> QColor | None:
        return MUTED_COLOR if column == 7 and not row.work_authorization_confirmed else None


class DuplicatesModel(RowTableModel):
    columns = (
        Column("Name", lambda m: m.name),
        Column("Phone", lambda m: m.phone),
        Column("Email", lambda m: m.email),
        Column("Why", lambda m: m.why),
    )

    def row_id(self, row: DuplicateMatch) -> str:
        return row.participant_id


class ToursModel(RowTableModel):
    columns = (
        Column("Date", lambda t: short_date(t.when), key=lambda t: t.when),
        Column("Status", lambda t: _tour_status(t.status)),
        Column("Employer", lambda t: t.employer_name),
        Column("BSR", lambda t: t.staff),
        Column("Job seekers", lambda t: str(t.guests), key=lambda t: t.guests, align_right=True),
        Column("Notes", lambda t: f"{t.notes_filled} of 12", key=lambda t: t.notes_filled),
    )

    def foreground(self, row: TourRow, column: int) -> QColor | None:
        return MUTED_COLOR if row.status == TourStatus.CANCELLED.value else None


class GuestsModel(RowTableModel):
    columns = (Column("Job seeker", lambda g: g.name),)

    def row_id(self, row: Guest) -> str:
        return row.participant_id


def emailed_text(row: ReferralRow) -> str:
    """When and to whom the resume went ("draft" when only an Outlook draft was saved)."""
    if row.emailed_at is None:
        return ""
    how = " (draft)" if row.emailed_as == "draft" else ""
    return f"{short_date(row.emailed_at)} to {row.emailed_to}{how}"


class ReferralsModel(RowTableModel):
    columns = (
        Column("Sent", lambda r: short_date(r.sent_on), key=lambda r: r.sent_on),
        Column("Participant", lambda r: r.participant),
        Column("Employer", lambda r: r.employer),
        Column("Position", lambda r: r.position_title),
        Column("Outcome", lambda r: r.outcome_label),
        Column("Interview", lambda r: short_date(r.interview_on), key=lambda r: r.interview_on),
        Column("Outcome date", lambda r: short_date(r.outcome_on), key=lambda r: r.outcome_on),
        Column("Resume", lambda r: r.resume_name),
        Column("Via", lambda r: r.via_partner),
        Column(
            "Resume emailed",
            emailed_text,
            key=lambda r: r.emailed_at.isoformat() if r.emailed_at else "",
        ),
    )

    def foreground(self, row: ReferralRow, column: int) -> QColor | None:
        if column == 4 and row.outcome == "hired":
            return GOOD_COLOR
        if column == 4 and row.outcome in ("not_hired", "withdrawn"):
            return MUTED_COLOR
        return None


class PlacementsModel(RowTableModel):
    columns = (
        Column("Hired", lambda p: short_date(p.hire_date), key=lambda p: p.hire_date),
        Column("Participant", lambda p: p.participant),
        Column("Employer", lambda p: p.employer),
        Column("Position", lambda p: p.position_title),
        Column("Wage", lambda p: p.wage_text, key=lambda p: p.wage_cents, align_right=True),
        Column(
            "Hours",
            lambda p: f"{p.hours_per_week:g}" if p.hours_per_week else "",
            key=lambda p: p.hours_per_week,
            align_right=True,
        ),
        Column("Terms", lambda p: p.terms_text),
        Column("Ended", lambda p: p.ended_text, key=lambda p: p.separation_date),
    )

    def foreground(self, row: PlacementRow, column: int) -> QColor | None:
        return MUTED_COLOR if row.separation_date is not None else None


class CheckInLogModel(RowTableModel):
    columns = (
        Column("Date", lambda c: short_date(c.checked_on), key=lambda c: c.checked_on),
        Column("Day", lambda c: str(c.day), key=lambda c: c.day, align_right=True),
        Column("Answered", lambda c: "Yes" if c.answered else "No answer"),
        Column("Attendance", lambda c: c.attendance),
        Column(
            "Absences",
            lambda c: "" if c.absences is None else str(c.absences),
            key=lambda c: c.absences,
        ),
        Column(
            "Late",
            lambda c: "" if c.late_arrivals is None else str(c.late_arrivals),
            key=lambda c: c.late_arrivals,
        ),
        Column("Performance", lambda c: c.performance),
        Column("Employer said", lambda c: c.employer_said),
        Column("What the BSR did", lambda c: c.bsr_action),
    )

    def foreground(self, row: ProgressCheckIn, column: int) -> QColor | None:
        return OVERDUE_COLOR if column == 2 and not row.answered else None


class ScheduleModel(RowTableModel):
    columns = (
        Column("Day", lambda p: f"Day {p.day}", key=lambda p: p.day),
        Column("Date", lambda p: short_date(p.due_on), key=lambda p: p.due_on),
        Column("State", lambda p: p.state.label),
    )

    def row_id(self, row: Point) -> str:
        return str(row.day)

    def foreground(self, row: Point, column: int) -> QColor | None:
        if row.state == PointState.OVERDUE:
            return OVERDUE_COLOR
        if row.state in (PointState.DONE, PointState.NOT_NEEDED):
            return MUTED_COLOR
        return None

    def bold(self, row: Point, column: int) -> bool:
        return row.state in (PointState.OVERDUE, PointState.DUE) and column == 2


class OpeningsModel(RowTableModel):
    columns = (
        Column("Received", lambda o: short_date(o.received_on), key=lambda o: o.received_on),
        Column("From", lambda o: o.partner),
        Column("Recruitment by", lambda o: o.managed_by),
        Column("Employer", lambda o: o.employer),
        Column("Position", lambda o: o.position_title),
        Column("Closes", lambda o: short_date(o.closes_on), key=lambda o: o.closes_on),
        Column("Status", lambda o: o.status_label),
        Column("Resumes sent", lambda o: str(o.sent), key=lambda o: o.sent, align_right=True),
        Column("Hired", lambda o: str(o.hired), key=lambda o: o.hired, align_right=True),
    )

    def foreground(self, row: OpeningRow, column: int) -> QColor | None:
        return MUTED_COLOR if row.status != "open" else None


class OverdueCheckInsModel(RowTableModel):
    columns = (
        Column("Due", lambda o: short_date(o.due_on), key=lambda o: o.due_on),
        Column("Late", lambda o: f"{o.days_late} days", key=lambda o: o.days_late),
        Column("Employer", lambda o: o.employer),
        Column("Participant", lambda o: o.participant),
        Column("Check-in", lambda o: f"Day {o.day}", key=lambda o: o.day),
    )

    def row_id(self, row: OverdueCheckIn) -> str:
        return row.placement_id

    def employer_at(self, row: int) -> str:
        return self.row_at(row).employer_id

    def foreground(self, row: OverdueCheckIn, column: int) -> QColor | None:
        return OVERDUE_COLOR if column < 2 else None


class SilentEmployersModel(RowTableModel):
    columns = (
        Column("Employer", lambda s: s.employer),
        Column("Unanswered", lambda s: f"{s.unanswered} in a row", key=lambda s: s.unanswered),
        Column("Last tried", lambda s: short_date(s.last_tried_on), key=lambda s: s.last_tried_on),
        Column("Working there", lambda s: str(s.people), key=lambda s: s.people, align_right=True),
    )

    def row_id(self, row: SilentEmployer) -> str:
        return row.employer_id

    def employer_at(self, row: int) -> str:
        return self.row_at(row).employer_id


class PartnersModel(RowTableModel):
    columns = (
        Column("Organization", lambda p: p.name),
        Column("Kind", lambda p: _partner_kind(p.kind)),
        Column("Phone", lambda p: p.phone),
        Column("Email", lambda p: p.email),
    )


def _partner_kind(value: str) -> str:
    try:
        return PartnerKind(value).label
    except ValueError:
        return value


class AtRiskModel(RowTableModel):
    columns = (
        Column("Participant", lambda r: r.participant),
        Column("Employer", lambda r: r.employer),
        Column("Why", lambda r: "; ".join(r.reasons), key=lambda r: len(r.reasons)),
        Column("Tell", lambda r: r.tell),
        Column(
            "Last check-in",
            lambda r: short_date(r.last_checked_on),
            key=lambda r: r.last_checked_on,
        ),
    )

    def row_id(self, row: AtRisk) -> str:
        return row.placement_id

    def employer_at(self, row: int) -> str:
        return self.row_at(row).employer_id

    def foreground(self, row: AtRisk, column: int) -> QColor | None:
        return OVERDUE_COLOR if column == 2 else None
