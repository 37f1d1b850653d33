"""The registry names each page, section and action by a plain import inside a loader, run
only when the entry is first needed: start-up imports no page it does not show."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

from app.ui import registry

ROOT = Path(__file__).resolve().parents[2]
ALL = (
    registry.PAGES
    + registry.EMPLOYER_SECTIONS
    + registry.TODAY_SECTIONS
    + registry.FILE_ACTIONS
    + registry.STARTUP_ACTIONS
)


def test_every_entry_loads_what_it_names() -> None:
    for spec in ALL:
        if spec.factory is not None:
            loaded = registry.load(spec.factory)
            assert callable(loaded) and loaded.__module__.startswith("app.ui."), spec.key


def test_loaders_are_plain_imports_a_tool_can_follow() -> None:
    tree = ast.parse((ROOT / "app" / "ui" / "registry.py").read_text(encoding="utf-8"))
    loaders = [n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name != "load"]
    assert len(loaders) >= len([s for s in ALL if s.factory is not None]) - 1
    for fn in loaders:
        first = fn.body[0]
        assert isinstance(first, ast.ImportFrom) and first.module.startswith("app.ui."), fn.name
    assert "importlib" not in (ROOT / "app" / "ui" / "registry.py").read_text(encoding="utf-8")


def test_importing_the_registry_imports_no_page() -> None:
    code = (
        "import sys, app.ui.registry\n"
        "print(sorted(m for m in sys.modules if m.startswith('app.ui.') and m != 'app.ui.registry'))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
