"""A broken retention or check-in file stops the start with its name, line and problem."""

from __future__ import annotations

from pathlib import Path

import pytest

from app import forms
from app.forms import FormsFileError


@pytest.mark.parametrize(
    ("name", "old", "new", "words"),
    [
        ("retention.toml", "poor_below = 0.50", "poor_below = 1.5", "poor_below"),
        (
            "checkins.toml",
            "overdue_after_days = 2",
            "overdue_after_days = -1",
            "overdue_after_days",
        ),
    ],
)
def test_start_up_check_names_the_broken_line(
    forms_folder: Path, name: str, old: str, new: str, words: str
) -> None:
    path = forms_folder / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    line = next(n for n, row in enumerate(path.read_text().splitlines(), 1) if new in row)
    with pytest.raises(FormsFileError) as caught:
        forms.check_all()
    assert f"{name}, line {line}" in str(caught.value)
    assert words in str(caught.value)
