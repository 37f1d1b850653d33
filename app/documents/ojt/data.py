"""What an OJT reimbursement packet prints, already in the words and numbers to print.

Plain frozen values, no record ids: the packet builder never touches the store,
and a value that is `None` is printed as a visibly marked blank ("missing") so
the employer can fill it in by hand and the BSR sees what to complete first.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from app.documents.paper import Letterhead


@dataclass(frozen=True)
class EmployerPart:
    """The employer as the agreement names it (from the employer record and its RFI)."""

    legal_name: str | None
    fein: str | None = None
    worksite_address: str | None = None
    phone: str | None = None
    signer_name: str | None = None
    signer_title: str | None = None
    #: A person's name only ("" or None: printed by hand); never a bare job title.
    supervisor_name: str | None = None
    supervisor_title: str | None = None
    employees_at_site: int | None = None

    @property
    def supervisor_text(self) -> str:
        """The supervisor as the documents name them: "Name, Title", or the title alone."""
        return ", ".join(p for p in (self.supervisor_name, self.supervisor_title) if p)


@dataclass(frozen=True)
class TraineePart:
    name: str | None
    program: str | None = None  # public program name only
    phone: str | None = None


@dataclass(frozen=True)
class AgreementPart:
    position_title: str | None
    onet_code: str | None = None
    onet_title: str | None = None
    start_date: date | None = None
    end_date: date | None = None
    hours_per_week: float | None = None
    training_hours: float | None = None
    wage_cents: int | None = None
    rate_percent: int | None = None
    rate_reason: str = ""  # why the rate differs from the sliding scale, if it does
    max_reimbursement_cents: int | None = None
    per_trainee_cap_cents: int | None = None
    regular_hours_per_week: int = 40
    status: str = ""
    signed_on: date | None = None
    rule_source: str = ""


@dataclass(frozen=True)
class PlanSkill:
    skill: str | None
    start_level: str | None = None
    target_level: str | None = None
    hours: float | None = None
    classroom: bool = False  # taught in a classroom rather than on the job


@dataclass(frozen=True)
class PlanPart:
    skills: tuple[PlanSkill, ...] = ()
    trainer: str | None = None
    classroom_provider: str = ""


@dataclass(frozen=True)
class InvoicePart:
    """The reimbursement request for one period, worked out by the OJT rules."""

    number: int  # the n-th request on this agreement, not a record id
    period_start: date
    period_end: date
    days: tuple[tuple[date, float], ...] = ()  # hours worked each day
    regular_hours: float = 0.0
    overtime_hours: float = 0.0
    wages_paid_cents: int | None = None
    reimbursable_cents: int = 0
    previously_reimbursed_cents: int = 0
    status: str = ""
    requested_on: date | None = None


@dataclass(frozen=True)
class ProgressRating:
    skill: str
    target_level: str | None = None
    rating: str | None = None
    comment: str = ""


@dataclass(frozen=True)
class WotcPart:
    """An employer-side worksheet of the tax credit filing; not a government form."""

    prescreen_date: date | None
    offer_date: date | None = None
    start_date: date | None = None
    starting_wage_cents: int | None = None
    filing_deadline: date | None = None
    status: str = ""
    filing_days: int = 28


@dataclass(frozen=True)
class PacketData:
    letterhead: Letterhead
    employer: EmployerPart
    trainee: TraineePart
    agreement: AgreementPart
    plan: PlanPart = field(default_factory=PlanPart)
    invoice: InvoicePart | None = None
    next_period: tuple[date, date] | None = None
    progress: tuple[ProgressRating, ...] = ()
    wotc: WotcPart | None = None
    rating_scale: tuple[str, ...] = ("Not started", "Beginning", "Progressing", "Meets target")
    prepared_by: str = ""
    prepared_by_contact: str = ""
    prepared_on: date | None = None
