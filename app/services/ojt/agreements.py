"""OJT agreements: made from a placement in one step, filled from the employer record and its RFI
answers; edited through field cleaners; signed, started, completed or ended early with dates.

The money terms (rate, wage, training hours, maximum) can change only while the
agreement is a draft: a signed agreement keeps what was signed, whatever later
happens to the scale or the employer record.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlmodel import select

from app.core import validation as v
from app.core.models import (
    AgreementStatus,
    Employer,
    OjtAgreement,
    Participant,
    Placement,
    SeparationReason,
    Staff,
    TrainingPlanSkill,
)
from app.core.ojt import (
    OjtPolicy,
    check_transition,
    split_skills,
    spread_hours,
    weeks_in,
)
from app.core.ojt_money import max_reimbursement_cents, scale_rate
from app.core.ojt_policy import clean_onet_code
from app.core.reimbursement import OjtScale
from app.core.trainer import split_trainer
from app.services.ojt import policy as ojt_policy
from app.services.ojt.plan import (
    add_skill,
    delete_skill,
    skills,
    update_skill,
)
from app.services.records import (
    NotFound,
    clean,
    live,
    set_field,
    soft_delete,
    touch,
    whole_number,
)
from app.store.engine import Store

#: Fields whose change needs the maximum computed again (and that a signed agreement keeps).
MONEY_FIELDS = frozenset(
    {"rate_percent", "wage_cents", "training_hours", "employees_at_site", "rate_reason"}
)
#: What a signed agreement keeps as signed: the money terms and the start date (pay periods
#: and weeks count from it). The end date may still move (an extension).
SIGNED_TERMS = MONEY_FIELDS | {"start_date"}
REASONS = {r.value: r.label for r in SeparationReason}


def _text(field: str) -> Callable[[Any], str]:
    return lambda value: str(value or "").strip()


def _wage(value: Any) -> int:
    cents = v.clean_wage_cents(value, "wage_cents")
    if cents is None:
        raise v.FieldError("wage_cents", "Enter the hourly wage, like 18.50.")
    return cents


def _period_kind(value: Any) -> str:
    kinds = ojt_policy.policy().period_days
    return v.clean_choice(str(value), {k: k for k in kinds}, "period_kind", "The pay period")


CLEANERS: dict[str, Callable[[Any], Any]] = {
    **{
        name: _text(name)
        for name in (
            "employer_legal_name",
            "worksite_street",
            "worksite_city",
            "worksite_state",
            "signer_name",
            "signer_title",
            "supervisor_name",
            "supervisor_title",
            "position_title",
            "onet_title",
            "rate_reason",
            "classroom_provider",
            "notes",
        )
    },
    "employer_fein": lambda x: v.clean_fein(str(x or ""), "employer_fein"),
    "worksite_zip": lambda x: v.clean_zip(str(x or ""), "worksite_zip"),
    "employer_phone": lambda x: v.clean_phone(str(x or ""), "employer_phone"),
    "onet_code": lambda x: clean_onet_code(str(x or "")),
    "program_code": _text("program_code"),
    "start_date": lambda x: v.clean_date(x, "start_date", "The start date"),
    "end_date": lambda x: v.clean_date(x, "end_date", "The end date"),
    "hours_per_week": lambda x: v.clean_hours(x, "hours_per_week"),
    "training_hours": whole_number("training_hours", 1, 4000),
    "wage_cents": _wage,
    "employees_at_site": lambda x: v.clean_count(x, "employees_at_site"),
    "rate_percent": whole_number("rate_percent", 0, 100),
    "period_kind": _period_kind,
    "staff_id": lambda x: x or None,
}


def get(store: Store, agreement_id: str) -> OjtAgreement:
    """The agreement, or NotFound."""
    with store.session() as session:
        return live(session, OjtAgreement, agreement_id, "OJT agreement")


# Creating -------------------------------------------------------------------------


def create_from_placement(
    store: Store,
    placement_id: str,
    program_code: str | None = None,
    today: date | None = None,
    scale: OjtScale | None = None,
    rules: OjtPolicy | None = None,
) -> OjtAgreement:
    """A draft agreement for a placed participant, every field filled from what is on file:
    the employer record and RFI answers (legal name, FEIN, worksite, signer, trainer, employees
    at the worksite, training length and skills), the placement (position, wage, hours, start)
    and the scale and policy of today."""
    from app.services.rfi.rfi import known_values

    scale = scale or ojt_policy.scale()
    rules = rules or ojt_policy.policy()
    with store.session() as session:
        placement = live(session, Placement, placement_id, "placement")
        employer = live(session, Employer, placement.employer_id, "employer")
        person = live(session, Participant, placement.participant_id, "participant")
    known = known_values(store, employer.id)
    values = _prefill(employer, person, placement, known, rules, program_code)
    with store.session() as session:
        bsr = session.get(Staff, values["staff_id"]) if values["staff_id"] else None
    # The job center: the BSR's, else the employer's.
    values["office_id"] = (bsr.office_id if bsr else None) or employer.office_id
    employees = values["employees_at_site"]
    rate = scale_rate(scale, employees) or 0
    values.update(
        scale_rate_percent=rate,
        rate_percent=rate,
        per_trainee_cap_cents=scale.per_trainee_cap_cents,
        regular_hours_per_week=scale.regular_hours_per_week,
    )
    values["max_reimbursement_cents"] = max_reimbursement_cents(
        rate, values["wage_cents"], values["training_hours"], scale.per_trainee_cap_cents
    )
    skills = split_skills(str(known.get("training_skills", "")))
    with store.transaction() as session:
        agreement = OjtAgreement(**values)
        session.add(agreement)
        # The retention rule for OJT (20 CFR 680.700) counts placements marked OJT.
        job = session.get(Placement, placement_id)
        if job is not None and not job.ojt:
            job.ojt = True
            touch(session, job)
        low, high = rules.levels[0], rules.levels[-1]
        for n, (skill, hours) in enumerate(
            zip(skills, spread_hours(values["training_hours"], len(skills)), strict=True)
        ):
            session.add(
                TrainingPlanSkill(
                    agreement_id=agreement.id,
                    position=n,
                    skill=skill,
                    start_level=low,
                    target_level=high,
                    hours=hours,
                )
            )
    return agreement


def _prefill(
    employer: Employer,
    person: Participant,
    placement: Placement,
    known: dict[str, Any],
    rules: OjtPolicy,
    program_code: str | None,
) -> dict[str, Any]:
    hours = placement.hours_per_week or 40.0
    weeks = weeks_in(str(known.get("training_length", ""))) or rules.default_training_weeks
    start = placement.hire_date
    if program_code is None:
        program_code = next((p for p in person.program_codes if p in rules.funding_programs), "")
    employees = known.get("employees_at_site")
    trainer = split_trainer(str(known.get("trainer") or ""))
    return {
        "employer_id": employer.id,
        "participant_id": person.id,
        "placement_id": placement.id,
        "staff_id": placement.staff_id or person.staff_id or employer.owner_id,
        "program_code": program_code,
        "employer_legal_name": str(known.get("legal_name") or employer.legal_name),
        "employer_fein": str(known.get("fein") or ""),
        "worksite_street": str(known.get("worksite_street") or employer.street),
        "worksite_city": str(known.get("worksite_city") or employer.city),
        "worksite_state": employer.state,
        "worksite_zip": str(known.get("worksite_zip") or employer.zip_code),
        "employer_phone": str(known.get("main_contact_phone") or employer.main_phone),
        "signer_name": str(known.get("main_contact_name") or ""),
        "signer_title": str(known.get("main_contact_title") or ""),
        "supervisor_name": trainer.name,
        "supervisor_title": trainer.title,
        "position_title": placement.position_title,
        "onet_code": "",
        "onet_title": "",
        "start_date": start,
        "end_date": start + timedelta(days=7 * weeks - 1),
        "hours_per_week": hours,
        "training_hours": round(hours * weeks),
        "wage_cents": placement.wage_cents or 0,
        "employees_at_site": int(employees) if employees is not None else None,
    }


# Editing --------------------------------------------------------------------------


def update_field(
    store: Store, agreement_id: str, field: str, value: Any, scale: OjtScale | None = None
) -> Any:
    """Save one edited field (cleaned); the maximum follows the money terms while a draft."""
    cleaned = clean(CLEANERS, field, value)
    with store.transaction() as session:
        agreement = live(session, OjtAgreement, agreement_id, "OJT agreement")
        if field in SIGNED_TERMS and agreement.status != AgreementStatus.DRAFT:
            raise v.FieldError(
                field,
                "The money terms and start date of a signed agreement are kept as signed; "
                "set it back to draft to change them.",
            )
        if field == "onet_code" and cleaned and not agreement.onet_title:
            agreement.onet_title = ojt_policy.occupation_title(cleaned)
        if (
            field == "rate_percent"
            and cleaned != agreement.scale_rate_percent
            and not agreement.rate_reason
        ):
            raise v.FieldError(
                "rate_percent",
                f"The scale gives {agreement.scale_rate_percent}%: "
                "enter the reason for a different rate first.",
            )
        set_field(session, agreement, field, cleaned)
        if field in MONEY_FIELDS:
            _recompute(agreement, scale or ojt_policy.scale())
            touch(session, agreement)
    return cleaned


def set_rate(store: Store, agreement_id: str, rate_percent: Any, reason: str) -> None:
    """A rate other than the scale's, with its recorded reason, in one step."""
    update_field(store, agreement_id, "rate_reason", reason)
    update_field(store, agreement_id, "rate_percent", rate_percent)


def _recompute(agreement: OjtAgreement, scale: OjtScale) -> None:
    rate = scale_rate(scale, agreement.employees_at_site) or 0
    agreement.scale_rate_percent = rate
    if not agreement.rate_reason:
        agreement.rate_percent = rate
    agreement.max_reimbursement_cents = max_reimbursement_cents(
        agreement.rate_percent,
        agreement.wage_cents,
        agreement.training_hours,
        agreement.per_trainee_cap_cents,
    )


def set_status(store: Store, agreement_id: str, status: str, on: date | str | None = None) -> None:
    """Sign, start, complete (or set a signed agreement back to draft), with the date."""
    when = v.clean_date(on, "on", "The date") if on is not None else date.today()
    if status == AgreementStatus.ENDED_EARLY:
        raise v.FieldError("status", "Use the separation to end an agreement early.")
    with store.transaction() as session:
        agreement = live(session, OjtAgreement, agreement_id, "OJT agreement")
        try:
            check_transition(agreement.status, status)
        except ValueError as exc:
            raise v.FieldError("status", str(exc)) from None
        agreement.status = status
        if status == AgreementStatus.DRAFT:
            agreement.signed_on = None
        elif status == AgreementStatus.SIGNED:
            agreement.signed_on = when
        elif status == AgreementStatus.ACTIVE:
            agreement.activated_on = when
        elif status == AgreementStatus.COMPLETED:
            agreement.completed_on = when
        touch(session, agreement)


def separate(
    store: Store,
    agreement_id: str,
    on: date | str,
    reason: str,
    details: str = "",
    today: date | None = None,
) -> OjtAgreement:
    """The trainee left before the end: the agreement ends early on that date (no hours after
    it are reimbursed) and the placement records the separation when it has none yet."""
    when = v.clean_date(on, "ended_on", "The separation date")
    if when is None:
        raise v.FieldError("ended_on", "Enter the separation date.")
    if when > (today or date.today()):
        raise v.FieldError("ended_on", "Record a separation once it has happened.")
    reason = v.clean_choice(reason, REASONS, "ended_reason", "The reason")
    with store.transaction() as session:
        agreement = live(session, OjtAgreement, agreement_id, "OJT agreement")
        try:
            check_transition(agreement.status, AgreementStatus.ENDED_EARLY)
        except ValueError as exc:
            raise v.FieldError("status", str(exc)) from None
        if agreement.start_date and when < agreement.start_date:
            raise v.FieldError("ended_on", "The separation cannot be before the start date.")
        agreement.status = AgreementStatus.ENDED_EARLY.value
        agreement.ended_on = when
        agreement.ended_reason = REASONS[reason] + (
            f": {details.strip()}" if details.strip() else ""
        )
        touch(session, agreement)
        placement = (
            session.get(Placement, agreement.placement_id) if agreement.placement_id else None
        )
        if (
            placement is not None
            and placement.deleted_at is None
            and placement.separation_date is None
        ):
            placement.separation_date = when
            placement.separation_reason = reason
            touch(session, placement)
    return agreement


def delete_draft(store: Store, agreement_id: str) -> None:
    """A draft made by mistake goes away (soft delete); a signed agreement is kept."""
    with store.transaction() as session:
        agreement = live(session, OjtAgreement, agreement_id, "OJT agreement")
        if agreement.status != AgreementStatus.DRAFT:
            raise v.FieldError("status", "Only a draft agreement can be deleted.")
        soft_delete(session, agreement)


# Listing --------------------------------------------------------------------------


@dataclass(frozen=True)
class AgreementFilter:
    employer_id: str | None = None
    staff_id: str | None = None
    status: str | None = None
    participant_id: str | None = None


def agreements(store: Store, where: AgreementFilter = AgreementFilter()) -> list[OjtAgreement]:
    """Live agreements matching the filter, newest start first."""
    with store.session() as session:
        query = select(OjtAgreement).where(OjtAgreement.deleted_at.is_(None))  # type: ignore[union-attr]
        for name in ("employer_id", "staff_id", "status", "participant_id"):
            value = getattr(where, name)
            if value:
                query = query.where(getattr(OjtAgreement, name) == value)
        rows = session.exec(query.order_by(OjtAgreement.start_date.desc(), OjtAgreement.id))  # type: ignore[union-attr]
        return list(rows)


def staff_name(store: Store, staff_id: str | None) -> str:
    if not staff_id:
        return ""
    with store.session() as session:
        person = session.get(Staff, staff_id)
        return person.name if person else ""


__all__ = [
    "AgreementFilter",
    "NotFound",
    "add_skill",
    "agreements",
    "create_from_placement",
    "delete_draft",
    "delete_skill",
    "get",
    "separate",
    "set_rate",
    "set_status",
    "skills",
    "update_field",
    "update_skill",
]
