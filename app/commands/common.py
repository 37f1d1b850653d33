"""Helpers every command shares: open the store the user named, print plainly."""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.store import health
    from app.store.engine import Store


def open_user_store(args: argparse.Namespace) -> Store:
    """The store from --store, else this BSR's own store in the per-user data folder."""
    from app import forms
    from app.services.agency.offices import check_event_offices
    from app.services.agency.org import ensure_reference_data
    from app.store import health
    from app.store.paths import default_store_path

    try:
        forms.check_all()
    except forms.FormsFileError as exc:
        raise SystemExit(fail(forms.explain(exc), code=2)) from exc
    path = args.store or default_store_path()
    store = open_store_or_exit(path)
    try:
        ensure_reference_data(store)
    except Exception as exc:
        store.close()
        raise SystemExit(fail(health.explain(path, exc).message, code=STORE_PROBLEM_EXIT)) from exc
    try:
        check_event_offices(store)
    except forms.FormsFileError as exc:
        store.close()
        raise SystemExit(fail(forms.explain(exc), code=2)) from exc
    return store


def open_store_or_exit(path: Path) -> Store:
    """Open the store at `path`, or end the command with one plain line and a non-zero exit."""
    from app.store import health
    from app.store.engine import open_store

    try:
        return open_store(path)
    except health.StoreProblem as problem:
        raise SystemExit(fail(store_problem_line(problem), code=STORE_PROBLEM_EXIT)) from problem


#: Exit status when the store cannot be opened (2 is a broken forms file).
STORE_PROBLEM_EXIT = 3


def store_problem_line(problem: health.StoreProblem) -> str:
    """The problem as one line; a damaged store says how to get its backup back."""
    line = " ".join(problem.message.split())
    if problem.backup is not None:
        line += " To restore it, start Employer Desk and choose “Restore newest backup”."
    return line


@contextmanager
def scratch_store(args: argparse.Namespace) -> Iterator[Store]:
    """A throw-away copy of the user's store, for a dry run: the real file is never opened.

    Opening a store migrates it, records the device and seeds reference data; a dry
    run must leave a missing store missing and an existing one byte for byte as it was.
    """
    from app.store.paths import default_store_path

    real = Path(args.store or default_store_path())
    with tempfile.TemporaryDirectory(prefix="employer-desk-dry-run-") as folder:
        copy = Path(folder) / "store.sqlite"
        for suffix in ("", "-wal"):
            source = real.with_name(real.name + suffix)
            if source.is_file():
                shutil.copyfile(source, copy.with_name(copy.name + suffix))
        scratch = argparse.Namespace(**{**vars(args), "store": copy})
        store = open_user_store(scratch)
        try:
            yield store
        finally:
            store.close()


def day_arg(text: str) -> date:
    """An argparse type for YYYY-MM-DD dates, with a message people understand."""
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2026-06-01") from exc


def fail(message: str, code: int = 1) -> int:
    print(f"employer-desk: {message}", file=sys.stderr)
    return code
