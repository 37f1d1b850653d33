"""Helpers every command shares: open the store the user named, print plainly."""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
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


def fail(message: str, code: int = 1) -> int:
    print(f"employer-desk: {message}", file=sys.stderr)
    return code
