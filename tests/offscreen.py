"""Running a short script in a fresh Python with Qt offscreen, from the project root.

Used where a test must see a new process: what is imported before a window shows, or
what an unhandled error does to the app.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run_script(
    script: str, *args: str, env: dict[str, str] | None = None, timeout: float = 120
) -> str:
    """The script's standard output; the test fails with its error output when the script
    fails. `env` adds to this process's environment."""
    out = subprocess.run(
        [sys.executable, "-c", script, *args],
        cwd=ROOT,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", **(env or {})},
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert out.returncode == 0, out.stderr
    return out.stdout
