"""Entry point: `employer-desk` starts the app; `employer-desk COMMAND` runs a batch command.

Kept light on purpose: nothing here imports SQLModel or Qt until it is needed,
so the first window appears fast.
"""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    from app.cli import build_parser

    args = build_parser().parse_args(sys.argv[1:] if argv is None else argv)
    if getattr(args, "run", None) is not None:
        return int(args.run(args) or 0)
    from app.ui.launch import run_gui

    return run_gui(store_path=args.store, demo=args.demo)


if __name__ == "__main__":
    sys.exit(main())
