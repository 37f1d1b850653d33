"""A broken forms file stops the start, in the window and on the command line, naming file and line."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from app import forms


@pytest.fixture
def broken_rfi(forms_folder: Path) -> Path:
    path = forms_folder / "rfi.toml"
    text = path.read_text(encoding="utf-8").replace('type = "yesno"', 'type = "yes-no"', 1)
    path.write_text(text, encoding="utf-8")
    return path


def _bad_line(path: Path) -> int:
    return next(n for n, line in enumerate(path.read_text().splitlines(), 1) if '"yes-no"' in line)


def test_the_shipped_forms_pass() -> None:
    forms.check_all()


def test_window_start_refuses_a_broken_rfi(broken_rfi: Path, tmp_path: Path) -> None:
    from app.ui.launch import StoreOpenError, open_user_store

    with pytest.raises(StoreOpenError) as caught:
        open_user_store(tmp_path / "store.sqlite")
    assert f"rfi.toml, line {_bad_line(broken_rfi)}" in caught.value.message
    assert "key 'type' is 'yes-no'" in caught.value.message
    assert not (tmp_path / "store.sqlite").exists()


def test_command_line_refuses_a_broken_rfi(broken_rfi: Path, tmp_path: Path, capsys) -> None:
    from app.commands.common import open_user_store

    with pytest.raises(SystemExit) as caught:
        open_user_store(argparse.Namespace(store=tmp_path / "store.sqlite"))
    assert caught.value.code == 2
    err = capsys.readouterr().err
    assert f"rfi.toml, line {_bad_line(broken_rfi)}" in err
