"""The agency outreach sheet for first meetings: what a partnership with us looks like in
numbers, and what we offer, on one page. Definitions in small print.

Data in, PDF bytes out; no record ids, no internal categories.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from reportlab.platypus import Paragraph, Spacer

from app.documents import letterhead as lh
from app.documents.event_report import bar_chart
from app.documents.letterhead import BODY, H1, H2, KICKER, SMALL, Letterhead


@dataclass(frozen=True)
class OutreachData:
    head: Letterhead
    as_of: date
    figures: Sequence[tuple[str, str]]  # (value, caption) tiles
    came_by_month: dict[str, int]
    outcome_text: str
    programs: Sequence[tuple[str, str]]  # (name, one line)
    definitions: Sequence[str]


def build_outreach(data: OutreachData) -> bytes:
    width = lh.content_width()
    story: list = [
        Paragraph("WORKING WITH US", KICKER),
        Paragraph(f"Free hiring help from {data.head.agency}", H1),
        Paragraph(
            f"Our last 12 months, to {data.as_of:%B} {data.as_of.day}, {data.as_of.year}.", BODY
        ),
        Spacer(1, 8),
        lh.tiles(list(data.figures), width, size=17),
        Spacer(1, 8),
        bar_chart(data.came_by_month, width, 115, "Job seekers at our hiring events, by month"),
        Spacer(1, 4),
        Paragraph(
            f"<b>Successful outcome rate: {data.outcome_text}</b> of the people we placed were "
            "still working 90 days after they were hired.",
            BODY,
        ),
        Spacer(1, 10),
        Paragraph("What we offer employers", H2),
        Spacer(1, 3),
    ]
    rows = [[name, line] for name, line in data.programs]
    story.append(lh.table([["Program", "In one line"], *rows], [width * 0.3, width * 0.7]))
    story += [
        Spacer(1, 10),
        Paragraph("How these numbers are counted", SMALL),
        *[Paragraph(d, SMALL) for d in data.definitions],
    ]
    return lh.build(story, data.head, f"Working with {data.head.agency}")
