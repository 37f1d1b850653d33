"""Fixtures for sync tests: a real Samba server, and shares reached as a folder or over SMB."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.sync import samba as samba_mod


@pytest.fixture
def share(tmp_path: Path) -> Path:
    """An empty folder standing for the team's shared folder."""
    path = tmp_path / "share"
    path.mkdir()
    return path


@pytest.fixture(scope="session")
def samba(tmp_path_factory: pytest.TempPathFactory) -> Iterator[samba_mod.Samba]:
    reason = samba_mod.unavailable_reason()
    if reason:
        pytest.fail(f"a real Samba server is needed for the SMB tests: {reason}")
    server = samba_mod.start(tmp_path_factory.mktemp("samba"))
    yield server
    server.stop()


@pytest.fixture
def make_store(migrated_template: Path) -> Iterator[Callable]:
    """Open a new store at a path (a copy of the migrated template), each with its own
    device id; closed at the end."""
    from app.store.engine import open_store

    opened = []

    def make(path: Path):
        shutil.copyfile(migrated_template, path)
        store = open_store(path)
        opened.append(store)
        return store

    yield make
    for store in opened:
        store.close()
