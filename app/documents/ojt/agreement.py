"""The agreement and the training plan pages of the packet: who trains whom, in what, for how much."""

from __future__ import annotations

from reportlab.platypus import Flowable, ListFlowable, ListItem, Spacer

from app.documents.ojt.blocks import (
    BODY,
    H2,
    SMALL,
    TERM,
    TITLE,
    Blanks,
    day,
    field,
    fields,
    grid,
    hours,
    money,
    note,
    para,
    show,
    signatures,
    supervisor_party,
)
from app.documents.ojt.data import PacketData
from app.documents.paper import MISSING, esc

TERMS = (
    "The employer pays the trainee the agreed wage for all hours worked, with the same "
    "benefits and working conditions as other employees in the same position.",
    "The trainee learns the skills of the training plan under the named supervisor; "
    "the employer keeps a timesheet and rates the trainee's progress each period.",
    "The agency reimburses the agreed share of regular wages only: hours above {regular} "
    "in a week (overtime), benefits and paid leave are not reimbursed.",
    "The trainee does not displace a current employee, fill a position of a worker on "
    "layoff, or replace a worker on strike.",
    "The employer intends to keep the trainee on as a regular employee once the "
    "training ends, and tells the agency within five business days if the trainee leaves.",
)


def employer_rows(data: PacketData, blanks: Blanks) -> list[tuple[str, str]]:
    e = data.employer
    return [
        field("Employer (legal name)", e.legal_name, blanks),
        field("FEIN", e.fein, blanks),
        field("Worksite address", e.worksite_address, blanks),
        field("Phone", e.phone, blanks),
        field("Authorized signer", e.signer_name, blanks),
        field("Signer's title", e.signer_title, blanks),
        field("Training supervisor", e.supervisor_text, blanks),
        field("Employees at the worksite", e.employees_at_site, blanks),
    ]


def agreement_section(data: PacketData, blanks: Blanks) -> list[Flowable]:
    a, e, t = data.agreement, data.employer, data.trainee
    who = esc(e.legal_name or "the employer")
    intro = (
        f"This agreement between {esc(data.letterhead.agency_name)} (the agency) and {who} "
        f"(the employer) sets out the on-the-job training of the trainee named below: what "
        f"is learned, for how long, at what wage, and the share of wages the agency pays back."
    )
    onet = a.onet_code and f"{a.onet_code} {a.onet_title or ''}".strip()
    story: list[Flowable] = [
        para("On-the-Job Training Agreement", TITLE),
        para(intro, BODY),
        para("Employer", H2),
        fields(employer_rows(data, blanks), columns=3),
        para("Trainee and position", H2),
        fields(
            [
                field("Trainee", t.name, blanks),
                field("Program", t.program, blanks),
                field("Position", a.position_title, blanks),
                field("O*NET-SOC occupation", onet or None, blanks),
            ]
        ),
        para("Training and reimbursement", H2),
        fields(
            [
                field("Training starts", a.start_date, blanks, day),
                field("Training ends", a.end_date, blanks, day),
                field("Hours per week", a.hours_per_week, blanks, hours),
                field("Training hours in all", a.training_hours, blanks, hours),
                field("Starting hourly wage", a.wage_cents, blanks, money),
                field("Share of wages reimbursed", a.rate_percent, blanks, _percent),
                field("Maximum reimbursement", a.max_reimbursement_cents, blanks, money),
                ("Agreement signed on", day(a.signed_on) if a.signed_on else "To be signed"),
            ],
            columns=4,
        ),
        Spacer(1, 3),
        para(_maximum_explained(data), SMALL),
    ]
    if a.rate_reason:
        story.append(para(f"Rate set apart from the scale because: {esc(a.rate_reason)}", SMALL))
    story += [
        para("Terms", H2),
        ListFlowable(
            [
                ListItem(para(esc(term.format(regular=a.regular_hours_per_week)), TERM))
                for term in TERMS
            ],
            bulletType="1",
            leftIndent=14,
            bulletFontSize=9,
        ),
        signatures(
            [
                (
                    "For the employer",
                    show(e.signer_name, blanks, what="Authorized signer"),
                    show(e.signer_title, blanks, what="Signer's title"),
                ),
                ("For the agency", esc(data.prepared_by), "Business Services Representative"),
            ]
        ),
    ]
    return story


def _percent(value: int) -> str:
    return f"{value}%"


def _maximum_explained(data: PacketData) -> str:
    a = data.agreement
    parts = ["The maximum is the lower of the rate times the wage times the training hours"]
    if None not in (a.rate_percent, a.wage_cents, a.training_hours):
        product = int(a.wage_cents * a.training_hours) * a.rate_percent // 100  # type: ignore[operator]
        parts[0] += f" ({money(product)})"
    if a.per_trainee_cap_cents is not None:
        parts.append(f"the limit of {money(a.per_trainee_cap_cents)} per trainee")
    text = " and ".join(parts) + "."
    if a.rule_source:
        text += f" Scale: {esc(a.rule_source)}."
    return text


def plan_section(data: PacketData, blanks: Blanks) -> list[Flowable]:
    a, p = data.agreement, data.plan
    rows = [
        [
            show(s.skill, blanks, what="Skill name"),
            "Classroom" if s.classroom else "On the job",
            show(s.start_level, blanks, what="Skill starting level"),
            show(s.target_level, blanks, what="Skill target level"),
            show(s.hours, blanks, hours, what="Skill hours"),
        ]
        for s in p.skills
    ]
    if not rows:
        rows = [[blanks.mark("Skills of the training plan"), "", "", "", ""]]
    on_job = sum(s.hours or 0 for s in p.skills if not s.classroom)
    classroom = sum(s.hours or 0 for s in p.skills if s.classroom)
    people = [
        field("Trainee", data.trainee.name, blanks),
        field("Position", a.position_title, blanks),
        field("Training supervisor", data.employer.supervisor_text, blanks),
    ]
    if p.trainer and p.trainer != data.employer.supervisor_name:
        people.append(field("Trainer", p.trainer, blanks))
    if any(s.classroom for s in p.skills):
        people.append(field("Classroom training given by", p.classroom_provider, blanks))
    total = f"{hours(on_job)} on the job" + (f", {hours(classroom)} in class" if classroom else "")
    story: list[Flowable] = [
        para("Training Plan", TITLE),
        para(
            f"What {esc(data.trainee.name or 'the trainee')} learns as "
            f"{esc(a.position_title or 'the position')}, from which level to which, and the "
            f"hours given to each skill.",
            BODY,
        ),
        Spacer(1, 6),
        fields(people),
        para("Skills to learn", H2),
        grid(
            ["Skill", "Where", "Starting level", "Target level", "Hours"],
            rows,
            (0.38, 0.14, 0.16, 0.16, 0.16),
            total=[f"Total ({total})", "", "", "", hours(on_job + classroom)],
        ),
    ]
    planned = on_job + classroom
    if a.training_hours is not None and abs(planned - a.training_hours) > 0.005:
        story += [
            Spacer(1, 6),
            note(
                f"The plan adds up to {hours(planned)} hours; the agreement names "
                f"{hours(a.training_hours)} training hours. Please correct one of them "
                f"before signing.",
                MISSING,
            ),
        ]
    story.append(
        signatures(
            [
                supervisor_party(data.employer.supervisor_name, data.employer.supervisor_title),
                ("Trainee", show(data.trainee.name, blanks, what="Trainee"), ""),
                ("For the agency", esc(data.prepared_by), "Business Services Representative"),
            ]
        )
    )
    return story
