"""Helpers every command shares: open the store the user named, print plainly."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.store.engine import Store


def open_user_store(args: argparse.Namespace) -> Store:
    """The store from --store, else this BSR's own store in the per-user data folder."""
    from app.services.agency import forms_check
    from app.services.agency.org import ensure_reference_data
    from app.store.engine import open_store
    from app.store.paths import default_store_path

    try:
        forms_check.check_forms()
    except forms_check.FormsFileError as exc:
        raise SystemExit(fail(forms_check.explain(exc), code=2)) from exc
    store = open_store(args.store or default_store_path())
    ensure_reference_data(store)
    return store


def day_arg(text: str) -> date:
    """An argparse type for YYYY-MM-DD dates, with a message people understand."""
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2026-06-01") from exc


def fail(message: str, code: int = 1) -> int:
    print(f"employer-desk: {message}", file=sys.stderr)
    return code
