"""What one flyer panel says, in one language: job seekers' flyer or employers' invitation.

A hiring event or job fair tells job seekers who hires for what, where and what to bring;
a networking brunch or appreciation lunch invites employers (what to expect, RSVP, who to
contact) and never speaks to job seekers. Every word comes from forms/flyers.toml.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from app.core.flyer_wording import EMPLOYER_KINDS, Words
from app.documents.paper import INK, PALE, RULE, esc

ACCENT = colors.HexColor("#e76f51")


@dataclass(frozen=True)
class FlyerRow:
    """One position on a flyer: which employer offers it, how many, for what pay."""

    employer: str
    title: str
    openings: int
    wage: str = ""
    schedule: str = ""


@dataclass(frozen=True)
class FlyerData:
    """Everything printed on an event's flyer or invitation, apart from the wording."""

    event_id: str
    kind: str  # EventKind value
    title: str  # as the BSR typed it; "" gives the kind's own title in each language
    employers: list[str]
    starts_at: datetime  # Chicago time
    ends_at: datetime
    place_name: str
    address: str
    agency: str
    organization: str  # "Little Village American Job Center"
    office_address: str = ""
    office_phone: str = ""
    #: The job center's opening hours per language, when the event is held there.
    job_center_hours: Mapping[str, str] = field(default_factory=dict)
    positions: list[FlyerRow] = field(default_factory=list)
    #: What to bring as the BSR typed it; None prints the wording's own list.
    what_to_bring: list[str] | None = None
    parking: str = ""
    transit: str = ""
    accessibility: str = ""
    contact_line: str = ""
    rsvp_by: datetime | None = None

    @property
    def for_employers(self) -> bool:
        return self.kind in EMPLOYER_KINDS

    def title_in(self, words: Words) -> str:
        return words.title(self.kind, self.title, self.employers, self.place_name)


def styles(scale: float) -> dict[str, ParagraphStyle]:
    def s(name: str, size: float, **kw: object) -> ParagraphStyle:
        base: dict[str, object] = {"fontName": "Helvetica", "textColor": INK}
        base.update(kw)
        return ParagraphStyle(name, fontSize=size * scale, leading=size * scale * 1.22, **base)

    return {
        "kicker": s("kicker", 13, fontName="Helvetica-Bold", textColor=ACCENT),
        "title": s("title", 28, fontName="Helvetica-Bold"),
        "employers": s("employers", 14, fontName="Helvetica-Bold"),
        "when": s("when", 17, fontName="Helvetica-Bold", textColor=ACCENT),
        "head": s(
            "head", 12.5, fontName="Helvetica-Bold", spaceBefore=6 * scale, spaceAfter=2 * scale
        ),
        "body": s("body", 10.5),
        "small": s("small", 8.5),
        "cell": s("cell", 9.5),
        "cellb": s("cellb", 9.5, fontName="Helvetica-Bold"),
    }


def _top(data: FlyerData, words: Words, st: dict[str, ParagraphStyle], scale: float) -> list:
    kicker = "kicker_invitation" if data.for_employers else f"kicker_{data.kind}"
    return [
        Paragraph(esc(words(kicker).upper()), st["kicker"]),
        Paragraph(esc(data.title_in(words)), st["title"]),
    ]


def _when(data: FlyerData, words: Words, st: dict[str, ParagraphStyle], scale: float) -> list:
    when = f"{esc(words.date(data.starts_at))}<br/>{esc(words.hours(data.starts_at, data.ends_at))}"
    return [Spacer(1, 4 * scale), Paragraph(when, st["when"]), Spacer(1, 2 * scale)]


def _where(data: FlyerData, words: Words, st: dict[str, ParagraphStyle]) -> list:
    lines = [f"<b>{esc(data.place_name)}</b>"] + ([esc(data.address)] if data.address else [])
    story: list = [
        Paragraph(words("where"), st["head"]),
        Paragraph("<br/>".join(lines), st["body"]),
    ]
    hours = data.job_center_hours.get(words.code, "")
    extras = [
        (words("job_center_hours"), hours),
        (words("parking"), data.parking),
        (words("transit"), data.transit),
        (words("accessibility"), data.accessibility),
    ]
    for label, text in extras:
        if text:
            story.append(Paragraph(f"<b>{esc(label)}:</b> {esc(text)}", st["body"]))
    return story


def _positions(
    data: FlyerData, words: Words, st: dict[str, ParagraphStyle], width: float, scale: float
) -> list:
    """The positions table; with more than one employer, a column says whose each one is."""
    several = len({r.employer for r in data.positions}) > 1
    head = [words("position"), words("openings"), words("pay")]
    widths = [0.46, 0.23, 0.31]
    if several:
        head, widths = [words("employer"), *head], [0.28, 0.31, 0.18, 0.23]
    rows = [[Paragraph(esc(h), st["cellb"]) for h in head]]
    for r in data.positions:
        title = esc(r.title) + (
            f"<br/><font size={7.5 * scale:.1f}>{esc(r.schedule)}</font>" if r.schedule else ""
        )
        cells = [title, str(r.openings), esc(r.wage or words("pay_unknown"))]
        if several:
            cells = [esc(r.employer), *cells]
        rows.append([Paragraph(c, st["cell"]) for c in cells])
    table = Table(rows, colWidths=[width * w for w in widths], repeatRows=1, hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, 0), PALE),
                ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 2 * scale),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2 * scale),
                ("LEFTPADDING", (0, 0), (-1, -1), 3 * scale),
                ("RIGHTPADDING", (0, 0), (-1, -1), 3 * scale),
            ]
        )
    )
    return [Paragraph(esc(words("now_hiring")), st["head"]), table]


def seeker_story(data: FlyerData, words: Words, scale: float, width: float) -> list[Flowable]:
    """A hiring event's or job fair's flyer: who hires for what, when, where, what to bring."""
    st = styles(scale)
    story = _top(data, words, st, scale)
    title = data.title_in(words)
    named = [e for e in data.employers if e not in title]
    if named:
        line = words("employers_hiring", employers=", ".join(data.employers))
        story.append(Paragraph(esc(line), st["employers"]))
    story += _when(data, words, st, scale)
    if data.positions:
        story += _positions(data, words, st, width, scale)
    story += _where(data, words, st)
    bring = data.what_to_bring if data.what_to_bring is not None else list(words.lists["bring"])
    if bring:
        story.append(Paragraph(esc(words("what_to_bring")), st["head"]))
        story.append(Paragraph("<br/>".join(f"• {esc(item)}" for item in bring), st["body"]))
    return story


def invitation_story(data: FlyerData, words: Words, scale: float, width: float) -> list[Flowable]:
    """An invitation for employers: who invites, when, where, what to expect, RSVP, contact."""
    st = styles(scale)
    story = _top(data, words, st, scale)
    story.append(Paragraph(esc(words("invite", office=data.organization)), st["employers"]))
    story += _when(data, words, st, scale)
    story += _where(data, words, st)
    story.append(Paragraph(esc(words("expect_head")), st["head"]))
    story.append(Paragraph(esc(words(f"expect_{data.kind}")), st["body"]))
    if data.employers:
        story.append(Paragraph(esc(words("joining")), st["head"]))
        story.append(Paragraph(esc(" · ".join(data.employers)), st["body"]))
    contact = data.contact_line or ", ".join(p for p in (data.organization, data.office_phone) if p)
    story.append(Paragraph(esc(words("rsvp_head")), st["head"]))
    rsvp_by = words.date(data.rsvp_by or data.starts_at, capital=False)
    story.append(Paragraph(esc(words("rsvp", rsvp_by=rsvp_by, contact=contact)), st["body"]))
    story.append(Paragraph(esc(words("contact_head")), st["head"]))
    office = ", ".join(p for p in (data.organization, data.office_address, data.office_phone) if p)
    lines = [esc(x) for x in (data.contact_line, office) if x]
    story.append(Paragraph("<br/>".join(lines), st["body"]))
    return story


def story(data: FlyerData, words: Words, scale: float, width: float) -> list[Flowable]:
    make = invitation_story if data.for_employers else seeker_story
    return make(data, words, scale, width)


def footer_lines(data: FlyerData, words: Words) -> list[str]:
    """The small print beside the QR code, in one language."""
    if data.for_employers:
        return [words("employer_footer"), words("scan_employer")]
    lines = [words("seeker_footer")]
    if data.contact_line:
        lines.append(words("questions", contact=data.contact_line))
    return [*lines, words("scan")]
