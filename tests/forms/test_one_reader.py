"""Only app/forms reads the forms folder, and app/core reads no files at all."""

from __future__ import annotations

import ast
from pathlib import Path

APP = Path(__file__).resolve().parents[2] / "app"
#: Names that mean "reading a forms file myself".
FORMS_READING = {"tomllib", "read_toml", "SHIPPED", "FORMS_DIR"}
#: Calls that read or write files.
FILE_IO = {"open", "read_text", "read_bytes", "write_text", "write_bytes", "iterdir", "glob"}


def _modules(under: Path) -> list[Path]:
    return sorted(under.rglob("*.py"))


def _names(tree: ast.AST) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            found |= {node.module or ""} | {a.name for a in node.names}
        elif isinstance(node, ast.Name):
            found.add(node.id)
        elif isinstance(node, ast.Attribute):
            found.add(node.attr)
    return found


def test_only_app_forms_reads_forms_files() -> None:
    offenders = {
        str(path.relative_to(APP)): sorted(_names(ast.parse(path.read_text())) & FORMS_READING)
        for path in _modules(APP)
        if APP / "forms" not in path.parents
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def _file_calls(tree: ast.AST) -> set[str]:
    calls = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
            owner = getattr(getattr(func, "value", None), "id", "")
            if name in FILE_IO or (name == "load" and owner in {"json", "tomllib", "pickle"}):
                calls.add(name)
    return calls


def test_core_does_no_file_io() -> None:
    offenders = {}
    for path in _modules(APP / "core"):
        tree = ast.parse(path.read_text())
        found = _file_calls(tree) | ({"tomllib"} & _names(tree))
        if found:
            offenders[str(path.relative_to(APP))] = sorted(found)
    assert offenders == {}


def test_the_scans_see_a_reader() -> None:
    tree = ast.parse("import tomllib\nfrom pathlib import Path\nPath('x').read_text()\n")
    assert "tomllib" in _names(tree)
    assert _file_calls(tree) == {"read_text"}
    assert _file_calls(ast.parse("json.loads(s)")) == set()
    assert _file_calls(ast.parse("json.load(f)")) == {"load"}
