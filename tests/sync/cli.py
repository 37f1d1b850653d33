"""Running `python -m app ...` as a real subprocess, with its own home and keyring file."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FILE_KEYRING = "tests.sync.file_keyring.FileKeyring"


def env_for(home: Path, *, keyring_backend: str = FILE_KEYRING, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("EMPLOYER_DESK")}
    env.update(
        EMPLOYER_DESK_HOME=str(home),
        XDG_DATA_HOME=str(home),
        XDG_CONFIG_HOME=str(home),
        PYTHONPATH=str(ROOT),
        PYTHON_KEYRING_BACKEND=keyring_backend,
        EMPLOYER_DESK_TEST_KEYRING=str(home / "test-keyring.json"),
        QT_QPA_PLATFORM="offscreen",
    )
    env.update(extra)
    return env


def run(home: Path, *args: str, timeout: float = 120, **env: str) -> subprocess.CompletedProcess:
    home.mkdir(parents=True, exist_ok=True)
    return subprocess.run(
        [sys.executable, "-m", "app", *args],
        cwd=home,
        env=env_for(home, **env),
        capture_output=True,
        text=True,
        timeout=timeout,
        stdin=subprocess.DEVNULL,
    )
