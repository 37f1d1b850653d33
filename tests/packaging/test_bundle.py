"""The no-Python bundle: built with PyInstaller (cached by a hash of its inputs, outside the
checkout) and started as a BSR's computer would start it, headless.

Slow on a cold cache (minutes): `pytest -m "not bundle"` or EMPLOYER_DESK_SKIP_BUNDLE=1
leaves it out.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import sqlite3
import subprocess
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [
    pytest.mark.bundle,
    pytest.mark.timeout(3600),
    pytest.mark.skipif(
        bool(os.environ.get("EMPLOYER_DESK_SKIP_BUNDLE")), reason="EMPLOYER_DESK_SKIP_BUNDLE is set"
    ),
]


def _builder():  # noqa: ANN202 - the packaging/build_bundle.py module
    spec = importlib.util.spec_from_file_location(
        "build_bundle", ROOT / "packaging" / "build_bundle.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _checkout_files() -> set[str]:
    return {
        p.relative_to(ROOT).as_posix()
        for p in ROOT.rglob("*")
        if ".git" not in p.relative_to(ROOT).parts[:1]
    }


@pytest.fixture(scope="module")
def bundle() -> Iterator[Path]:
    """The bundle folder (built now if the cache does not have this exact input)."""
    before = _checkout_files()
    folder = _builder().build(log=print)
    yield folder
    assert _checkout_files() == before, "building or running the bundle wrote into the checkout"


@pytest.fixture
def run(tmp_path: Path, bundle: Path):  # noqa: ANN201 - a function running the program
    home = tmp_path / "home"
    home.mkdir()
    env = {
        **os.environ,
        "EMPLOYER_DESK_HOME": str(home),
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_CONFIG_HOME": str(home),
        "XDG_DATA_HOME": str(home),
        "XDG_CACHE_HOME": str(home),
    }

    def run(*args: str, program: Path | None = None) -> subprocess.CompletedProcess:
        exe = program or _builder().program(bundle)
        return subprocess.run(
            [str(exe), *args], capture_output=True, text=True, env=env, cwd=tmp_path, timeout=900
        )

    return run


@pytest.fixture
def demo_file(run, tmp_path: Path) -> Path:
    out = tmp_path / "demo.sqlite"
    done = run("demo", "--out", str(out), "--employers", "40")
    assert done.returncode == 0, done.stderr
    return out


def _count(store: Path, sql: str) -> int:
    with sqlite3.connect(store) as conn:
        return int(conn.execute(sql).fetchone()[0])


def test_the_bundle_lays_out_program_forms_and_resources(bundle: Path) -> None:
    assert _builder().program(bundle).is_file()
    assert (bundle / "forms" / "agency.toml").is_file()  # editable, next to the program
    assert (bundle / "_internal" / "resources" / "help" / "guide.html").is_file()
    assert (bundle / "_internal" / "resources" / "icon" / "employer-desk.png").is_file()
    qt = bundle / "_internal" / "PySide6"
    assert not list(qt.glob("QtNetwork*")) and not list(qt.glob("QtQml*"))
    assert not (qt / "Qt" / "plugins" / "sqldrivers").exists()


def test_version_is_the_one_pyproject_declares(run) -> None:
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    done = run("--version")
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["employer-desk", declared["version"]]


def test_demo_and_export_run_without_a_window(run, demo_file: Path, tmp_path: Path) -> None:
    assert _count(demo_file, "SELECT count(*) FROM employer") == 40
    out = tmp_path / "export.json"
    done = run("--store", str(demo_file), "export", "--format", "json", "--out", str(out))
    assert done.returncode == 0, done.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["format"] == "employer-desk/1" and len(data["employers"]) == 40


def test_the_window_opens_on_the_demo_data_and_quits_cleanly(run, demo_file: Path) -> None:
    done = run("--store", str(demo_file), "--quit-after", "3")
    assert done.returncode == 0, done.stderr
    # Closing the window saved its layout in the store: it opened the data and quit properly.
    saved = _count(demo_file, "SELECT count(*) FROM local_setting WHERE key = 'ui.window_state'")
    assert saved == 1
    assert "Traceback" not in done.stderr


def test_the_forms_beside_the_program_are_the_ones_checked(run, bundle: Path, tmp_path: Path):
    """A copy of the program with its own forms folder: a broken file there stops it, named."""
    copy = tmp_path / "installed"
    copy.mkdir()
    exe = _builder().program(bundle)
    shutil.copy2(exe, copy / exe.name)
    (copy / "_internal").symlink_to(bundle / "_internal", target_is_directory=True)
    shutil.copytree(bundle / "forms", copy / "forms")
    agency = copy / "forms" / "agency.toml"
    agency.write_text(agency.read_text(encoding="utf-8") + "\n[broken\n", encoding="utf-8")
    store, out = str(tmp_path / "x.sqlite"), str(tmp_path / "x.json")
    done = run(
        "--store", store, "export", "--format", "json", "--out", out, program=copy / exe.name
    )
    assert done.returncode == 2
    assert "agency.toml" in done.stderr + done.stdout


def test_the_keyring_backends_of_every_system_and_every_command_are_packed(bundle: Path) -> None:
    from PyInstaller.archive.readers import CArchiveReader

    archive = CArchiveReader(str(_builder().program(bundle)))
    modules = set(archive.open_embedded_archive("PYZ.pyz").toc)
    for backend in ("Windows", "macOS", "SecretService", "chainer", "fail"):
        assert f"keyring.backends.{backend}" in modules
    from app.cli import COMMAND_MODULES

    for name in COMMAND_MODULES:
        assert f"app.commands.{name}" in modules
    assert not any(m.startswith(("PySide6.QtNetwork", "PySide6.QtQml", "tkinter")) for m in modules)
