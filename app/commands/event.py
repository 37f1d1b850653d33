"""`employer-desk event flyer|report EVENT_ID --out FILE.pdf`: an event's papers without a window."""

from __future__ import annotations

import argparse
from pathlib import Path


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("event", help="hiring event papers: flyer, report, check-in list")
    actions = p.add_subparsers(title="what", metavar="WHAT", required=True)
    flyer = actions.add_parser(
        "flyer", help="the flyer of an event as a PDF (an invitation for employer events)"
    )
    flyer.add_argument("event_id", metavar="EVENT_ID")
    flyer.add_argument("--out", type=Path, required=True, help="PDF file to write")
    flyer.add_argument(
        "--handout", action="store_true", help="two half-page handouts on one sheet instead"
    )
    flyer.add_argument(
        "--lang",
        choices=("en", "es", "both"),
        help="English, Spanish, or both on one sheet (default: the job center's languages; "
        "Little Village prints both)",
    )
    flyer.set_defaults(run=run_flyer)
    report = actions.add_parser(
        "report", help="the event report PDF for employers (once the event is held)"
    )
    report.add_argument("event_id", metavar="EVENT_ID")
    report.add_argument("--out", type=Path, required=True, help="PDF file to write")
    report.set_defaults(run=run_report)
    checkins = actions.add_parser("checkins", help="the check-in list as an Excel workbook")
    checkins.add_argument("event_id", metavar="EVENT_ID")
    checkins.add_argument("--out", type=Path, required=True, help=".xlsx file to write")
    checkins.set_defaults(run=run_checkins)


def _write(args: argparse.Namespace, make) -> int:  # noqa: ANN001 - a callable (store, id) -> bytes
    from app.commands.common import fail, open_user_store

    store = open_user_store(args)
    try:
        data = make(store, args.event_id)
    except LookupError:
        return fail(f"no event with the id {args.event_id}; the Events page shows each event's id.")
    except ValueError as exc:
        return fail(str(exc))
    finally:
        store.close()
    tmp = args.out.with_name(args.out.name + ".tmp")
    try:
        tmp.write_bytes(data)
        tmp.replace(args.out)
    except OSError as exc:
        return fail(f"could not write {args.out}: {exc.strerror or exc}")
    print(f"Written to {args.out}")
    return 0


def run_flyer(args: argparse.Namespace) -> int:
    from app.services.events.flyers import flyer_pdf

    return _write(
        args, lambda store, eid: flyer_pdf(store, eid, handout=args.handout, lang=args.lang)
    )


def run_report(args: argparse.Namespace) -> int:
    from app.services.events.event_documents import report_pdf

    return _write(args, report_pdf)


def run_checkins(args: argparse.Namespace) -> int:
    from app.commands.common import fail, open_user_store
    from app.services.events.event_report import export_checkins_xlsx

    store = open_user_store(args)
    try:
        count = export_checkins_xlsx(store, args.event_id, args.out)
    except LookupError:
        return fail(f"no event with the id {args.event_id}; the Events page shows each event's id.")
    except OSError as exc:
        return fail(f"could not write {args.out}: {exc.strerror or exc}")
    finally:
        store.close()
    print(f"{count} people written to {args.out}")
    return 0
