"""Helpers every command shares: open the store the user named, print plainly."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.store.engine import Store


def open_user_store(args: argparse.Namespace) -> Store:
    """The store from --store, else this BSR's own store in the per-user data folder."""
    from app import forms
    from app.services.agency.org import ensure_reference_data
    from app.store.engine import open_store
    from app.store.paths import default_store_path

    try:
        forms.check_all()
    except forms.FormsFileError as exc:
        raise SystemExit(fail(forms.explain(exc), code=2)) from exc
    store = open_store(args.store or default_store_path())
    ensure_reference_data(store)
    return store


def fail(message: str, code: int = 1) -> int:
    print(f"employer-desk: {message}", file=sys.stderr)
    return code
