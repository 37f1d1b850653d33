"""`employer-desk rfi form EMPLOYER_ID --out FILE.pdf` and `employer-desk rfi import FILE.pdf`."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("rfi", help="write an employer's RFI form, or import a returned one")
    rfi_sub = p.add_subparsers(title="rfi commands", metavar="ACTION", required=True)
    form = rfi_sub.add_parser("form", help="write the fillable RFI PDF, pre-filled")
    form.add_argument("employer_id", help="the employer's id")
    form.add_argument("--out", type=Path, required=True, help="PDF file to write")
    form.set_defaults(run=run_form)
    imp = rfi_sub.add_parser("import", help="read a returned RFI PDF into the employer's record")
    imp.add_argument("file", type=Path, help="the filled-in RFI PDF")
    imp.add_argument(
        "--received", type=date.fromisoformat, default=None, help="date received (YYYY-MM-DD)"
    )
    imp.set_defaults(run=run_import)


def run_form(args: argparse.Namespace) -> int:
    from app.commands.common import fail, open_user_store
    from app.services.rfi import rfi_documents

    store = open_user_store(args)
    try:
        out = rfi_documents.write_form(store, args.employer_id, args.out)
    except LookupError as exc:
        return fail(str(exc))
    except OSError as exc:
        return fail(f"cannot write {args.out}: {exc.strerror or exc}")
    finally:
        store.close()
    print(f"RFI form written to {out}")
    return 0


def run_import(args: argparse.Namespace) -> int:
    from app.commands.common import fail, open_user_store
    from app.documents.rfi_form import RfiFormError
    from app.services.agency import settings
    from app.services.rfi import rfi_documents
    from app.services.rfi.rfi import RfiAnswersError

    if not args.file.exists():
        return fail(f"{args.file} does not exist.")
    store = open_user_store(args)
    try:
        me = settings.me(store)
        result = rfi_documents.import_form(
            store, args.file, entered_by=me.id if me else None, received_on=args.received
        )
    except (RfiFormError, LookupError) as exc:
        return fail(str(exc))
    except RfiAnswersError as exc:
        lines = "\n".join(f"  {p.line()}" for p in exc.problems)
        return fail(f"nothing was saved; these answers need correcting:\n{lines}")
    finally:
        store.close()
    print(f"RFI answers for {result.employer_name} ({result.employer_id})")
    if result.changes:
        print(f"{len(result.changes)} new or changed:")
        for change in result.changes:
            print(f"  {change.line()}")
    else:
        print("Nothing changed: the record already held these answers.")
    if result.missing:
        print(f"Still missing ({len(result.missing)}):")
        for item in result.missing:
            print(f"  {item}")
    return 0
