"""`employer-desk export --format xlsx|csv|json --out PATH`: the store out, for people or for backup."""

from __future__ import annotations

import argparse
from pathlib import Path


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "export",
        help="export the store: json (everything, re-importable), xlsx (a sheet per table), csv",
        description=(
            "json holds every table (the backup format, see docs/export-format.md); xlsx has a "
            "sheet per table; csv has one row per employer with its primary contact."
        ),
    )
    p.add_argument("--format", choices=("xlsx", "csv", "json"), required=True)
    p.add_argument("--out", type=Path, required=True, help="file to write")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from app.commands.common import fail, open_user_store
    from app.services.importing.exporting import export

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
