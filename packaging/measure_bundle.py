"""Figures for the bundle: its size on disk and its start time against the source run.

    QT_QPA_PLATFORM=offscreen python packaging/measure_bundle.py BUNDLE_FOLDER [--runs 5]

Start time is from launching the program to the window closing itself right after the
store is open and the first page is shown (`--quit-after 0`), on a small demo store;
the median of `--runs` runs each, alternating bundle and source so a busy machine
weighs on both alike. `--version` (no window, no store) is timed the same way.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def folder_size(folder: Path) -> int:
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file() and not f.is_symlink())


def timed(command: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True, env=env, capture_output=True, cwd=ROOT)
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("bundle", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    exe = args.bundle / ("employer-desk-cli.exe" if sys.platform == "win32" else "employer-desk")
    source = [sys.executable, "-m", "app"]
    with tempfile.TemporaryDirectory(prefix="employer-desk-measure-") as tmp:
        env = {**os.environ, "EMPLOYER_DESK_HOME": tmp, "QT_QPA_PLATFORM": "offscreen"}
        store = Path(tmp) / "demo.sqlite"
        subprocess.run(
            [*source, "demo", "--out", str(store), "--employers", "60"],
            check=True,
            env=env,
            capture_output=True,
            cwd=ROOT,
        )
        cases = {
            "start to first page": ["--store", str(store), "--quit-after", "0"],
            "--version": ["--version"],
        }
        print(f"bundle size: {folder_size(args.bundle) / 1e6:.0f} MB ({args.bundle})")
        for name, extra in cases.items():
            timed([str(exe), *extra], env)  # warm the file cache for both
            timed([*source, *extra], env)
            bundle_times, source_times = [], []
            for _ in range(args.runs):
                bundle_times.append(timed([str(exe), *extra], env))
                source_times.append(timed([*source, *extra], env))
            b, s = statistics.median(bundle_times), statistics.median(source_times)
            print(
                f"{name}: bundle {b:.2f} s, source {s:.2f} s, ratio {b / s:.2f} "
                f"(median of {args.runs}; bundle {[round(t, 2) for t in bundle_times]}, "
                f"source {[round(t, 2) for t in source_times]})"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
