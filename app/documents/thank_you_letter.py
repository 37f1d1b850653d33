"""A thank-you letter to one partner employer, carrying its own numbers for the year.

Data in, PDF bytes out, on the agency letterhead. No record ids, no internal categories.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from reportlab.platypus import Paragraph, Spacer

from app.documents import letterhead as lh
from app.documents.letterhead import BODY, H1, Letterhead


@dataclass(frozen=True)
class LetterData:
    head: Letterhead
    employer: str
    contact_name: str
    address: str
    year: int
    rank: int
    reasons: Sequence[str]
    signer: str
    today: date


def build_letter(data: LetterData) -> bytes:
    greeting = data.contact_name or f"friends at {data.employer}"
    body = lh.style("letter", 11)
    story: list = [
        Paragraph(f"{data.today:%B} {data.today.day}, {data.today.year}", body),
        Spacer(1, 14),
        Paragraph(data.employer, body),
    ]
    if data.address:
        story.append(Paragraph(data.address, body))
    story += [
        Spacer(1, 18),
        Paragraph(f"Thank you for {data.year}", H1),
        Spacer(1, 10),
        Paragraph(f"Dear {greeting},", body),
        Spacer(1, 8),
        Paragraph(
            f"On behalf of everyone at {data.head.agency}, thank you for opening your doors to "
            f"the job seekers we serve. {data.employer} was one of our top partners in "
            f"{data.year}. Here is what we did together this year:",
            body,
        ),
        Spacer(1, 6),
        *[Paragraph(f"&bull; {reason}", body) for reason in data.reasons],
        Spacer(1, 10),
        Paragraph(
            "Every interview, every hire and every call back about how a new employee is doing "
            "helps someone in our community build a steady working life. We look forward to "
            "another year of working together.",
            body,
        ),
        Spacer(1, 18),
        Paragraph("With gratitude,", body),
        Spacer(1, 24),
        Paragraph(data.signer, body),
        Paragraph(data.head.agency, BODY),
    ]
    return lh.build(story, data.head, f"Thank you - {data.employer}")
