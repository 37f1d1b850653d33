"""The employer's Work Opportunity Tax Credit worksheet: what the official forms ask, filled in once.

Not a government form: each block says which official form it feeds (IRS Form
8850, ETA Form 9061), so the employer copies from it or attaches it for the
state's filing. The job seeker's own answers about the target groups stay on
the official forms; nothing about them is printed here.
"""

from __future__ import annotations

from datetime import timedelta

from reportlab.platypus import Flowable, Spacer

from app.documents.ojt.blocks import (
    BODY,
    H2,
    SMALL,
    TITLE,
    Blanks,
    day,
    field,
    fields,
    long_day,
    money,
    note,
    para,
    show,
    signatures,
)
from app.documents.ojt.data import PacketData, WotcPart
from app.documents.paper import MISSING, PALE, esc


def filing_deadline(wotc: WotcPart) -> object:
    """The given deadline, else 28 days after the start date, else unknown (None)."""
    if wotc.filing_deadline is not None:
        return wotc.filing_deadline
    if wotc.start_date is not None:
        return wotc.start_date + timedelta(days=wotc.filing_days)
    return None


def wotc_section(data: PacketData, wotc: WotcPart, blanks: Blanks) -> list[Flowable]:
    e, a, t = data.employer, data.agreement, data.trainee
    deadline = filing_deadline(wotc)
    late_screen = (
        wotc.prescreen_date is not None
        and wotc.offer_date is not None
        and wotc.prescreen_date > wotc.offer_date
    )
    story: list[Flowable] = [
        para("Work Opportunity Tax Credit: Employer Worksheet", TITLE),
        para(
            "This worksheet is not a government form. It gathers what the official forms ask, "
            "from what you already told us, so you only check it and copy or attach it. "
            "Each block names the official form it feeds.",
            BODY,
        ),
        Spacer(1, 6),
        note(
            f"<b>Filing deadline: {show(deadline, blanks, long_day, what='WOTC filing deadline')}.</b> IRS Form 8850 and "
            f"ETA Form 9061 must reach the state workforce agency no later than the "
            f"{wotc.filing_days}th day after the employee starts work."
            + (f" Status: {esc(wotc.status)}." if wotc.status else ""),
            PALE,
        ),
        para("Employer: feeds IRS Form 8850, page 2 (employer's declaration)", H2),
        fields(
            [
                field("Employer name", e.legal_name, blanks, what="Employer (legal name)"),
                field("Employer identification number (FEIN)", e.fein, blanks, what="FEIN"),
                field("Address", e.worksite_address, blanks, what="Worksite address"),
                field("Telephone", e.phone, blanks),
                field("Person to contact", e.signer_name, blanks, what="Authorized signer"),
                field("Contact's title", e.signer_title, blanks, what="Signer's title"),
            ]
        ),
        para("Dates: feed IRS Form 8850, page 2, and ETA Form 9061", H2),
        fields(
            [
                field(
                    "Pre-screening given (on or before the job offer)",
                    wotc.prescreen_date,
                    blanks,
                    day,
                ),
                field("Job offered", wotc.offer_date, blanks, day),
                field("Started work", wotc.start_date, blanks, day),
            ]
        ),
    ]
    if late_screen:
        story += [
            Spacer(1, 4),
            note(
                "The pre-screening date is after the job offer: IRS Form 8850 must be "
                "completed on or before the day the job is offered. Please check the dates.",
                MISSING,
            ),
        ]
    story += [
        para("New hire and job: feed ETA Form 9061 (individual characteristics)", H2),
        fields(
            [
                field("Employee name", t.name, blanks, what="Trainee"),
                field("Position", a.position_title, blanks),
                field("Starting hourly wage", wotc.starting_wage_cents, blanks, money),
                field("O*NET-SOC occupation", a.onet_code, blanks),
            ]
        ),
        Spacer(1, 4),
        para(
            "The employee answers the questions about the target groups on IRS Form 8850, "
            "page 1, and signs it; the agency helps with the supporting papers.",
            SMALL,
        ),
        signatures(
            [
                (
                    "For the employer",
                    show(e.signer_name, blanks, what="Authorized signer"),
                    show(e.signer_title, blanks, what="Signer's title"),
                )
            ]
        ),
    ]
    return story
