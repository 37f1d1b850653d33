"""`employer-desk report metrics|impact|outreach|partners`: the reports without a window."""

from __future__ import annotations

import argparse
import json
from datetime import date
from pathlib import Path

from app.commands.common import day_arg


def register(sub: argparse._SubParsersAction) -> None:
    report = sub.add_parser(
        "report", help="metrics, employer impact sheets, outreach sheet, top partners"
    )
    rsub = report.add_subparsers(title="reports", metavar="REPORT", required=True)
    p = rsub.add_parser("metrics", help="every metric for a period, with its definition")
    p.add_argument(
        "--from", dest="start", type=day_arg, required=True, help="first day (YYYY-MM-DD)"
    )
    p.add_argument("--to", dest="end", type=day_arg, required=True, help="last day (YYYY-MM-DD)")
    p.add_argument("--as-of", type=day_arg, default=None, help="judge retention as of this day")
    p.add_argument("--json", action="store_true", help="print JSON instead of text")
    p.set_defaults(run=run_metrics)
    p = rsub.add_parser("impact", help="the impact sheet PDF of one employer")
    p.add_argument("employer_id")
    p.add_argument("--out", type=Path, required=True, help="PDF file to write")
    p.set_defaults(run=run_impact)
    p = rsub.add_parser("outreach", help="the agency outreach sheet PDF for first meetings")
    p.add_argument("--out", type=Path, required=True, help="PDF file to write")
    p.set_defaults(run=run_outreach)
    p = rsub.add_parser("partners", help="the top partners of a year, with reasons")
    p.add_argument("--year", type=int, required=True, help="calendar year, like 2026")
    p.add_argument("--json", action="store_true", help="print JSON instead of text")
    p.set_defaults(run=run_partners)
    p = rsub.add_parser("thank-you", help="the thank-you letter PDF of a top partner")
    p.add_argument("employer_id")
    p.add_argument("--year", type=int, required=True)
    p.add_argument("--out", type=Path, required=True, help="PDF file to write")
    p.set_defaults(run=run_thank_you)
    p = rsub.add_parser("brunch", help="the networking brunch invitation list (xlsx)")
    p.add_argument("--year", type=int, required=True)
    p.add_argument("--out", type=Path, required=True, help="xlsx file to write")
    p.set_defaults(run=run_brunch)
    p = rsub.add_parser("thanks", help="record a thank-you given to a partner")
    p.add_argument("employer_id")
    p.add_argument("--year", type=int, required=True)
    p.add_argument("--kind", choices=("basket", "lunch_invitation", "letter"), required=True)
    p.add_argument("--on", type=day_arg, default=None, help="the day it was given (default today)")
    p.add_argument("--notes", default="")
    p.set_defaults(run=run_thanks)


def run_metrics(args: argparse.Namespace) -> int:
    from app.commands.common import fail, open_user_store
    from app.core.periods import custom
    from app.services.reports.metrics import Scope, compute

    if args.end < args.start:
        return fail(f"--to ({args.end}) is before --from ({args.start}).")
    store = open_user_store(args)
    try:
        figures = compute(store, Scope(custom(args.start, args.end), as_of=args.as_of))
    finally:
        store.close()
    if args.json:
        payload = {
            "from": args.start.isoformat(),
            "to": args.end.isoformat(),
            "metrics": [f.as_dict() for f in figures.values()],
        }
        print(json.dumps(payload, indent=2))
        return 0
    for f in figures.values():
        note = f"  ({f.note})" if f.note else ""
        print(f"{f.definition.name}: {f.detail()}{note}")
    return 0


def _write_pdf(args: argparse.Namespace, make) -> int:
    from app.commands.common import fail, open_user_store

    if args.out.is_dir():
        return fail(f"{args.out} is a folder; give a file name ending in .pdf.")
    store = open_user_store(args)
    try:
        pdf = make(store)
    except LookupError as exc:
        return fail(str(exc))
    finally:
        store.close()
    try:
        tmp = args.out.with_name(args.out.name + ".tmp")
        tmp.write_bytes(pdf)
        tmp.replace(args.out)
    except OSError as exc:
        return fail(f"Could not write {args.out}: {exc.strerror or exc}.")
    print(f"Written {args.out}")
    return 0


def run_impact(args: argparse.Namespace) -> int:
    from app.services.reports.impact import impact_pdf

    return _write_pdf(args, lambda store: impact_pdf(store, args.employer_id))


def run_outreach(args: argparse.Namespace) -> int:
    from app.services.reports.outreach import outreach_pdf

    return _write_pdf(args, outreach_pdf)


def run_partners(args: argparse.Namespace) -> int:
    from app.commands.common import open_user_store
    from app.services.reports.partners import rank_partners

    store = open_user_store(args)
    try:
        ranking = rank_partners(store, args.year)
    finally:
        store.close()
    if args.json:
        print(json.dumps(ranking.as_dict(), indent=2))
        return 0
    for line in ranking.lines():
        print(line)
    return 0


def run_thank_you(args: argparse.Namespace) -> int:
    from app.services.reports.partners import thank_you_pdf

    return _write_pdf(args, lambda store: thank_you_pdf(store, args.employer_id, args.year))


def run_brunch(args: argparse.Namespace) -> int:
    from app.commands.common import fail, open_user_store
    from app.services.reports.partners import write_brunch_list

    store = open_user_store(args)
    try:
        count = write_brunch_list(store, args.year, args.out)
    except OSError as exc:
        return fail(f"Could not write {args.out}: {exc.strerror or exc}.")
    finally:
        store.close()
    print(f"{count} partners written to {args.out}")
    return 0


def run_thanks(args: argparse.Namespace) -> int:
    from app.commands.common import fail, open_user_store
    from app.services.agency import settings
    from app.services.reports.partners import record_appreciation

    store = open_user_store(args)
    try:
        me = settings.me(store)
        record_appreciation(
            store,
            args.employer_id,
            args.year,
            args.kind,
            args.on or date.today(),
            me.id if me else None,
            args.notes,
        )
    except ValueError as exc:
        return fail(str(exc))
    finally:
        store.close()
    print("Recorded.")
    return 0
