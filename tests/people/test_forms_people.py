"""A broken retention or check-in file stops the start with its name, line and problem."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from app.core.forms_file import FORMS_DIR, FormsFileError
from app.services.agency import forms_check
from app.services.people import progress, retention


@pytest.mark.parametrize(
    ("module", "name", "old", "new", "words"),
    [
        (retention, "retention.toml", "poor_below = 0.50", "poor_below = 1.5", "poor_below"),
        (
            progress,
            "checkins.toml",
            "overdue_after_days = 2",
            "overdue_after_days = -1",
            "overdue_after_days",
        ),
    ],
)
def test_start_up_check_names_the_broken_line(
    tmp_path: Path, monkeypatch, module, name, old, new, words
) -> None:
    folder = tmp_path / "forms"
    shutil.copytree(FORMS_DIR, folder)
    path = folder / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    line = next(n for n, row in enumerate(path.read_text().splitlines(), 1) if new in row)
    monkeypatch.setattr(module, "FORMS_DIR", folder)
    with pytest.raises(FormsFileError) as caught:
        forms_check.check_forms()
    assert f"{name}, line {line}" in str(caught.value)
    assert words in str(caught.value)
