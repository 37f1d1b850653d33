"""What About shows, and the diagnostics text a BSR pastes into an email to support.

The diagnostics say how the app and its data are, never what the data is: versions,
platform, the store's size and how many rows each table holds, the sync state and
the log's last lines. Paths have the home folder and the account name taken out;
log lines are kept only when they have the shape the crash log writes (a time and
level, an exception type, a code frame), anything else is withheld, so a line that
could quote an employer, a person, a phone or an email never leaves the computer.
"""

from __future__ import annotations

import getpass
import platform
import re
import sys
from collections import deque
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from app import APP_NAME, __version__, secrets
from app.store import paths
from app.store.engine import Store
from app.store.migrate import current_heads

LOG_LINES = 50
#: Packages whose versions matter when something breaks.
PACKAGES = (
    "PySide6-Essentials",
    "SQLAlchemy",
    "sqlmodel",
    "alembic",
    "reportlab",
    "keyring",
    "cryptography",
    "smbprotocol",
)
#: The shapes of the crash log's lines (app/ui/errors.py): nothing else is copied.
SAFE_LINES = (
    re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} [A-Z]+ [\w .-]+ unexpected error$"),
    re.compile(r"^[A-Za-z_][\w.]*$"),  # an exception type: builtins.ValueError
    re.compile(r'^  File "[^"]*", line \d+, in [\w<>.]+$'),
    re.compile(r"^caused by / while handling:$"),
)


@dataclass(frozen=True)
class AboutFacts:
    version: str
    data_folder: Path
    store: Path
    log_file: Path
    #: The team's shared folder, "" when this store is not in a team.
    shared_folder: str
    schema: list[str]


def about(store: Store) -> AboutFacts:
    """Where everything is, for the About window (the user's own paths, shown to them)."""
    from app.services.team import team

    row = team.team(store)
    return AboutFacts(
        version=__version__,
        data_folder=paths.user_data_dir(),
        store=store.path,
        log_file=paths.log_file(),
        shared_folder=row.folder if row else "",
        schema=schema_revision(store),
    )


def schema_revision(store: Store) -> list[str]:
    """The Alembic heads the store is at (one per area branch)."""
    return sorted(current_heads(store.engine))


def scrub_path(value: str) -> str:
    """A path without the home folder or the account name in it."""
    home = str(Path.home())
    if home and home not in ("/", "\\"):
        value = value.replace(home, "~")
    try:
        user = getpass.getuser()
    except Exception:  # noqa: BLE001 - no account name to hide
        user = ""
    if len(user) > 2:
        value = re.sub(re.escape(user), "<user>", value, flags=re.I)
    return value


def safe_log_lines(log_file: Path, count: int = LOG_LINES) -> list[str]:
    """The log's last `count` lines, each kept only if it has a known, data-free shape."""
    try:
        with log_file.open(encoding="utf-8", errors="replace") as handle:
            last = deque((line.rstrip("\n") for line in handle), maxlen=count)
    except OSError:
        return []
    kept = []
    for line in last:
        if any(shape.match(line) for shape in SAFE_LINES):
            kept.append(scrub_path(line))
        else:
            kept.append(f"[line withheld: {len(line)} characters]")
    return kept


def _store_size(store: Store) -> int:
    files = [store.path, Path(f"{store.path}-wal"), Path(f"{store.path}-shm")]
    return sum(f.stat().st_size for f in files if f.is_file())


def table_counts(store: Store) -> dict[str, int]:
    """Rows per table (names only come from the schema, never from the data)."""
    names = [
        row[0]
        for row in store.raw_rows(
            "SELECT name FROM sqlite_master WHERE type = 'table' "
            "AND name NOT LIKE 'sqlite_%' ORDER BY name"
        )
    ]
    return {n: int(store.raw_rows(f'SELECT count(*) FROM "{n}"')[0][0]) for n in names}


def _versions() -> list[str]:
    lines = [f"{APP_NAME} {__version__}", f"Python {platform.python_version()}"]
    for name in PACKAGES:
        try:
            lines.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            lines.append(f"{name} not found")
    return lines


def _sync_lines(store: Store) -> list[str]:
    from app.services.team import team

    state = team.local_status(store)
    if not state.in_team:
        return ["not in a team", f"changes not yet published: {state.changes_to_publish}"]
    numbers = {k: v for k, v in state.last_summary.items() if isinstance(v, int | float)}
    return [
        f"team {state.team_id}, this device {state.device_id}",
        f"shared folder: {scrub_path(state.folder)}",
        f"team key: {state.key.value if state.key else 'missing on this computer'}",
        f"last sync: {state.last_sync_at.isoformat() + 'Z' if state.last_sync_at else 'never'}",
        f"last sync counts: {numbers}",
        f"changes not yet published: {state.changes_to_publish}",
    ]


def diagnostics(store: Store, *, demo: bool = False, log_file: Path | None = None) -> str:
    """The text "Copy diagnostics" puts on the clipboard: how things are, with no personal data."""
    frozen = "bundle" if getattr(sys, "frozen", False) else "source"
    parts = ["== Versions", *_versions()]
    parts += [
        "",
        "== Platform",
        f"{platform.platform()} ({platform.machine()}), running from {frozen}",
        f"keyring: {secrets.keeper_name() or 'none secure: secrets kept for the session only'}",
        "",
        "== Store",
        f"file: {scrub_path(str(store.path))}{' (demo data)' if demo else ''}",
        f"size: {_store_size(store):,} bytes",
        f"schema: {', '.join(schema_revision(store))}",
    ]
    parts += [f"{name}: {n}" for name, n in table_counts(store).items()]
    parts += ["", "== Sync", *_sync_lines(store)]
    log = log_file or paths.log_file()
    lines = safe_log_lines(log)
    parts += ["", f"== Log, last {len(lines)} lines of {scrub_path(str(log))}"]
    parts += lines or ["(empty)"]
    return "\n".join(parts) + "\n"
