"""The desk never holds a Social Security number: no column, no label, no form field asks for one."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from sqlmodel import SQLModel

import app.core.models  # noqa: F401  (registers every table)

ROOT = Path(__file__).resolve().parents[2]
SSN_NAME = re.compile(
    r"(^|_)(ssn|ss_?num(ber)?|social_?security\w*|tax_?payer_?id|itin)($|_)", re.I
)
SSN_TEXT = re.compile(r"\bSSN\b|social\s+security\s+(number|no\b|#)|\bSS#", re.I)


def test_pattern_catches_what_it_must() -> None:
    for name in ("ssn", "participant_ssn", "social_security_number", "ss_num", "itin"):
        assert SSN_NAME.search(name), name
    for name in ("session", "lesson_id", "assessment", "pass_number", "address"):
        assert not SSN_NAME.search(name), name
    assert SSN_TEXT.search("Social Security Number:")
    assert SSN_TEXT.search("Last 4 of SSN")
    assert not SSN_TEXT.search("Social Security Administration office hours")


def test_no_column_looks_like_a_social_security_number() -> None:
    columns = [
        f"{table.name}.{column.name}"
        for table in SQLModel.metadata.tables.values()
        for column in table.columns
        if SSN_NAME.search(column.name)
    ]
    assert columns == []
    assert "participant" in SQLModel.metadata.tables


def _labels(path: Path) -> list[tuple[int, str]]:
    """String literals a user could see (docstrings, which explain the rule, excluded)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
    ]


def test_no_label_or_form_field_asks_for_one() -> None:
    offenders = []
    sources = [p for p in (ROOT / "app").rglob("*.py") if "__pycache__" not in p.parts]
    for path in sources:
        for number, text in _labels(path):
            if SSN_TEXT.search(text) or SSN_NAME.search(text.replace(" ", "_")):
                offenders.append(f"{path.relative_to(ROOT)}:{number}: {text!r}")
    for path in (ROOT / "forms").rglob("*.toml"):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.lstrip().startswith("#") and (
                SSN_TEXT.search(line) or re.search(r"\bssn\b", line, re.I)
            ):
                offenders.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert offenders == []
    assert len(sources) > 10
