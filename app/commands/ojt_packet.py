"""`employer-desk ojt packet AGREEMENT_ID --out FILE.pdf` and
`employer-desk ojt invoices-due --month YYYY-MM --out FILE.pdf`.

They join the `ojt` command (app/commands/ojt.py, listed before this module in
app/cli.py); without it they make the `ojt` command themselves.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.store.engine import Store


def _month(text: str) -> tuple[int, int]:
    try:
        day = date.fromisoformat(f"{text}-01")
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"{text!r} is not a month like 2026-03") from exc
    return day.year, day.month


def _actions(sub: argparse._SubParsersAction) -> argparse._SubParsersAction:
    ojt = sub.choices.get("ojt") or sub.add_parser("ojt", help="OJT agreements and packets")
    found = [a for a in ojt._actions if isinstance(a, argparse._SubParsersAction)]
    if found:
        return found[0]
    return ojt.add_subparsers(title="ojt commands", metavar="ACTION", required=True)


def register(sub: argparse._SubParsersAction) -> None:
    actions = _actions(sub)
    one = actions.add_parser("packet", help="write an agreement's reimbursement packet (PDF)")
    one.add_argument("agreement_id", help="the agreement's id (see `ojt list`)")
    one.add_argument("--out", type=Path, required=True, help="PDF file to write")
    one.add_argument(
        "--period",
        type=date.fromisoformat,
        default=None,
        help="a day of the pay period to bill (YYYY-MM-DD); default: the latest unpaid invoice",
    )
    one.set_defaults(run=run_packet)
    due = actions.add_parser(
        "invoices-due", help="every unpaid reimbursement request of a month in one PDF"
    )
    due.add_argument("--month", type=_month, required=True, help="the month, like 2026-03")
    due.add_argument("--out", type=Path, required=True, help="PDF file to write")
    due.set_defaults(run=run_invoices_due)


def _write(
    args: argparse.Namespace, make: Callable[[Store], bytes], what: Callable[[], str]
) -> int:
    """Build the PDF from the store and write it to --out; a clear line on any failure."""
    from app.commands.common import fail, open_user_store
    from app.services.ojt import packet

    store = open_user_store(args)
    try:
        out = packet.save(args.out, make(store))
    except (LookupError, ValueError) as exc:
        return fail(str(exc))
    except OSError as exc:
        return fail(f"cannot write {args.out}: {exc.strerror or exc}")
    finally:
        store.close()
    print(f"{what()} written to {out}")
    return 0


def run_packet(args: argparse.Namespace) -> int:
    from app.services.ojt import packet

    missing: list[packet.MissingItem] = []

    def make(store: Store) -> bytes:
        missing.extend(packet.missing_information(store, args.agreement_id))
        return packet.packet_pdf(store, args.agreement_id, args.period)

    code = _write(args, make, lambda: "OJT packet")
    if code == 0 and missing:
        print(f"Printed as blanks to fill in by hand ({len(missing)}):")
        for item in missing:
            print(f"  {item.label}: {item.where}, field {item.field}")
    return code


def run_invoices_due(args: argparse.Namespace) -> int:
    from app.services.ojt import packet

    year, month = args.month
    count: list[int] = []

    def make(store: Store) -> bytes:
        count.append(len(packet.invoices_due(store, year, month)))
        return packet.invoices_due_pdf(store, year, month)

    def what() -> str:
        n = count[0] if count else 0
        return f"{n} reimbursement request{'s' if n != 1 else ''}"

    return _write(args, make, what)
