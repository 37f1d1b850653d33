"""The OJT reimbursement packet: a cover sheet, then every paper the employer checks and signs.

Data in, PDF bytes out: the same `PacketData` always gives the same bytes. A
batch puts several packets (or only their reimbursement requests) in one PDF,
each numbered on its own ("Page 1 of 4" restarts with each trainee).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from reportlab.platypus import Flowable, PageBreak, Spacer

from app.documents.ojt.agreement import agreement_section, plan_section
from app.documents.ojt.blocks import (
    BODY,
    H2,
    SMALL,
    TITLE,
    Blanks,
    CheckBox,
    field,
    fields,
    grid,
    note,
    para,
)
from app.documents.ojt.data import PacketData
from app.documents.ojt.periods import (
    invoice_section,
    period_text,
    progress_section,
    timesheet_section,
)
from app.documents.ojt.wotc import wotc_section
from app.documents.paper import MISSING, DocumentStart, SectionMark, build_pdf, esc


@dataclass(frozen=True)
class Part:
    """One paper of the packet, as the cover sheet lists it."""

    title: str
    signed_by: str
    story: list[Flowable]


def packet_parts(data: PacketData, blanks: Blanks, invoice_only: bool = False) -> list[Part]:
    """The papers in the order they are printed; `invoice_only` keeps the period's papers."""
    parts: list[Part] = []
    if not invoice_only:
        parts.append(
            Part("OJT agreement", "Employer signer and agency", agreement_section(data, blanks))
        )
        parts.append(
            Part(
                "Training plan",
                "Training supervisor, trainee and agency",
                plan_section(data, blanks),
            )
        )
    if data.invoice is not None:
        parts.append(
            Part(
                f"Reimbursement request no. {data.invoice.number}",
                "Employer signer",
                invoice_section(data, data.invoice, blanks),
            )
        )
    if data.progress or data.invoice is not None:
        parts.append(Part("Progress report", "Training supervisor", progress_section(data, blanks)))
    if data.next_period is not None:
        start, end = data.next_period
        parts.append(
            Part(
                f"Timesheet for {period_text(start, end)}",
                "Trainee and training supervisor",
                timesheet_section(data, start, end, blanks),
            )
        )
    if data.wotc is not None and not invoice_only:
        parts.append(
            Part(
                "Work Opportunity Tax Credit worksheet",
                "Employer signer",
                wotc_section(data, data.wotc, blanks),
            )
        )
    return parts


def cover_section(data: PacketData, parts: Sequence[Part], blanks: Sequence[str]) -> list[Flowable]:
    mark = Blanks()
    e, t, a = data.employer, data.trainee, data.agreement
    heading = "On-the-Job Training Packet"
    if data.invoice is not None:
        heading += f": Reimbursement Request No. {data.invoice.number}"
    rows = [[CheckBox(True), esc(p.title), esc(p.signed_by), CheckBox()] for p in parts]
    story: list[Flowable] = [
        para(heading, TITLE),
        para(
            "We filled in these papers from what you already told us. Please check each one, "
            "sign where a box asks for a signature, and send them back to us.",
            BODY,
        ),
        Spacer(1, 6),
        fields(
            [
                field("Employer", e.legal_name, mark),
                field("Trainee", t.name, mark),
                field("Position", a.position_title, mark),
                (
                    "Reimbursement period",
                    period_text(data.invoice.period_start, data.invoice.period_end)
                    if data.invoice
                    else "None in this packet",
                ),
            ]
        ),
        para("What is enclosed", H2),
        grid(["Enclosed", "Paper", "To be signed by", "Signed"], rows, (0.11, 0.41, 0.36, 0.12)),
    ]
    if blanks:
        story += [
            Spacer(1, 10),
            note(
                f"<b>Not known when this packet was printed:</b> {esc(', '.join(blanks))}. "
                f"These are shaded and marked {mark.mark()} Please fill them in by hand "
                f"before signing.",
                MISSING,
            ),
        ]
    contact = ", ".join(p for p in (data.prepared_by, data.prepared_by_contact) if p)
    if contact:
        story += [para("Questions", H2), para(esc(contact), BODY)]
    if data.prepared_on is not None:
        story += [
            Spacer(1, 10),
            para(
                f"Prepared on {data.prepared_on:%B} "
                f"{data.prepared_on.day}, {data.prepared_on.year}.",
                SMALL,
            ),
        ]
    return story


def packet_story(data: PacketData, invoice_only: bool = False) -> list[Flowable]:
    """Every flowable of one packet, starting on a fresh page with its own numbering."""
    blanks = Blanks()
    parts = packet_parts(data, blanks, invoice_only)
    footer = " - ".join(p for p in (data.employer.legal_name, data.trainee.name) if p)
    story: list[Flowable] = [
        DocumentStart(f"OJT packet: {footer}" if footer else "OJT packet"),
        SectionMark("Cover sheet"),
        *cover_section(data, parts, list(blanks.names)),
    ]
    for part in parts:
        story += [PageBreak(), SectionMark(part.title), *part.story]
    return story


def _build(
    packets: Sequence[PacketData], title: str, story_of: Callable[[PacketData], list[Flowable]]
) -> bytes:
    if not packets:
        raise ValueError("There is nothing to print.")
    story: list[Flowable] = []
    for n, data in enumerate(packets):
        if n:
            story.append(PageBreak())
        story += story_of(data)
    return build_pdf(story, packets[0].letterhead, title, "On-the-job training")


def build_packet(data: PacketData) -> bytes:
    """The whole packet for one agreement (and one period, when `data.invoice` is set)."""
    names = " - ".join(p for p in (data.employer.legal_name, data.trainee.name) if p)
    return _build([data], f"OJT packet: {names}", packet_story)


def build_invoice_batch(packets: Sequence[PacketData], title: str) -> bytes:
    """Several reimbursement requests in one PDF: each with its cover, progress report and
    next timesheet, numbered on its own."""
    return _build(packets, title, lambda d: packet_story(d, invoice_only=True))
