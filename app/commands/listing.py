"""`employer-desk list employers|events|participants [--search TEXT] [--json]`: the ids other
commands take (`rfi form EMPLOYER_ID`, `eligibility EMPLOYER_ID`, `event report EVENT_ID`),
found by name without opening the window."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from app.store.engine import Store

KINDS = ("employers", "events", "participants")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("list", help="list employers, events or participants with their ids")
    p.add_argument("kind", choices=KINDS, help="what to list")
    p.add_argument("--search", default="", metavar="TEXT", help="only rows matching this text")
    p.add_argument("--json", action="store_true", help="print JSON instead of lines")
    p.set_defaults(run=run)


def _employers(store: Store, search: str) -> list[dict[str, Any]]:
    from app.services.employers.employers import EmployerFilter, list_rows

    return [
        {"id": r.id, "name": r.name, "dba_name": r.dba_name, "stage": r.stage,
         "industry": r.industry, "owner": r.owner, "office": r.office, "phone": r.phone}
        for r in list_rows(store, EmployerFilter(text=search))
    ]  # fmt: skip


def _events(store: Store, search: str) -> list[dict[str, Any]]:
    from app.services.events.events import list_events

    needle = search.casefold().strip()
    return [
        {"id": r.id, "starts_at": r.starts_at.isoformat(), "title": r.title, "place": r.place,
         "hosts": r.hosts, "status": r.status}
        for r in list_events(store)
        if not needle or needle in f"{r.title} {r.place} {r.hosts}".casefold()
    ]  # fmt: skip


def _participants(store: Store, search: str) -> list[dict[str, Any]]:
    from app.services.people.participants import list_rows

    return [
        {"id": r.id, "name": r.name, "phone": r.phone, "email": r.email, "staff": r.staff,
         "work_authorization_confirmed": r.work_authorization_confirmed}
        for r in list_rows(store, search=search)
    ]  # fmt: skip


READERS: dict[str, Callable[[Store, str], list[dict[str, Any]]]] = {
    "employers": _employers,
    "events": _events,
    "participants": _participants,
}
#: The columns a plain line shows after the id, per kind.
LINE_COLUMNS = {
    "employers": ("name", "stage", "office"),
    "events": ("starts_at", "title", "status"),
    "participants": ("name", "phone", "staff"),
}


def run(args: argparse.Namespace) -> int:
    from app.commands.common import open_user_store

    store = open_user_store(args)
    try:
        rows = READERS[args.kind](store, args.search)
    finally:
        store.close()
    if args.json:
        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return 0
    if not rows:
        print(f"No {args.kind} found.")
        return 0
    for row in rows:
        shown = "  ".join(str(row[c]) for c in LINE_COLUMNS[args.kind] if row[c] not in ("", None))
        print(f"{row['id']}  {shown}")
    return 0
