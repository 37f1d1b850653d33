"""One services brochure for an employer: every program that applies to them, in one PDF.

Replaces a pile of one-page flyers in the eligibility email. Data in, PDF bytes out: the
agency letterhead and "Page X of Y" come from app.documents.letterhead; each program reads
with its public name, what it gives, and what we look for; the sources are named once.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.platypus import KeepTogether, ListFlowable, ListItem, Paragraph, Spacer

from app.core.programs import ProgramDef
from app.documents import letterhead
from app.documents.letterhead import BODY, H1, H2, KICKER, SMALL, Letterhead
from app.documents.paper import esc

_LABEL = letterhead.style("label", 10, True)


def build(employer_name: str, programs: Sequence[ProgramDef], head: Letterhead) -> bytes:
    """The brochure for `employer_name`, listing `programs` (public ones only) in order."""
    shown = [p for p in programs if p.public]
    story: list = [
        Paragraph(esc(f"Services for {employer_name}"), H1),
        Spacer(1, 6),
        Paragraph(
            esc(
                f"From your answers, these {len(shown)} services of {head.agency} are open to "
                "you. All of them are free to your business; we fill in the paperwork with you "
                "from the answers you already gave us."
                if len(shown) != 1
                else f"From your answers, this service of {head.agency} is open to you. It is "
                "free to your business; we fill in the paperwork with you."
            ),
            BODY,
        ),
        Spacer(1, 8),
    ]
    for program in shown:
        block: list = [
            Paragraph(esc(program.employer_name), H2),
            Spacer(1, 2),
            Paragraph(esc(program.description), BODY),
        ]
        if program.benefits:
            block += [Spacer(1, 4), Paragraph("What you get", _LABEL), _bullets(program.benefits)]
        if program.looks_for:
            block += [
                Spacer(1, 4),
                Paragraph("What we look for", _LABEL),
                _bullets(program.looks_for),
            ]
        story += [KeepTogether(block), Spacer(1, 10)]
    story += [Paragraph("Next step", KICKER), Paragraph(esc(_next_step(head)), BODY)]
    cites = sources(shown)
    if cites:
        story += [Spacer(1, 12), Paragraph(esc("Sources: " + "; ".join(cites)), SMALL)]
    return letterhead.build(story, head, f"Services for {employer_name}")


def sources(programs: Sequence[ProgramDef]) -> list[str]:
    """Every program's citations, each once, in the order they first appear."""
    seen: dict[str, None] = {}
    for program in programs:
        for cite in program.citations:
            seen.setdefault(cite, None)
    if "Agency policy" in seen:
        seen["Agency policy"] = seen.pop("Agency policy")
    return list(seen)


def _next_step(head: Letterhead) -> str:
    who = head.contact or head.agency
    return f"Reply to the email this came with, or call {who}, and we will set up the first step."


def _bullets(items: Sequence[str]) -> ListFlowable:
    return ListFlowable(
        [ListItem(Paragraph(esc(i), BODY), leftIndent=12) for i in items],
        bulletType="bullet",
        start="•",
        leftIndent=12,
    )


def filename(employer_name: str) -> str:
    safe = "".join(ch if ch.isalnum() or ch in " -" else " " for ch in employer_name)
    return f"Services for {' '.join(safe.split())}.pdf"
