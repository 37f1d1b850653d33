"""The team service the Sync page calls from its worker thread: create, join, sync, status."""

from __future__ import annotations

from pathlib import Path

import keyring
import pytest
from keyring.backends import fail

from app import secrets
from app.core.models import Employer
from app.services.team import team
from app.sync.keys import Custody

PASS = "west-side-campus"


@pytest.fixture(autouse=True)
def _no_session_keys():
    secrets.forget_session()
    yield
    secrets.forget_session()


@pytest.fixture
def share(tmp_path: Path) -> Path:
    path = tmp_path / "share"
    path.mkdir()
    return path


def _second_store(tmp_path: Path):
    from app.store.engine import open_store

    return open_store(tmp_path / "second.sqlite")


def test_create_export_join_sync_status(store, share: Path, tmp_path: Path) -> None:
    notice = team.create_team(store, str(share))
    assert notice.custody is Custody.KEYRING
    assert "keyring" in notice.message
    key_file = team.export_key(store, tmp_path / "team.edkey", PASS)
    other = _second_store(tmp_path)
    try:
        joined = team.join_team(other, str(share), key_file, PASS)
        assert (joined.team_id, joined.key_id) == (notice.team_id, notice.key_id)
        with store.transaction() as session:
            session.add(Employer(legal_name="Garfield Park Greens"))
        first = team.sync_now(store)
        assert first.published >= 1 and not first.errors
        second = team.sync_now(other)
        assert second.applied >= 1 and not second.errors
        st = team.status(other)
        assert st.in_team and st.reachable and st.key is Custody.KEYRING
        assert st.folder == str(share)
        me = [d for d in st.devices if d.is_me]
        others = [d for d in st.devices if not d.is_me]
        assert len(me) == 1 and len(others) == 1
        assert others[0].segments_waiting == 0 and others[0].last_seen is not None
        assert st.last_sync_at is not None and st.last_summary["applied"] >= 1
        # New work on the first store shows up as waiting on the second.
        with store.transaction() as session:
            session.add(Employer(legal_name="Austin Tool & Die"))
        team.sync_now(store)
        assert [d.segments_waiting for d in team.status(other).devices if not d.is_me] == [1]
    finally:
        other.close()


def test_status_when_the_folder_is_gone(store, share: Path) -> None:
    team.create_team(store, str(share))
    share.rmdir()
    st = team.status(store, timeout=5)
    assert st.in_team and not st.reachable
    assert "cannot be reached" in st.unreachable_reason
    summary = team.sync_now(store, timeout=5)
    assert summary.nothing_done


def test_create_needs_a_reachable_folder(store, tmp_path: Path) -> None:
    with pytest.raises(team.TeamError, match="Connect to the office network"):
        team.create_team(store, str(tmp_path / "not-mounted"))
    assert team.team(store) is None


def test_a_store_belongs_to_one_team(store, share: Path, tmp_path: Path) -> None:
    team.create_team(store, str(share))
    with pytest.raises(team.TeamError, match="already belongs to team"):
        team.create_team(store, str(share))
    elsewhere = _second_store(tmp_path)
    try:
        team.create_team(elsewhere, str(share))
        foreign = team.export_key(elsewhere, tmp_path / "other.edkey", PASS)
    finally:
        elsewhere.close()
    with pytest.raises(team.TeamError, match="the key file is for"):
        team.join_team(store, str(share), foreign, PASS)


def test_no_keyring_session_only(store, share: Path, tmp_path: Path) -> None:
    keyring.set_keyring(fail.Keyring())
    notice = team.create_team(store, str(share))
    assert notice.custody is Custody.SESSION_ONLY
    assert "only until Employer Desk closes" in notice.message
    assert team.sync_now(store).published_ok
    key_file = team.export_key(store, tmp_path / "k.edkey", PASS)
    secrets.forget_session()  # the app was closed and opened again
    assert team.keys_for(store).current is None
    assert team.status(store).key is None
    with pytest.raises(team.TeamError, match="does not hold the team key"):
        team.export_key(store, tmp_path / "again.edkey", PASS)
    blocked = team.sync_now(store)
    assert blocked.nothing_done and "team key" in blocked.errors[0]
    team.use_key_file(store, key_file, PASS)
    assert team.sync_now(store).published_ok


def test_not_in_a_team(store) -> None:
    assert not team.status(store).in_team
    assert team.sync_now(store).errors == [
        "This store is not in a team yet: create or join one first."
    ]
    with pytest.raises(team.TeamError):
        team.transport_for(store)
