"""The report of an event for employers (networking brunch, appreciation lunch): who took
part and who came, for the employers and the agency's partners.

Data in, PDF bytes out, on the agency letterhead with "Page X of Y". It speaks of guests
and employers, never of job seekers, applications or interviews: nobody was hired there.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from reportlab.platypus import Paragraph, Spacer

from app.documents import letterhead as lh
from app.documents.letterhead import BODY, H1, H2, KICKER, SMALL, Letterhead
from app.documents.paper import esc


@dataclass(frozen=True)
class EmployerEventReport:
    kind_label: str  # "Employer networking brunch"
    title: str
    day: date
    place: str  # name and street address
    employers: list[str]
    registered: int
    came: int
    walk_ins: int
    organization: str
    prepared_by: str = ""
    head: Letterhead = field(default_factory=lambda: Letterhead("American Job Center"))


def build_employer_event_report(data: EmployerEventReport) -> bytes:
    width = lh.content_width()
    story: list = [
        Paragraph("EVENT REPORT", KICKER),
        Paragraph(esc(data.title), H1),
    ]
    if data.kind_label.casefold() != data.title.casefold():
        story.append(Paragraph(esc(data.kind_label), H2))
    story += [
        Paragraph(f"{data.day:%A, %B} {data.day.day}, {data.day.year} · {esc(data.place)}", BODY),
        Spacer(1, 10),
        lh.tiles(
            [
                (str(len(data.employers)), "employers taking part"),
                (str(data.registered), "guests who answered the invitation"),
                (str(data.came), "guests who came"),
                (str(data.walk_ins), "came without answering"),
            ],
            width,
        ),
        Spacer(1, 10),
        Paragraph("Employers taking part", H2),
        Spacer(1, 4),
    ]
    if data.employers:
        rows = [["Employer"]] + [[esc(name)] for name in data.employers]
        story.append(lh.table(rows, [width]))
    else:
        story.append(Paragraph("No employer was listed for this event.", BODY))
    story += [
        Spacer(1, 12),
        Paragraph(
            "Thank you to every employer who joined us. Our business services team follows "
            "up with each of you on what you asked for at the event.",
            BODY,
        ),
        Spacer(1, 8),
        Paragraph(
            esc(
                f"Prepared by {data.prepared_by}, {data.organization}."
                if data.prepared_by
                else data.organization
            ),
            SMALL,
        ),
    ]
    return lh.build(story, data.head, f"Event report - {data.title}")
