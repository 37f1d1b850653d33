"""`employer-desk ojt list [--json]`, `employer-desk ojt totals [--by ...] [--from/--to] [--json]`
and `employer-desk wotc due [--today DATE] [--json]`.

`ojt` is a command with actions; app/commands/ojt_packet.py adds `packet` and
`invoices-due` to it (it is listed after this module in app/cli.py).
"""

from __future__ import annotations

import argparse
import json
from datetime import date
from typing import Any


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2026-06-01") from exc


def register(sub: argparse._SubParsersAction) -> None:
    ojt = sub.add_parser("ojt", help="OJT agreements, totals and packets")
    actions = ojt.add_subparsers(title="ojt commands", metavar="ACTION", required=True)
    listing = actions.add_parser("list", help="every OJT agreement with its money figures")
    listing.add_argument("--json", action="store_true", help="print JSON instead of text")
    listing.add_argument("--status", default=None, help="only agreements with this status")
    listing.set_defaults(run=run_list)
    money = actions.add_parser("totals", help="OJT money reimbursed (paid) and committed")
    money.add_argument(
        "--by",
        choices=["agency", "agreement", "employer", "program", "office"],
        default="agency",
        help="group the totals (default: agency-wide)",
    )
    money.add_argument(
        "--from", dest="start", type=_day, default=None, help="first day (YYYY-MM-DD)"
    )
    money.add_argument("--to", dest="end", type=_day, default=None, help="last day (YYYY-MM-DD)")
    money.add_argument("--json", action="store_true", help="print JSON instead of text")
    money.set_defaults(run=run_totals)

    wotc = sub.add_parser("wotc", help="Work Opportunity Tax Credit filings")
    wotc_actions = wotc.add_subparsers(title="wotc commands", metavar="ACTION", required=True)
    due = wotc_actions.add_parser("due", help="filings overdue or due within the warning days")
    due.add_argument("--today", type=_day, default=None, help="as of this date (YYYY-MM-DD)")
    due.add_argument("--json", action="store_true", help="print JSON instead of text")
    due.set_defaults(run=run_wotc_due)


def list_rows(store: Any, status: str | None = None) -> list[dict[str, Any]]:
    """The agreements as plain data: what `ojt list --json` prints."""
    from sqlalchemy import text

    from app.services.ojt import agreements, totals

    money = totals.totals(store, "agreement")
    with store.engine.connect() as conn:
        employers = dict(conn.execute(text("SELECT id, legal_name FROM employer")).all())
        people = {
            r[0]: f"{r[1]} {r[2]}".strip()
            for r in conn.execute(text("SELECT id, first_name, last_name FROM participant"))
        }
    rows = []
    for a in agreements.agreements(store, agreements.AgreementFilter(status=status)):
        figures = money.get(a.id)
        rows.append(
            {
                "id": a.id,
                "employer_id": a.employer_id,
                "employer": employers.get(a.employer_id, a.employer_legal_name),
                "participant_id": a.participant_id,
                "participant": people.get(a.participant_id, ""),
                "program": a.program_code,
                "status": a.status,
                "position_title": a.position_title,
                "start_date": a.start_date.isoformat() if a.start_date else None,
                "end_date": a.end_date.isoformat() if a.end_date else None,
                "rate_percent": a.rate_percent,
                "wage_cents": a.wage_cents,
                "training_hours": a.training_hours,
                "max_reimbursement_cents": a.max_reimbursement_cents,
                "reimbursed_cents": figures.reimbursed_cents if figures else 0,
                "committed_cents": figures.committed_cents if figures else 0,
                "employees_at_site": a.employees_at_site,
            }
        )
    return rows


def run_list(args: argparse.Namespace) -> int:
    from app.commands.common import open_user_store
    from app.core.models import AgreementStatus
    from app.core.ojt_money import dollars

    store = open_user_store(args)
    try:
        rows = list_rows(store, args.status)
    finally:
        store.close()
    if args.json:
        print(json.dumps(rows, indent=2))
        return 0
    if not rows:
        print("No OJT agreements.")
    for r in rows:
        print(
            f"{r['employer']}: {r['participant']}, {r['position_title']} "
            f"({AgreementStatus(r['status']).label}) {r['rate_percent']}%, "
            f"{dollars(r['reimbursed_cents'])} of {dollars(r['max_reimbursement_cents'])} reimbursed  [{r['id']}]"
        )
    return 0


def run_totals(args: argparse.Namespace) -> int:
    from app.commands.common import open_user_store
    from app.core.ojt_money import dollars
    from app.services.ojt import totals

    period = totals.Period(args.start, args.end)
    store = open_user_store(args)
    try:
        if args.by == "agency":
            result = {"agency": totals.agency(store, period)}
        else:
            result = dict(totals.totals(store, args.by, period))
        names = _names(store, args.by)
    finally:
        store.close()
    data = {key: {"name": names.get(key, key), **t.as_dict()} for key, t in sorted(result.items())}
    if args.json:
        print(json.dumps(data, indent=2))
        return 0
    for t in sorted(data.values(), key=lambda t: -int(t["reimbursed_cents"])):
        count = t["agreements"]
        print(
            f"{t['name'] or '(none)'}: {dollars(int(t['reimbursed_cents']))} reimbursed, "
            f"{dollars(int(t['committed_cents']))} committed "
            f"({count} agreement{'' if count == 1 else 's'})"
        )
    return 0


_NAMES_SQL = {
    "employer": "SELECT id, legal_name FROM employer",
    "office": "SELECT id, name FROM office",
    "program": "SELECT code, name FROM program WHERE deleted_at IS NULL",
    "agreement": "SELECT a.id, e.legal_name || ': ' || a.position_title "
    "FROM ojt_agreement a JOIN employer e ON e.id = a.employer_id",
}


def _names(store: Any, by: str) -> dict[str, str]:
    """What a grouping key is called, for the text output (JSON keeps the keys too)."""
    from sqlalchemy import text

    if by not in _NAMES_SQL:
        return {"agency": "Agency-wide"}
    with store.engine.connect() as conn:
        return {str(k): str(v) for k, v in conn.execute(text(_NAMES_SQL[by])).all()}


def run_wotc_due(args: argparse.Namespace) -> int:
    from app.commands.common import open_user_store
    from app.services.ojt import wotc

    today = args.today or date.today()
    store = open_user_store(args)
    try:
        due = wotc.due_filings(store, today)
    finally:
        store.close()
    if args.json:
        print(json.dumps([d.as_dict() for d in due], indent=2))
        return 0
    print(f"WOTC filings due on {today}: {len(due)}")
    for d in due:
        days = abs(d.days_left)
        unit = "day" if days == 1 else "days"
        when = f"{days} {unit} overdue" if d.days_left < 0 else f"{days} {unit} left"
        print(
            f"  {d.employer}: {d.participant}, started {d.start_on}, deadline {d.deadline} ({when})"
        )
    return 0
