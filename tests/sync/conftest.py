"""Fixtures for sync tests: a real Samba server, and shares reached as a folder or over SMB."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.sync import samba as samba_mod


@pytest.fixture(scope="session")
def samba(tmp_path_factory: pytest.TempPathFactory) -> Iterator[samba_mod.Samba]:
    reason = samba_mod.unavailable_reason()
    if reason:
        pytest.fail(f"a real Samba server is needed for the SMB tests: {reason}")
    server = samba_mod.start(tmp_path_factory.mktemp("samba"))
    yield server
    server.stop()
