"""`employer-desk export --format xlsx|csv|json --out PATH`: the store out, for people or for backup;
`employer-desk export services --from DATE --to DATE --out FILE.xlsx`: employer services delivered."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.commands.common import day_arg


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "export",
        help="export the store: json (everything, re-importable), xlsx (a sheet per table), csv",
        description=(
            "json holds every table (the backup format, see docs/export-format.md); xlsx has a "
            "sheet per table; csv has one row per employer with its primary contact."
        ),
    )
    p.add_argument(
        "what",
        nargs="?",
        choices=("services",),
        help="services: the employer services delivered from --from to --to, as xlsx",
    )
    p.add_argument("--format", choices=("xlsx", "csv", "json"))
    p.add_argument(
        "--from", dest="start", type=day_arg, help="first day (YYYY-MM-DD), for services"
    )
    p.add_argument("--to", dest="end", type=day_arg, help="last day (YYYY-MM-DD), for services")
    p.add_argument("--out", type=Path, required=True, help="file to write")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from app.commands.common import fail, open_user_store
    from app.services.importing.exporting import export

    if args.what == "services":
        return run_services(args)
    if args.format is None:
        return fail("give --format xlsx, csv or json (or `export services --from --to`).")
    if args.out.is_dir():
        return fail(
            f"{args.out} is a folder; give a file name, like {args.out / ('employers.' + args.format)}."
        )
    store = open_user_store(args)
    try:
        print(export(store, args.format, args.out))
        return 0
    except OSError as exc:
        return fail(f"Could not write {args.out}: {exc.strerror or exc}.")
    finally:
        store.close()


def run_services(args: argparse.Namespace) -> int:
    from app.commands.common import fail, open_user_store
    from app.core.periods import custom
    from app.services.reports.services_export import write_services_xlsx

    if args.start is None or args.end is None:
        return fail("export services needs --from and --to (YYYY-MM-DD).")
    if args.end < args.start:
        return fail(f"--to ({args.end}) is before --from ({args.start}).")
    if args.out.is_dir():
        return fail(f"{args.out} is a folder; give a file name ending in .xlsx.")
    store = open_user_store(args)
    try:
        count = write_services_xlsx(store, custom(args.start, args.end), args.out)
    except OSError as exc:
        return fail(f"Could not write {args.out}: {exc.strerror or exc}.")
    finally:
        store.close()
    print(f"{count} employer services written to {args.out}")
    return 0
