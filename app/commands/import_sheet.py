"""`employer-desk import FILE`: bring a master spreadsheet (or an Employer Desk JSON export) in."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "import",
        help="import employers from a spreadsheet (.xlsx, .xls, .ods, .csv) or a JSON export",
        description=(
            "Import employers. Columns are matched to fields from their headers (or the mapping "
            "saved the last time these columns were imported). Nothing is written when rows are "
            "rejected, unless --accept-partial is given."
        ),
    )
    p.add_argument("file", type=Path, help="the file to import")
    p.add_argument(
        "--mapping",
        default=None,
        help='column mapping: a JSON file {"Header": "field"} or \'Header=field,Header=field\' '
        "(fields: " + ", ".join(k for k in _targets() if k) + ")",
    )
    p.add_argument(
        "--accept-partial",
        action="store_true",
        help="import the good rows even if some are rejected",
    )
    p.add_argument("--dry-run", action="store_true", help="print the report only; change nothing")
    p.set_defaults(run=run)


def _targets() -> list[str]:
    from app.services.importing.mapping import TARGETS

    return list(TARGETS)


def parse_mapping(spec: str, headers: list[str], base: tuple[str, ...]) -> tuple[str, ...]:
    """Apply a --mapping spec on top of `base`: only the columns it names change."""
    path = Path(spec)
    pairs: dict[str, Any]
    if path.suffix.lower() == ".json" and path.exists():
        pairs = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(pairs, dict):
            raise ValueError(f'{path.name} must hold an object like {{"Company": "legal_name"}}.')
    else:
        pairs = {}
        for part in spec.split(","):
            if not part.strip():
                continue
            header, sep, target = part.partition("=")
            if not sep:
                raise ValueError(f"“{part}” is not Header=field.")
            pairs[header.strip()] = target.strip()
    from app.services.importing.mapping import TARGETS, header_word

    mapping = list(base)
    index = {header_word(h): i for i, h in enumerate(headers)}
    for header, target in pairs.items():
        target = "" if target in ("", "-", "none", "ignore") else str(target)
        if target not in TARGETS:
            raise ValueError(
                f"“{target}” is not a field; use one of: {', '.join(t for t in TARGETS if t)}."
            )
        i = index.get(header_word(header))
        if i is None:
            raise ValueError(f"The file has no column “{header}”.")
        mapping[i] = target
    return tuple(mapping)


def print_report(plan: Any) -> None:
    from app.services.importing.mapping import TARGETS

    sheet = getattr(plan, "sheet", "")
    print(f"File: {plan.source}" + (f" (sheet {sheet})" if sheet else ""))
    for note in plan.notes:
        print(f"Note: {note}")
    if hasattr(plan, "mapping"):
        print("Columns:")
        for header, target in zip(plan.headers, plan.mapping, strict=True):
            print(f"  {header} -> {TARGETS[target]}")
        print(f"Rows read: {plan.total_rows}")
        print(f"Created: {len(plan.creates)}")
        print(f"Updated: {len(plan.updates)}")
        for item in plan.updates[:50]:
            fields = ", ".join(item.changes) or "contacts"
            print(f"  {item.label} (rows {_rows(item.rows)}): {fields}")
        print(f"Already up to date: {plan.unchanged}")
    else:
        print(plan.summary())
    print(f"Possible duplicates: {len(plan.duplicates)}")
    for d in plan.duplicates:
        print(f"  {d.a_label} / {d.b_label}: {'; '.join(d.evidence)}")
    print(f"Rejected rows: {len(plan.rejected_rows)}")
    for r in plan.rejected:
        print(f"  row {r.row}, {r.column}: {r.reason}")


def _rows(rows: list[int]) -> str:
    text = ", ".join(str(r) for r in rows[:8])
    return text + (" …" if len(rows) > 8 else "")


def run(args: argparse.Namespace) -> int:
    """Read and check the file first, then plan against the store (a copy for --dry-run)."""
    from contextlib import nullcontext

    from app.commands.common import fail, open_user_store, scratch_store
    from app.services.importing import ImportFileError, ImportRefused, load_table
    from app.services.importing.restore import is_export_file, read_export

    try:
        if is_export_file(args.file):
            source: Any = read_export(args.file)
        else:
            source = load_table(args.file)
    except ImportFileError as exc:
        return fail(exc.message)
    opened = scratch_store(args) if args.dry_run else nullcontext(open_user_store(args))
    with opened as store:
        try:
            return _import(store, args, source)
        except (ImportFileError, ImportRefused) as exc:
            return fail(exc.message)
        except ValueError as exc:
            return fail(str(exc))
        finally:
            store.close()


def _import(store: Any, args: argparse.Namespace, source: Any) -> int:
    from app.services.importing import apply_plan, initial_mapping, plan_import
    from app.services.importing.restore import apply_restore, plan_restore

    if isinstance(source, dict):
        restore = plan_restore(store, args.file, doc=source)
        print_report(restore)
        if args.dry_run:
            print("Dry run: nothing was changed.")
            return 2 if restore.rejected and not args.accept_partial else 0
        apply_restore(store, restore, accept_partial=args.accept_partial)
        print(f"Imported: {restore.summary()}.")
        return 0
    table = source
    mapping, _saved = initial_mapping(store, table.headers)
    if args.mapping:
        mapping = parse_mapping(args.mapping, table.headers, mapping)
    plan = plan_import(store, table, mapping)
    plan.source = args.file.name
    print_report(plan)
    if plan.rejected and not args.accept_partial:
        print(
            f"Nothing was imported: {len(plan.rejected_rows)} rows were rejected. Fix them, or "
            "run again with --accept-partial to import the other rows."
        )
        return 2
    if args.dry_run:
        print("Dry run: nothing was changed.")
        return 0
    result = apply_plan(store, plan, accept_partial=args.accept_partial)
    print(
        f"Imported: {result.created} created, {result.updated} updated, "
        f"{result.contacts_added} contacts added."
    )
    return 0
