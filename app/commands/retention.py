"""`employer-desk retention [--today DATE] [--poor-only]` and `employer-desk checkins [--today DATE]`:
how well employers keep the people placed there, and which check-ins are overdue."""

from __future__ import annotations

import argparse
from datetime import date


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2026-06-01") from exc


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "retention", help="retention and fit of every employer with placements (or a fit decision)"
    )
    p.add_argument("--today", type=_day, default=None, help="judge as of this date (YYYY-MM-DD)")
    p.add_argument("--poor-only", action="store_true", help="only employers marked Poor fit")
    p.set_defaults(run=run_retention)
    c = sub.add_parser("checkins", help="overdue check-ins and employers not answering them")
    c.add_argument("--today", type=_day, default=None, help="as of this date (YYYY-MM-DD)")
    c.set_defaults(run=run_checkins)


def run_retention(args: argparse.Namespace) -> int:
    from sqlalchemy import text

    from app.commands.common import fail, open_user_store
    from app.core.retention import FitLevel
    from app.forms import FormsFileError
    from app.services.employers import fit
    from app.services.people import retention

    store = open_user_store(args)
    try:
        fits = fit.fit_all(store, args.today)
        signals = retention.fit_map(store, args.today)
        with store.engine.connect() as conn:
            names = dict(conn.execute(text("SELECT id, legal_name FROM employer")).all())
    except FormsFileError as exc:
        return fail(str(exc))
    finally:
        store.close()
    order = {FitLevel.POOR: 0, FitLevel.WATCH: 1, FitLevel.GOOD: 2, FitLevel.UNKNOWN: 3}
    shown = 0
    for employer_id, found in sorted(
        fits.items(), key=lambda kv: (order[kv[1].level], names.get(kv[0], "").casefold())
    ):
        if args.poor_only and found.level != FitLevel.POOR:
            continue
        shown += 1
        signal = signals.get(employer_id)
        rates = ", ".join(f"{r.day}d {r.text()}" for r in signal.figures.rates) if signal else ""
        print(f"{names.get(employer_id, employer_id)}: {found.level.label}  [{rates}]")
        for reason in found.reasons:
            print(f"  - {reason}")
    if not shown:
        print("No employers to show.")
    return 0


def run_checkins(args: argparse.Namespace) -> int:
    from app.commands.common import fail, open_user_store
    from app.forms import FormsFileError
    from app.services.people import progress

    today = args.today or date.today()
    store = open_user_store(args)
    try:
        overdue = progress.overdue_check_ins(store, today)
        silent = progress.silent_employers(store, today)
    except FormsFileError as exc:
        return fail(str(exc))
    finally:
        store.close()
    print(f"Check-ins overdue on {today}: {len(overdue)}")
    for o in overdue:
        print(
            f"  {o.employer}: {o.participant}, day {o.day} check-in due {o.due_on} ({o.days_late} days late)"
        )
    print(f"Employers not answering: {len(silent)}")
    for s in silent:
        print(f"  {s.employer}: {s.unanswered} unanswered in a row, last tried {s.last_tried_on}")
    return 0
