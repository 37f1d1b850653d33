"""Command-line parser. Each batch command lives in app/commands/ and registers itself.

`employer-desk [--store PATH] [--demo]` starts the app; `employer-desk [--store PATH] COMMAND ...`
runs a command without a window.
"""

from __future__ import annotations

import argparse
import importlib
from pathlib import Path

from app import __version__

#: Modules in app.commands, each with `register(subparsers)`. Add a line to add a command.
COMMAND_MODULES: tuple[str, ...] = (
    "demo",
    "import_sheet",
    "export",
    "rfi",
    "eligibility",
    "team",
    "sync",
    "event",
    "retention",
    "listing",
    "ojt",
    # Joins the `ojt` command when it is registered first (keep it after "ojt").
    "ojt_packet",
    "report",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="employer-desk",
        description="Employer Desk: employer partnerships for Business Services Representatives.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--store", type=Path, default=None, help="use this store file instead of your own"
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        help="open on a generated demo dataset in a temporary store (your own is not touched)",
    )
    parser.add_argument(
        "--quit-after",
        type=float,
        default=None,
        metavar="SECONDS",
        help="close the window this long after the data is open (to check an installed copy)",
    )
    parser.add_argument(
        "--key-file",
        type=Path,
        default=None,
        metavar="FILE",
        help="open with this team key file ready to join the team (what opening a .edkey file does)",
    )
    parser.set_defaults(run=None)
    sub = parser.add_subparsers(title="commands", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(f"app.commands.{name}").register(sub)
    return parser
