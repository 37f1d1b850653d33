"""Entry point: `employer-desk` starts the app; `employer-desk COMMAND` runs a batch command.

Kept light on purpose: nothing here imports SQLModel or Qt until it is needed,
so the first window appears fast.
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> int:
    from app.cli import build_parser

    _use_forms_beside_program()

    args = build_parser().parse_args(sys.argv[1:] if argv is None else argv)
    if getattr(args, "run", None) is not None:
        try:
            code = int(args.run(args) or 0)
            sys.stdout.flush()  # here, where a closed pipe is caught, not at interpreter exit
            return code
        except BrokenPipeError:
            return _reader_went_away()
    from app.ui.launch import run_gui

    return run_gui(
        store_path=args.store, demo=args.demo, quit_after=args.quit_after, key_file=args.key_file
    )


def _use_forms_beside_program() -> None:
    """In the bundle the agency's forms folder sits next to the program, where it can be
    edited; a source checkout keeps using the forms folder of the checkout."""
    if getattr(sys, "frozen", False):
        from pathlib import Path

        from app import forms

        forms.set_folder(Path(sys.executable).resolve().parent / "forms")


def _reader_went_away() -> int:
    """`employer-desk ... | head` closed the pipe: stop quietly, as other command-line tools do.

    Python would otherwise print a traceback while flushing stdout at exit.
    """
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    return 141  # 128 + SIGPIPE, what a shell reports for a program stopped by a closed pipe


if __name__ == "__main__":
    sys.exit(main())
