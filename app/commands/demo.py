"""`employer-desk demo --out PATH`: write the demo dataset to a store file."""

from __future__ import annotations

import argparse
from pathlib import Path


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("demo", help="write the generated demo dataset to a new store file")
    p.add_argument("--out", type=Path, required=True, help="store file to create")
    p.add_argument("--employers", type=int, default=300, help="how many employers (default 300)")
    p.add_argument("--seed", type=int, default=2026)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from app.commands.common import fail, open_store_or_exit
    from app.services.demo.dataset import DemoSize, write_demo

    if args.out.exists():
        return fail(f"{args.out} already exists; choose a new file name.")
    store = open_store_or_exit(args.out)
    figures = write_demo(store, DemoSize(employers=args.employers), seed=args.seed)
    store.close()
    print(f"Demo store written to {args.out}")
    for line in figures.lines():
        print(f"  {line}")
    return 0
