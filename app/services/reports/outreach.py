"""The agency outreach sheet's figures: the last 12 months of events, OJT money reimbursed to
partners, the successful outcome rate, and the public programs in one line each."""

from __future__ import annotations

import re
from datetime import date

from app import forms
from app.core.periods import last_12_months
from app.documents.outreach_sheet import OutreachData, build_outreach
from app.services.agency import settings
from app.services.agency.public import internal_terms, letterhead
from app.services.reports.definitions import load_definitions
from app.services.reports.metrics import Scope, compute
from app.services.reports.series import reach_chart
from app.store.engine import Store

SHOWN = ("events_held", "came", "walk_ins", "returning", "ojt_reimbursed", "outcome_rate")


def public_programs() -> list[tuple[str, str]]:
    """Employer programs whose name and description name no internal category: (name, line)."""
    terms = [t.casefold() for t in internal_terms()] + ["dhs", "justice"]
    out = []
    for p in forms.PROGRAMS.load().programs:
        words = f"{p.name} {p.description}".casefold()
        if any(t in words for t in terms):
            continue
        first = re.split(r"(?<=[.!?])\s", " ".join(p.description.split()), maxsplit=1)[0]
        out.append((p.name, first))
    return out


def outreach_data(store: Store, as_of: date | None = None) -> OutreachData:
    as_of = as_of or date.today()
    scope = Scope(last_12_months(as_of), as_of=as_of)
    f = compute(store, scope)
    came = reach_chart(store, scope).series[1]
    me = settings.me(store)
    defs = load_definitions()
    ojt = f["ojt_reimbursed"]
    return OutreachData(
        head=letterhead(None, me),
        as_of=as_of,
        figures=[
            (f["events_held"].text(), "hiring events and job fairs held"),
            (f["came"].text(), "job seekers came to them"),
            (f["walk_ins"].text(), "of them walked in on the day"),
            *([(ojt.text(), "OJT training costs paid back to partners")] if ojt.value else []),
            (f["outcome_rate"].text(), "still working 90 days after hire"),
        ],
        came_by_month={p.label: int(p.value or 0) for p in came.points},
        outcome_text=f["outcome_rate"].detail(),
        programs=public_programs(),
        definitions=[defs[k].short() for k in SHOWN],
    )


def outreach_pdf(store: Store, as_of: date | None = None) -> bytes:
    return build_outreach(outreach_data(store, as_of))
