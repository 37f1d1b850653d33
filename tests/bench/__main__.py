"""Run every tests/bench/bench_*.py and print its figures.

Each module has `run() -> list[str]`: it measures its figure and a baseline in the same
run (these machines are shared and noisy) and returns lines with medians and ratios.
`python -m tests.bench NAME ...` runs only the named modules (e.g. `search`).
"""

from __future__ import annotations

import importlib
import os
import pkgutil
import shutil
import sys
import tempfile
import time
import traceback
from pathlib import Path


def main(argv: list[str]) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    home = tempfile.mkdtemp(prefix="employer-desk-bench-")
    os.environ["EMPLOYER_DESK_HOME"] = home
    os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.null.Keyring"
    here = Path(__file__).parent
    names = sorted(m.name for m in pkgutil.iter_modules([str(here)]) if m.name.startswith("bench_"))
    wanted = [a if a.startswith("bench_") else f"bench_{a}" for a in argv]
    if wanted:
        names = [n for n in names if n in wanted]
    failures = 0
    try:
        for name in names:
            print(f"== {name}", flush=True)
            started = time.perf_counter()
            try:
                module = importlib.import_module(f"tests.bench.{name}")
                for line in module.run():
                    print(f"   {line}", flush=True)
            except Exception:
                failures += 1
                traceback.print_exc()
            print(f"   ({time.perf_counter() - started:.1f} s)", flush=True)
    finally:
        shutil.rmtree(home, ignore_errors=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
