"""A computer whose clock is off is told so on that computer; the others are not blamed.

Clocks are injected (`hlc.wall_clock_ms`); the share's file times are the real ones.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import app.core.hlc as hlc
from app.sync.clock_check import OFF_MS, ClockEvidence, describe, offset, peers_newest
from app.sync.engine import sync_once
from app.sync.folder import FolderTransport
from tests.sync.helpers import KEYS, add_employer

YEAR_MS = 365 * 24 * 3_600_000
HOUR_MS = 3_600_000


def test_the_slow_computer_blames_itself_not_the_correct_one(
    share: Path, tmp_path: Path, make_store, monkeypatch
) -> None:
    t = FolderTransport(share)
    a, c, slow = (make_store(tmp_path / f"{n}.sqlite") for n in ("a", "c", "slow"))
    add_employer(a, "Correct A")
    add_employer(c, "Correct C")
    assert sync_once(a, t, KEYS).clock_off_ms is None
    assert sync_once(c, t, KEYS).clock_off_ms is None
    real = hlc.wall_clock_ms
    monkeypatch.setattr(hlc, "wall_clock_ms", lambda: real() - 20 * YEAR_MS)
    add_employer(slow, "Made In 2006")
    got = sync_once(slow, t, KEYS)
    monkeypatch.setattr(hlc, "wall_clock_ms", real)
    assert got.clock_off_ms is not None and got.clock_off_ms > 19 * YEAR_MS
    said = " ".join(got.notes)
    assert "This computer's clock is about 20 years behind" in said
    assert "check that computer's date" not in said, "the correct computers are not blamed"
    for correct in (a, c):
        fine = sync_once(correct, t, KEYS)
        assert fine.clock_off_ms is None
        assert not any("This computer's clock" in n for n in fine.notes)


def test_two_hours_ahead_is_still_flagged_on_the_receiver(
    share: Path, tmp_path: Path, make_store, monkeypatch
) -> None:
    t = FolderTransport(share)
    fast, b = make_store(tmp_path / "fast.sqlite"), make_store(tmp_path / "b.sqlite")
    real = hlc.wall_clock_ms
    monkeypatch.setattr(hlc, "wall_clock_ms", lambda: real() + 2 * HOUR_MS)
    add_employer(fast, "Fast Clock Co")
    mine = sync_once(fast, t, KEYS)
    monkeypatch.setattr(hlc, "wall_clock_ms", real)
    assert mine.clock_off_ms is not None and mine.clock_off_ms < 0
    assert any("about 2 hours ahead of" in n for n in mine.notes)
    got = sync_once(b, t, KEYS)
    assert got.clock_off_ms is None
    assert any("clock far ahead" in n for n in got.notes)


def test_the_verdict_follows_the_witnesses() -> None:
    now = 1_800_000_000_000
    assert offset(ClockEvidence(now)) is None
    # One peer ahead alone proves nothing; two of three do.
    assert offset(ClockEvidence(now, peers_ms={"p": now + 5 * HOUR_MS})) is None
    three = {"p": now + 5 * HOUR_MS, "q": now + 5 * HOUR_MS, "r": now}
    assert offset(ClockEvidence(now, peers_ms=three)) == 5 * HOUR_MS
    # Files cannot come from the future; a file we just wrote shows our clock ahead.
    assert offset(ClockEvidence(now, others_written_ms=[now + 3 * HOUR_MS])) == 3 * HOUR_MS
    assert offset(ClockEvidence(now, others_written_ms=[now - 9 * YEAR_MS])) is None
    assert offset(ClockEvidence(now, own_written_ms=[now - 4 * HOUR_MS])) == -4 * HOUR_MS
    assert offset(ClockEvidence(now, own_written_ms=[now + OFF_MS // 2])) is None
    assert describe(20 * YEAR_MS) == "about 20 years" and describe(-HOUR_MS) == "about 1 hour"


DEVICES = [f"0000000{n}-0000-7000-8000-000000000000" for n in range(4)]


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    changes=st.lists(
        st.tuples(st.sampled_from(DEVICES), st.integers(1, 2**62)),
        unique_by=lambda c: c,
        max_size=30,
    ),
    me=st.sampled_from(DEVICES),
)
def test_peers_newest_is_each_other_devices_newest_stamp(store, changes, me) -> None:
    """Read by seeking the (device, hlc) index per device; must equal the plain answer."""
    with store.engine.begin() as conn:
        conn.exec_driver_sql("DELETE FROM change")
        if changes:
            conn.exec_driver_sql(
                "INSERT INTO change (seq, hlc, device, tbl, row_id, col, value, seen_hlc, "
                "seen_device, applied) VALUES (?, ?, ?, 'employer', 'r', 'notes', '\"x\"', 0, '', 1)",
                [(n + 1, h, d) for n, (d, h) in enumerate(changes)],
            )
    newest: dict[str, int] = {}
    for device, stamp in changes:
        if device != me:
            newest[device] = max(newest.get(device, 0), stamp)
    expected = {d: hlc.physical_ms(h) for d, h in newest.items()}
    assert peers_newest(store, me) == expected
