"""The employer impact sheet: what the partnership gave one employer, on one page.

Data in, PDF bytes out. It replaces "job fair data" for employers: events they
hosted or joined and who came, candidates referred, hires and how long they
stayed, OJT dollars reimbursed to them, tax-credit filings, and the agency's
successful outcome rate with its definition. No record ids, no internal categories.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from reportlab.platypus import Paragraph, Spacer

from app.core.ojt_money import dollars
from app.documents import letterhead as lh
from app.documents.letterhead import BODY, H1, H2, KICKER, SMALL, Letterhead


@dataclass(frozen=True)
class ImpactEvent:
    day: date
    title: str
    kind: str
    came: int
    met_you: int
    interviews: int


@dataclass(frozen=True)
class ImpactData:
    head: Letterhead
    employer: str
    as_of: date
    events: Sequence[ImpactEvent] = ()
    referred: int = 0
    interviewed: int = 0
    hired: int = 0
    still_employed: int = 0
    retention: Sequence[tuple[int, str]] = ()
    ojt_reimbursed_cents: int = 0
    ojt_trainees: int = 0
    wotc: tuple[int, int, int] = (0, 0, 0)
    outcome_text: str = "no data"
    outcome_definition: str = ""
    definitions: Sequence[str] = field(default_factory=list)


def _day(d: date) -> str:
    return f"{d:%b} {d.day}, {d.year}"


def build_impact(data: ImpactData) -> bytes:
    width = lh.content_width()
    came = sum(e.came for e in data.events)
    story: list = [
        Paragraph("OUR PARTNERSHIP", KICKER),
        Paragraph(data.employer, H1),
        Paragraph(f"What working together has brought you, as of {_day(data.as_of)}.", BODY),
        Spacer(1, 8),
        lh.tiles(
            [
                (str(len(data.events)), "hiring events you hosted or joined"),
                (str(came), "job seekers came to them"),
                (str(data.referred), "candidates referred to you"),
                (str(data.hired), "hired"),
                (dollars(data.ojt_reimbursed_cents), "OJT training costs reimbursed to you"),
            ],
            width,
            size=17,
        ),
        Spacer(1, 10),
        Paragraph("Hiring events", H2),
        Spacer(1, 3),
    ]
    if data.events:
        rows = [["Date", "Event", "Job seekers came", "Met your team", "Interviews set"]] + [
            [_day(e.day), e.title, str(e.came), str(e.met_you), str(e.interviews)]
            for e in data.events
        ]
        story.append(lh.table(rows, [w * width for w in (0.16, 0.42, 0.14, 0.14, 0.14)]))
    else:
        story.append(
            Paragraph(
                "No hiring events with you yet. We would be glad to host one at your site.", BODY
            )
        )
    story += [Spacer(1, 10), Paragraph("Candidates and hires", H2), Spacer(1, 3)]
    hires = [
        ["Candidates referred", str(data.referred), "Interviewed", str(data.interviewed)],
        ["Hired", str(data.hired), "Still working with you", str(data.still_employed)],
    ]
    story.append(lh.table(hires, [width * 0.3, width * 0.2] * 2, header=False))
    story += [Spacer(1, 6)]
    retention = [["Still employed after", *(f"{d} days" for d, _ in data.retention)]]
    retention.append(["Your hires", *(t for _, t in data.retention)])
    story.append(lh.table(retention, [width * 0.28] + [width * 0.24] * len(data.retention)))
    screened, filed, certified = data.wotc
    story += [Spacer(1, 10), Paragraph("Money and tax credits", H2), Spacer(1, 3)]
    if data.ojt_trainees:
        ojt = (
            f"On-the-Job Training: {dollars(data.ojt_reimbursed_cents)} reimbursed to you for "
            f"{data.ojt_trainees} trainee{'s' if data.ojt_trainees != 1 else ''}."
        )
    else:
        ojt = (
            "On-the-Job Training: no trainees with you yet. OJT can pay back part of a new "
            "hire's wages while you train them; ask us how."
        )
    if screened:
        wotc = (
            f"Work Opportunity Tax Credit: {screened} hire{'s' if screened != 1 else ''} "
            f"screened, {filed} filed, {certified} certified."
        )
    else:
        wotc = "Work Opportunity Tax Credit: no filings for your hires yet."
    story += [Paragraph(ojt, BODY), Paragraph(wotc, BODY)]
    story += [
        Spacer(1, 10),
        Paragraph("Our agency", H2),
        Spacer(1, 3),
        Paragraph(
            f"Successful outcome rate over the last 12 months: <b>{data.outcome_text}</b>.", BODY
        ),
        Paragraph(data.outcome_definition, SMALL),
        Spacer(1, 8),
        Paragraph(
            "How these numbers are counted (on this sheet the period is our whole "
            "partnership; the agency rate covers the last 12 months):",
            SMALL,
        ),
        *[Paragraph(d, SMALL) for d in data.definitions],
    ]
    return lh.build(story, data.head, f"Partnership impact - {data.employer}")
