"""OJT rules that are not money: preconditions, the training plan, status changes, pay periods and
WOTC deadlines. Pure: data in, answers out; `today` is passed. The policy numbers and the
occupations list are built in app.core.ojt_policy.

Preconditions are *shown*, never silently enforced: each is a `Check` with its
reason, and the BSR decides (a draft agreement can be saved with any of them open).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from app.core.models.ojt import AgreementStatus, WotcStatus
from app.core.ojt_money import dollars
from app.core.ojt_policy import OjtPolicy

# Preconditions --------------------------------------------------------------------


class CheckLevel(StrEnum):
    OK = "ok"
    WARN = "warn"
    PROBLEM = "problem"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class Check:
    """One precondition of an agreement, with the reason shown to the BSR."""

    key: str
    level: CheckLevel
    text: str

    @property
    def ok(self) -> bool:
        return self.level == CheckLevel.OK


@dataclass(frozen=True)
class AgreementFacts:
    """What the preconditions look at, gathered by the service from the store."""

    program_code: str
    participant_programs: tuple[str, ...]
    work_authorization_confirmed: bool
    #: The standing confirmed decision for the OJT eligibility program: "eligible",
    #: "not_eligible", "needs_information", or None when never confirmed.
    ojt_decision: str | None
    decision_current: bool
    #: The retention rule (20 CFR 680.700) on today's placements: True when failing,
    #: None when not known.
    retention_pattern: bool | None
    retention_reasons: tuple[str, ...]
    signed_on: date | None
    start_date: date | None
    #: Earlier jobs of the trainee with this employer (hire dates), other than this placement.
    earlier_jobs: tuple[date, ...]
    today: date


def agreement_checks(facts: AgreementFacts, policy: OjtPolicy) -> list[Check]:
    """Every precondition with its outcome and reason, in the order a BSR reads them."""
    return [
        _eligibility_check(facts, policy),
        _retention_check(facts),
        _authorization_check(facts),
        _program_check(facts, policy),
        _signed_check(facts),
        _employed_check(facts),
    ]


def _eligibility_check(facts: AgreementFacts, policy: OjtPolicy) -> Check:
    program = policy.funding_programs.get(facts.program_code, "")
    key = "employer_eligible"
    if facts.ojt_decision is None:
        return Check(
            key,
            CheckLevel.PROBLEM,
            "The employer's OJT eligibility has not been confirmed yet (RFI & eligibility tab).",
        )
    if facts.ojt_decision != "eligible":
        return Check(
            key,
            CheckLevel.PROBLEM,
            f"The confirmed OJT eligibility decision{f' ({program})' if program else ''} "
            f"is '{facts.ojt_decision.replace('_', ' ')}'.",
        )
    if not facts.decision_current:
        return Check(
            key,
            CheckLevel.WARN,
            "The employer was confirmed eligible, but its RFI answers changed since: confirm again.",
        )
    return Check(key, CheckLevel.OK, "The employer is confirmed eligible for OJT.")


def _retention_check(facts: AgreementFacts) -> Check:
    key = "retention"
    if facts.retention_pattern is None:
        return Check(key, CheckLevel.UNKNOWN, "Retention of earlier trainees is not known.")
    if facts.retention_pattern:
        reasons = " ".join(facts.retention_reasons)
        return Check(
            key,
            CheckLevel.PROBLEM,
            "A pattern of not keeping earlier OJT trainees bars a new agreement (20 CFR 680.700)."
            + (f" {reasons}" if reasons else ""),
        )
    return Check(key, CheckLevel.OK, "No pattern of letting earlier OJT trainees go.")


def _authorization_check(facts: AgreementFacts) -> Check:
    if facts.work_authorization_confirmed:
        return Check("work_authorization", CheckLevel.OK, "Work authorization is confirmed.")
    return Check(
        "work_authorization",
        CheckLevel.PROBLEM,
        "The trainee's work authorization is not confirmed (Participants page).",
    )


def _program_check(facts: AgreementFacts, policy: OjtPolicy) -> Check:
    key = "program"
    funding = ", ".join(sorted(policy.funding_programs))
    if not facts.program_code:
        return Check(
            key, CheckLevel.PROBLEM, f"Choose the program that funds the training ({funding})."
        )
    if facts.program_code not in policy.funding_programs:
        return Check(
            key,
            CheckLevel.PROBLEM,
            f"Program {facts.program_code} does not fund OJT ({funding} do).",
        )
    if facts.program_code not in facts.participant_programs:
        return Check(
            key,
            CheckLevel.PROBLEM,
            f"The trainee is not enrolled in {facts.program_code} (Participants page).",
        )
    return Check(key, CheckLevel.OK, f"The trainee is enrolled in {facts.program_code}.")


def _signed_check(facts: AgreementFacts) -> Check:
    key = "signed_before_start"
    if facts.start_date is None:
        return Check(key, CheckLevel.UNKNOWN, "No start date yet.")
    if facts.signed_on is None:
        if facts.today >= facts.start_date:
            return Check(
                key,
                CheckLevel.WARN,
                f"Training started on {facts.start_date:%m/%d/%Y} and the agreement is not signed.",
            )
        return Check(
            key,
            CheckLevel.WARN,
            f"Not signed yet: it must be signed before the start date, {facts.start_date:%m/%d/%Y}.",
        )
    if facts.signed_on > facts.start_date:
        return Check(
            key,
            CheckLevel.WARN,
            f"Signed on {facts.signed_on:%m/%d/%Y}, after the start date "
            f"{facts.start_date:%m/%d/%Y}: hours before signing may not be reimbursed.",
        )
    return Check(
        key, CheckLevel.OK, f"Signed on {facts.signed_on:%m/%d/%Y}, before the start date."
    )


def _employed_check(facts: AgreementFacts) -> Check:
    if facts.earlier_jobs:
        first = min(facts.earlier_jobs)
        return Check(
            "not_already_employed",
            CheckLevel.PROBLEM,
            f"The trainee already worked for this employer (hired {first:%m/%d/%Y}): "
            "OJT is for new hires.",
        )
    return Check("not_already_employed", CheckLevel.OK, "The trainee is a new hire here.")


def invoices_check(asked_cents: int, max_cents: int) -> Check:
    """The invoices of an agreement against its maximum. Each device keeps its own invoices
    within it; two BSRs billing the same agreement offline at once can pass it, shown here."""
    if asked_cents > max_cents:
        return Check(
            "within_maximum",
            CheckLevel.PROBLEM,
            f"Invoices ask for {dollars(asked_cents)}, more than the maximum "
            f"{dollars(max_cents)}: correct the latest invoice.",
        )
    return Check(
        "within_maximum",
        CheckLevel.OK,
        f"Invoiced {dollars(asked_cents)} of the maximum {dollars(max_cents)}.",
    )


# Training plan --------------------------------------------------------------------


@dataclass(frozen=True)
class PlanTotal:
    total_hours: int
    classroom_hours: int
    training_hours: int

    @property
    def matches(self) -> bool:
        return self.total_hours == self.training_hours

    @property
    def text(self) -> str:
        if self.matches:
            return f"The plan's {self.total_hours} hours match the agreement's training hours."
        gap = self.training_hours - self.total_hours
        more = f"{gap} hours short of" if gap > 0 else f"{-gap} hours more than"
        return (
            f"The plan adds up to {self.total_hours} hours, {more} the agreement's "
            f"{self.training_hours} training hours."
        )


def plan_total(skill_hours: Sequence[tuple[int, bool]], training_hours: int) -> PlanTotal:
    """Sum of the skills' hours (and of those taught in a classroom) against the agreement."""
    total = sum(h for h, _ in skill_hours)
    classroom = sum(h for h, in_class in skill_hours if in_class)
    return PlanTotal(total, classroom, training_hours)


def split_skills(text: str) -> list[str]:
    """Skills as the employer wrote them on the RFI ("forklift, picking; safety") as a list."""
    parts = re.split(r"[,;\n]|\band\b", text or "")
    seen: list[str] = []
    for part in parts:
        skill = part.strip(" .-\t").strip()
        if skill and skill.casefold() not in {s.casefold() for s in seen}:
            seen.append(skill[0].upper() + skill[1:])
    return seen


def spread_hours(total: int, count: int) -> list[int]:
    """`total` hours over `count` skills in whole hours, the first ones taking the remainder."""
    if count <= 0:
        return []
    base, extra = divmod(max(0, total), count)
    return [base + (1 if i < extra else 0) for i in range(count)]


def weeks_in(text: str) -> int | None:
    """The number of weeks in an answer like "6 weeks", "2 months" or "80 hours" (None if unclear)."""
    found = re.search(r"(\d+)\s*(week|wk|month|day)", (text or "").lower())
    if not found:
        return None
    n, unit = int(found.group(1)), found.group(2)
    return {"week": n, "wk": n, "month": n * 4, "day": max(1, round(n / 5))}[unit]


# Status ---------------------------------------------------------------------------

TRANSITIONS: dict[str, frozenset[str]] = {
    AgreementStatus.DRAFT: frozenset({AgreementStatus.SIGNED}),
    AgreementStatus.SIGNED: frozenset(
        {AgreementStatus.DRAFT, AgreementStatus.ACTIVE, AgreementStatus.ENDED_EARLY}
    ),
    AgreementStatus.ACTIVE: frozenset({AgreementStatus.COMPLETED, AgreementStatus.ENDED_EARLY}),
    AgreementStatus.COMPLETED: frozenset(),
    AgreementStatus.ENDED_EARLY: frozenset(),
}


def check_transition(current: str, target: str) -> None:
    """Refuse a status change that skips or reverses a step, with the reason."""
    if target not in TRANSITIONS:
        raise ValueError(f"Unknown status {target!r}.")
    if target not in TRANSITIONS.get(current, frozenset()):
        allowed = ", ".join(AgreementStatus(s).label for s in sorted(TRANSITIONS.get(current, ())))
        raise ValueError(
            f"A {AgreementStatus(current).label.lower()} agreement cannot become "
            f"{AgreementStatus(target).label.lower()}"
            + (f" (it can become: {allowed})." if allowed else " (it is closed).")
        )


def billable_until(end_date: date | None, ended_on: date | None) -> date | None:
    """The last day hours can be reimbursed: the end date, or the separation if earlier."""
    days = [d for d in (end_date, ended_on) if d is not None]
    return min(days) if days else None


# Pay periods ----------------------------------------------------------------------


def check_period(start: date, kind: str, anchor: date, policy: OjtPolicy) -> date:
    """The last day of a pay period of `kind` starting on `start`; refuses a period that does
    not start on a week boundary of the agreement (weeks count from `anchor`)."""
    if kind not in policy.period_days:
        raise ValueError(f"A pay period is one of: {', '.join(policy.period_days)}.")
    if (start - anchor).days % 7:
        raise ValueError(
            f"Pay periods start on a {anchor:%A}, the weekday training started ({anchor:%m/%d/%Y})."
        )
    return start + timedelta(days=policy.period_days[kind] - 1)


def next_period_start(anchor: date, last_period_end: date | None) -> date:
    """Where the next pay period starts: the start date, or the day after the last one."""
    return anchor if last_period_end is None else last_period_end + timedelta(days=1)


# WOTC -----------------------------------------------------------------------------


class WotcDue(StrEnum):
    OVERDUE = "overdue"
    DUE_SOON = "due_soon"
    LATER = "later"
    DONE = "done"
    NO_START = "no_start"


def wotc_deadline(start_on: date | None, policy: OjtPolicy) -> date | None:
    """The last day the state must receive the filing: the start date plus the filing days."""
    return None if start_on is None else start_on + timedelta(days=policy.wotc_filing_days)


def wotc_due(status: str, start_on: date | None, today: date, policy: OjtPolicy) -> WotcDue:
    """Whether a filing is overdue, due within the warning days, due later, or done."""
    if status != WotcStatus.SCREENED:
        return WotcDue.DONE
    deadline = wotc_deadline(start_on, policy)
    if deadline is None:
        return WotcDue.NO_START
    if today > deadline:
        return WotcDue.OVERDUE
    if (deadline - today).days <= policy.wotc_warn_days:
        return WotcDue.DUE_SOON
    return WotcDue.LATER


def wotc_checks(
    prescreened_on: date | None, offer_on: date | None, start_on: date | None
) -> list[Check]:
    """The date rules of a WOTC filing: pre-screening on or before the job offer, the offer on or
    before the start."""
    checks = []
    if prescreened_on is None or offer_on is None:
        checks.append(
            Check(
                "prescreened_by_offer",
                CheckLevel.UNKNOWN,
                "Enter the pre-screening and job offer dates.",
            )
        )
    elif prescreened_on > offer_on:
        checks.append(
            Check(
                "prescreened_by_offer",
                CheckLevel.PROBLEM,
                f"Pre-screened on {prescreened_on:%m/%d/%Y}, after the job offer "
                f"({offer_on:%m/%d/%Y}): the pre-screening must come first.",
            )
        )
    else:
        checks.append(
            Check("prescreened_by_offer", CheckLevel.OK, "Pre-screened on or before the job offer.")
        )
    if offer_on and start_on and offer_on > start_on:
        checks.append(
            Check(
                "offer_by_start", CheckLevel.PROBLEM, "The job offer is dated after the start date."
            )
        )
    return checks
