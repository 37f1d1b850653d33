"""Build the one-folder bundle with PyInstaller, cached by a hash of everything that goes in.

    python packaging/build_bundle.py            # prints the folder holding the program
    python packaging/build_bundle.py --force    # build again even when cached

The hash covers the app's source, forms/, resources/, the spec, pyproject.toml, the
Python version and every installed package's version, so a change to any of them
builds anew and anything else reuses the last build. Builds go to a temporary
folder first and are moved into the cache (`EMPLOYER_DESK_BUNDLE_CACHE`, else
~/.cache/employer-desk-bundle/<hash>/) only when complete; nothing is written in the
checkout. Works the same on Windows (see packaging/WINDOWS.md).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT / "packaging" / "employer-desk.spec"
NAME = "employer-desk"
#: What goes into the bundle: a change in any of these files means a new build.
INPUTS = ("app", "forms", "resources/help", "resources/icon")
FILES = ("pyproject.toml", "packaging/employer-desk.spec", "packaging/entry.py")
SKIP_PARTS = {"__pycache__", ".pytest_cache", ".ruff_cache"}
DONE = "build-done.txt"
#: Builds kept in the cache (each is a few hundred MB); older ones are removed.
KEEP = 2


def cache_root() -> Path:
    override = os.environ.get("EMPLOYER_DESK_BUNDLE_CACHE")
    if override:
        return Path(override)
    # Not XDG_CACHE_HOME: the test suite points that at a folder it deletes, and the cache
    # is meant to outlive a test run.
    base = os.environ.get("LOCALAPPDATA") if sys.platform == "win32" else None
    return Path(base or Path.home() / ".cache") / "employer-desk-bundle"


def _input_files() -> list[Path]:
    files = [ROOT / name for name in FILES]
    for top in INPUTS:
        for path in sorted((ROOT / top).rglob("*")):
            if path.is_file() and not SKIP_PARTS.intersection(path.parts) and path.suffix != ".pyc":
                files.append(path)
    return files


def inputs_hash() -> str:
    """Source, data, spec and the installed packages' versions, as one short hash."""
    digest = hashlib.sha256()
    for path in _input_files():
        digest.update(path.relative_to(ROOT).as_posix().encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    digest.update(f"{sys.version} {platform.platform()}".encode())
    packages = sorted(
        f"{d.metadata['Name']}=={d.version}" for d in metadata.distributions() if d.metadata["Name"]
    )
    digest.update("\n".join(packages).encode())
    return digest.hexdigest()[:16]


def program(folder: Path) -> Path:
    """The program that prints to the console (on Windows the -cli one)."""
    name = f"{NAME}-cli.exe" if sys.platform == "win32" else NAME
    return folder / name


def build(force: bool = False, log=print) -> Path:  # noqa: ANN001 - a print-like function
    """The bundle folder for the current inputs, built now unless the cache has it."""
    target = cache_root() / inputs_hash()
    bundle = target / NAME
    if not force and (target / DONE).is_file() and program(bundle).is_file():
        log(f"cached build: {bundle}")
        return bundle
    target.parent.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="employer-desk-build-") as tmp:
        dist, work = Path(tmp) / "dist", Path(tmp) / "work"
        command = [
            sys.executable, "-m", "PyInstaller", str(SPEC), "--noconfirm", "--log-level=WARN",
            "--distpath", str(dist), "--workpath", str(work),
        ]  # fmt: skip
        # No __pycache__ in the checkout when PyInstaller imports the app to list its modules.
        env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
        subprocess.run(command, check=True, cwd=tmp, env=env)
        seconds = time.monotonic() - started
        (dist / DONE).write_text(f"built in {seconds:.0f} s\n", encoding="utf-8")
        staged = target.parent / f"{target.name}.tmp-{os.getpid()}"
        shutil.rmtree(staged, ignore_errors=True)
        shutil.move(str(dist), staged)
    shutil.rmtree(target, ignore_errors=True)
    staged.rename(target)
    log(f"built in {seconds:.0f} s: {bundle}")
    prune(target.parent)
    return bundle


def prune(cache: Path, keep: int = KEEP) -> None:
    """Remove all but the `keep` newest complete builds."""
    builds = sorted(
        (d for d in cache.iterdir() if (d / DONE).is_file()),
        key=lambda d: (d / DONE).stat().st_mtime,
        reverse=True,
    )
    for old in builds[keep:]:
        shutil.rmtree(old, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--force", action="store_true", help="build even when cached")
    args = parser.parse_args(argv)
    bundle = build(force=args.force, log=lambda m: print(m, file=sys.stderr))
    print(bundle)
    return 0


if __name__ == "__main__":
    sys.exit(main())
