"""`employer-desk eligibility EMPLOYER_ID [--json] [--confirm]`: each program's result and reasons."""

from __future__ import annotations

import argparse
import json


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("eligibility", help="show which programs an employer qualifies for, and why")
    p.add_argument("employer_id", help="the employer's id")
    p.add_argument("--json", action="store_true", help="print as JSON")
    p.add_argument(
        "--confirm", action="store_true", help="record the results as confirmed by you, today"
    )
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from app.commands.common import fail, open_user_store
    from app.core.programs import Result
    from app.services.agency import settings
    from app.services.rfi import eligibility

    store = open_user_store(args)
    try:
        if args.confirm:
            me = settings.me(store)
            eligibility.confirm(store, args.employer_id, me.id if me else None)
        report = eligibility.report(store, args.employer_id)
    except LookupError as exc:
        return fail(str(exc))
    finally:
        store.close()
    if not report["employer"]:
        return fail(f"No employer with id {args.employer_id}.")
    if args.json:
        print(json.dumps(report, indent=2, default=str))
        return 0
    print(f"{report['employer']} ({report['employer_id']})")
    for program in report["programs"]:
        label = Result(program["result"]).label
        confirmed = program["confirmed"]
        note = ""
        if confirmed:
            note = f"  [confirmed {confirmed['decided_on']} by {confirmed['confirmed_by'] or 'unknown'}"
            note += "]" if confirmed["current"] else ", answers changed since]"
        print(f"\n{program['name']}: {label}{note}")
        for reason in program["reasons"]:
            print(f"  - {reason['text']} ({reason['source']})")
    if report["missing"]:
        print("\nMissing answers:")
        for item in report["missing"]:
            print(f"  Q{item['question']} {item['label']}")
    return 0
