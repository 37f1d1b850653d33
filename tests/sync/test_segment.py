"""Segments round-trip, and every damaged, foreign or wrongly keyed file is refused whole."""

from __future__ import annotations

import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.sync import segment as seg

KEY = bytes(range(32))
KEYS = {seg.key_id_of(KEY): KEY}
DEVICE = "0190f3a2-7c1e-7d4e-9b1a-3c5d7e9f1a2b"

json_scalar = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**53), max_value=2**53),
    st.text(max_size=40),
)
record = st.dictionaries(st.text(min_size=1, max_size=10), json_scalar, max_size=6)


def make(records=({"a": 1},), seq: int = 1, prev: bytes = seg.ZERO_HASH, key: bytes = KEY) -> bytes:
    return seg.encode(
        kind=seg.Kind.CHANGES, device=DEVICE, seq=seq, prev_hash=prev, key=key, records=records
    )


@settings(max_examples=60, deadline=None)
@given(
    records=st.lists(record, max_size=20),
    seq=st.integers(min_value=1, max_value=2**40),
    prev=st.binary(min_size=32, max_size=32),
    kind=st.sampled_from(list(seg.Kind)),
)
def test_round_trip(records, seq, prev, kind) -> None:
    data = seg.encode(kind=kind, device=DEVICE, seq=seq, prev_hash=prev, key=KEY, records=records)
    out = seg.decode(data, KEYS)
    assert out.records == records
    assert (out.kind, out.device, out.seq, out.header.prev_hash) == (kind, DEVICE, seq, prev)
    assert out.header.key_id == seg.key_id_of(KEY)
    assert out.digest == seg.digest(data)


@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_any_single_byte_change_is_refused(data) -> None:
    original = make([{"table": "employer", "value": "Hermosa Bakery"}] * 3)
    pos = data.draw(st.integers(min_value=0, max_value=len(original) - 1))
    new = data.draw(st.integers(min_value=0, max_value=255).filter(lambda b: b != original[pos]))
    damaged = original[:pos] + bytes([new]) + original[pos + 1 :]
    with pytest.raises(seg.SegmentError):
        seg.decode(damaged, KEYS)


def test_same_content_encrypts_differently_each_time() -> None:
    """A fresh random nonce per file: two encodings never share ciphertext."""
    assert make() != make()


@pytest.mark.parametrize("cut", [0, 1, 7, 12, 40, 90, -1, -16])
def test_truncated_is_refused(cut: int) -> None:
    data = make([{"n": i} for i in range(50)])
    with pytest.raises(seg.TruncatedFile):
        seg.decode(data[:cut], KEYS)


def test_extra_bytes_are_refused() -> None:
    with pytest.raises(seg.TruncatedFile, match="stray bytes"):
        seg.decode(make() + b"\x00", KEYS)


def test_zero_filled_is_refused() -> None:
    with pytest.raises(seg.ZeroFilled):
        seg.decode(bytes(len(make())), KEYS)


@pytest.mark.parametrize(
    "data", [b"desktop.ini contents", b"%PDF-1.7\n", os.urandom(300), b"EDESK"[:3] + b"zz"]
)
def test_foreign_file_is_refused(data: bytes) -> None:
    with pytest.raises(seg.ForeignFile):
        seg.decode(data, KEYS)


def test_newer_version_says_so() -> None:
    data = bytearray(make())
    data[9] = 3
    with pytest.raises(seg.UnsupportedVersion, match="version 3"):
        seg.decode(bytes(data), KEYS)


def test_written_as_version_one_unless_asked() -> None:
    assert make()[9] == 1
    data = seg.encode(
        kind=seg.Kind.CHANGES, device=DEVICE, seq=1, prev_hash=seg.ZERO_HASH, key=KEY,
        records=[{"a": 1}], version=2,
    )  # fmt: skip
    assert data[9] == 2 and seg.decode(data, KEYS).records == [{"a": 1}]
    with pytest.raises(ValueError, match="version 3"):
        seg.encode(
            kind=seg.Kind.CHANGES, device=DEVICE, seq=1, prev_hash=seg.ZERO_HASH, key=KEY,
            records=[], version=3,
        )  # fmt: skip


def test_other_team_key_is_missing_not_garbage() -> None:
    other = os.urandom(32)
    with pytest.raises(seg.KeyMissing) as err:
        seg.decode(make(key=other), KEYS)
    assert err.value.key_id == seg.key_id_of(other)
    assert "does not have" in str(err.value)


def test_wrong_key_under_the_right_id_fails_authentication() -> None:
    with pytest.raises(seg.NotAuthentic, match="another team key"):
        seg.decode(make(), {seg.key_id_of(KEY): os.urandom(32)})


def test_bit_flip_in_body_fails_authentication() -> None:
    data = bytearray(make([{"x": "y" * 100}]))
    data[-20] ^= 0x01
    with pytest.raises(seg.NotAuthentic):
        seg.decode(bytes(data), KEYS)


def test_header_is_authenticated() -> None:
    """Renumbering a segment (to replay it elsewhere in the chain) is caught."""
    data = bytearray(make(seq=5))
    seq_at = 12 + len(DEVICE)
    data[seq_at + 7] = 6
    with pytest.raises(seg.NotAuthentic):
        seg.decode(bytes(data), KEYS)


def test_bad_arguments_are_refused_before_writing() -> None:
    with pytest.raises(ValueError):
        make(seq=0)
    with pytest.raises(ValueError):
        make(prev=b"short")
