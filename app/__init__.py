"""Employer Desk: an offline-first desk for Business Services Representatives."""

from __future__ import annotations

import re
from pathlib import Path

APP_NAME = "Employer Desk"
ORG_NAME = "EmployerDesk"
DIST_NAME = "employer-desk"


def _version() -> str:
    """The version pyproject.toml declares: read from the file when it sits beside the package
    (a source checkout, or the bundle, which ships it), else from the installed package."""
    pyproject = Path(__file__).resolve().parent.parent / "pyproject.toml"
    try:
        text = pyproject.read_text(encoding="utf-8")
    except OSError:
        text = ""
    found = re.search(r'^\[project\][^\[]*?^version\s*=\s*"([^"]+)"', text, re.M | re.S)
    if found:
        return found.group(1)
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(DIST_NAME)
    except PackageNotFoundError:
        return "unknown"


__version__ = _version()
