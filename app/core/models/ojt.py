"""On-the-job training: agreements, their training plans, timesheets, invoices, and WOTC filings.

An agreement copies what it was made from (employer facts, RFI answers, the
reimbursement scale and policy numbers) so a later edit or policy change never
rewrites a signed agreement. Timesheets are insert-only history; an invoice is
history once approved (a correction is a new invoice pointing at the one it
corrects). Hours are whole minutes and money whole cents: no float reaches a sum.
"""

from datetime import date
from enum import StrEnum

from sqlmodel import Field

from app.core.models.base import Record


class AgreementStatus(StrEnum):
    DRAFT = "draft"
    SIGNED = "signed"
    ACTIVE = "active"
    COMPLETED = "completed"
    ENDED_EARLY = "ended_early"

    @property
    def label(self) -> str:
        return {
            "draft": "Draft",
            "signed": "Signed",
            "active": "Active",
            "completed": "Completed",
            "ended_early": "Ended early",
        }[self.value]


class InvoiceStatus(StrEnum):
    REQUESTED = "requested"
    APPROVED = "approved"
    PAID = "paid"

    @property
    def label(self) -> str:
        return {"requested": "Requested", "approved": "Approved", "paid": "Paid"}[self.value]


class WotcStatus(StrEnum):
    SCREENED = "screened"
    FILED = "filed"
    CERTIFIED = "certified"
    DENIED = "denied"

    @property
    def label(self) -> str:
        return {
            "screened": "Screened",
            "filed": "Filed",
            "certified": "Certified",
            "denied": "Denied",
        }[self.value]


class OjtAgreement(Record, table=True):
    """One trainee's OJT contract with one employer, with everything copied at creation."""

    __tablename__ = "ojt_agreement"

    employer_id: str = Field(index=True)
    participant_id: str = Field(index=True)
    placement_id: str | None = Field(default=None, index=True)
    staff_id: str | None = Field(default=None, index=True)
    office_id: str | None = Field(default=None, index=True)
    #: The participant's funding program (agency program code, like "wioa-adult").
    program_code: str = Field(default="", index=True)
    # Employer facts as they were when the agreement was made.
    employer_legal_name: str = ""
    employer_fein: str = ""
    worksite_street: str = ""
    worksite_city: str = ""
    worksite_state: str = ""
    worksite_zip: str = ""
    employer_phone: str = ""
    signer_name: str = ""
    signer_title: str = ""
    supervisor_name: str = ""
    supervisor_title: str = ""
    # The job.
    position_title: str = ""
    onet_code: str = ""
    onet_title: str = ""
    start_date: date | None = Field(default=None, index=True)
    end_date: date | None = None
    hours_per_week: float | None = None
    training_hours: int = 0
    wage_cents: int = 0
    #: How the employer pays and invoices: a period kind from forms/ojt.toml (weekly, biweekly).
    period_kind: str = "biweekly"
    # Money rules, copied from the scale and the policy at creation.
    employees_at_site: int | None = None
    scale_rate_percent: int = 0
    rate_percent: int = 0
    rate_reason: str = ""
    per_trainee_cap_cents: int = 0
    regular_hours_per_week: int = 40
    max_reimbursement_cents: int = 0
    # Training plan: who teaches the classroom part, if any (the skills, with their hours and
    # whether taught in a classroom, are TrainingPlanSkill rows).
    classroom_provider: str = ""
    # Life cycle.
    status: str = Field(default=AgreementStatus.DRAFT.value, index=True)
    signed_on: date | None = None
    activated_on: date | None = None
    completed_on: date | None = None
    ended_on: date | None = Field(default=None, index=True)
    ended_reason: str = ""
    notes: str = ""


class TrainingPlanSkill(Record, table=True):
    """One skill of a training plan: where the trainee starts, where they should get, how long."""

    __tablename__ = "ojt_plan_skill"

    agreement_id: str = Field(index=True)
    position: int = 0
    skill: str = ""
    start_level: str = ""
    target_level: str = ""
    hours: int = 0
    #: Taught in a classroom rather than on the job.
    classroom: bool = False


class Timesheet(Record, table=True):
    """Hours worked in one pay period, day by day, and the wage paid. Insert-only: a correction
    is a new timesheet for the same period with `replaces_id` set."""

    __tablename__ = "ojt_timesheet"
    insert_only = True

    agreement_id: str = Field(index=True)
    period_start: date = Field(index=True)
    period_end: date
    period_kind: str = "weekly"
    #: Minutes worked on each day from period_start to period_end, as a JSON list of integers.
    minutes_json: str = "[]"
    #: The hourly wage actually paid, in cents.
    wage_paid_cents: int = 0
    replaces_id: str | None = Field(default=None, index=True)
    entered_by: str | None = None
    notes: str = ""


class Invoice(Record, table=True):
    """A reimbursement request for one period. Figures are frozen once approved; a correction is
    a new invoice with `corrects_id`. `amount_cents` is what this invoice asks for (negative
    for a correction downward); see app.core.ojt_money for the one rounding rule."""

    __tablename__ = "ojt_invoice"

    agreement_id: str = Field(index=True)
    period_start: date = Field(index=True)
    period_end: date
    #: The timesheets it bills, comma separated.
    timesheet_ids: str = ""
    regular_minutes: int = 0
    overtime_minutes: int = 0
    left_out_minutes: int = 0
    wage_cents: int = 0
    rate_percent: int = 0
    #: The exact reimbursable amount of the period in 1/6000 of a cent (minutes x cents x %).
    exact_units: int = 0
    amount_cents: int = 0
    #: Cumulative reimbursable amount of the agreement after this invoice, capped.
    cumulative_cents: int = 0
    #: Progress per training-plan skill: JSON object {skill_id: rating}.
    ratings_json: str = "{}"
    status: str = Field(default=InvoiceStatus.REQUESTED.value, index=True)
    requested_on: date | None = Field(default=None, index=True)
    approved_on: date | None = Field(default=None, index=True)
    paid_on: date | None = Field(default=None, index=True)
    paid_cents: int | None = None
    corrects_id: str | None = Field(default=None, index=True)
    correction_reason: str = ""
    notes: str = ""


class WotcRecord(Record, table=True):
    """The Work Opportunity Tax Credit filing for one hire: screened, filed within 28 days of the
    start date, then certified or denied by the state."""

    __tablename__ = "wotc_record"

    employer_id: str = Field(index=True)
    participant_id: str = Field(index=True)
    placement_id: str | None = Field(default=None, index=True)
    agreement_id: str | None = Field(default=None, index=True)
    staff_id: str | None = Field(default=None, index=True)
    position_title: str = ""
    starting_wage_cents: int | None = None
    prescreened_on: date | None = None
    offer_on: date | None = None
    start_on: date | None = Field(default=None, index=True)
    status: str = Field(default=WotcStatus.SCREENED.value, index=True)
    filed_on: date | None = None
    decided_on: date | None = None
    notes: str = ""
