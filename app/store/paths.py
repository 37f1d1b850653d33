"""Where this BSR's files live on this machine (no Qt: usable from the CLI and tests)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_DIR_NAME = "EmployerDesk"


def user_data_dir() -> Path:
    """The per-user data folder, matching Qt's AppDataLocation on each OS.

    `EMPLOYER_DESK_HOME` overrides it (tests, portable installs).
    """
    override = os.environ.get("EMPLOYER_DESK_HOME")
    if override:
        return Path(override)
    if sys.platform == "win32":
        base = Path(os.environ.get("APPDATA") or Path.home() / "AppData" / "Roaming")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / APP_DIR_NAME


def default_store_path() -> Path:
    return user_data_dir() / "employer-desk.sqlite"


def log_dir() -> Path:
    return user_data_dir() / "logs"


LOG_NAME = "employer-desk.log"


def log_file() -> Path:
    """The log of unexpected errors (types and code lines only, never data)."""
    return log_dir() / LOG_NAME
