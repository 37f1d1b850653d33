"""The preconditions of an OJT agreement, each with its reason: the employer's OJT eligibility
(and the retention rule), the trainee's program and work authorization, signing before the
start, no earlier job there, the rate, the plan total and what was asked for so far.

They are shown to the BSR, not enforced: a BSR may have a reason the records do not hold.
"""

from __future__ import annotations

from datetime import date

from sqlmodel import Session, select

from app.core.models import OjtAgreement, Participant, Placement
from app.core.ojt import (
    AgreementFacts,
    Check,
    CheckLevel,
    agreement_checks,
    invoices_check,
    plan_total,
)
from app.services.ojt import policy as ojt_policy
from app.services.ojt.invoices import live_invoices
from app.services.ojt.plan import skills_in
from app.services.records import live
from app.store.engine import Store


def checks(store: Store, agreement_id: str, today: date | None = None) -> list[Check]:
    """Every precondition with its reason, the rate and the plan total: shown, not enforced."""
    from app.services.people.retention import employer_fit
    from app.services.rfi import eligibility
    from app.services.rfi.rfi import digest, known_values

    today = today or date.today()
    rules = ojt_policy.policy()
    with store.session() as session:
        agreement = live(session, OjtAgreement, agreement_id, "OJT agreement")
        person = session.get(Participant, agreement.participant_id)
        earlier = _earlier_jobs(session, agreement)
        plan_skills = skills_in(session, agreement_id)
        asked = sum(i.amount_cents for i in live_invoices(session, agreement_id))
    decision = eligibility.latest_decisions(store, agreement.employer_id).get(
        rules.funding_programs.get(agreement.program_code, "")
    )
    current = decision is not None and decision.answers_digest == digest(
        known_values(store, agreement.employer_id)
    )
    try:
        fit = employer_fit(store, agreement.employer_id, today)
        pattern, reasons = fit.ojt_pattern, fit.reasons if fit.ojt_pattern else ()
    except Exception:  # noqa: BLE001 - retention rules unreadable: shown as unknown
        pattern, reasons = None, ()
    facts = AgreementFacts(
        program_code=agreement.program_code,
        participant_programs=tuple(person.program_codes if person else ()),
        work_authorization_confirmed=bool(person and person.work_authorization_confirmed),
        ojt_decision=decision.result if decision else None,
        decision_current=current,
        retention_pattern=pattern,
        retention_reasons=tuple(reasons),
        signed_on=agreement.signed_on,
        start_date=agreement.start_date,
        earlier_jobs=earlier,
        today=today,
    )
    result = agreement_checks(facts, rules)
    result.append(_rate_check(agreement))
    plan = plan_total([(s.hours, s.classroom) for s in plan_skills], agreement.training_hours)
    result.append(
        Check("plan_total", CheckLevel.OK if plan.matches else CheckLevel.WARN, plan.text)
    )
    result.append(invoices_check(asked, agreement.max_reimbursement_cents))
    return result


def _rate_check(agreement: OjtAgreement) -> Check:
    if agreement.employees_at_site is None:
        return Check(
            "rate",
            CheckLevel.PROBLEM,
            "Employees at the worksite are not known (RFI question 6): the rate cannot be set.",
        )
    if agreement.rate_percent != agreement.scale_rate_percent:
        return Check(
            "rate",
            CheckLevel.WARN,
            f"Rate {agreement.rate_percent}% instead of the scale's {agreement.scale_rate_percent}%: "
            f"{agreement.rate_reason}",
        )
    return Check(
        "rate",
        CheckLevel.OK,
        f"Rate {agreement.rate_percent}% from the scale ({agreement.employees_at_site} employees at the worksite).",
    )


def _earlier_jobs(session: Session, agreement: OjtAgreement) -> tuple[date, ...]:
    """Hire dates of the trainee's other jobs with this employer that began before this one."""
    rows = session.exec(
        select(Placement).where(
            Placement.participant_id == agreement.participant_id,
            Placement.employer_id == agreement.employer_id,
            Placement.deleted_at.is_(None),  # type: ignore[union-attr]
        )
    )
    start = agreement.start_date or date.max
    return tuple(
        p.hire_date for p in rows if p.id != agreement.placement_id and p.hire_date < start
    )
