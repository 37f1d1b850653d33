"""The segment file of sync protocol v1: one immutable, encrypted batch of records.

A device publishes its changes as numbered segment files in its own folder on the
share. Every file is self-checking: whatever a crash, a cloud client or a person
does to it (cut it short, flip a bit, fill it with zeros, put another file in its
place), `decode` refuses it as a whole with `SegmentError`, so nothing is ever
half-applied.

Layout (all integers big-endian)::

    offset  size  field
    0       8     magic            b"EDESKSEG"
    8       2     format version   1 (change objects) or 2 (also compact insert rows)
    10      1     kind             1 = changes, 2 = snapshot, 3 = cursors
    11      1     device id length n (1..64)
    12      n     device id        ASCII
    12+n    8     sequence number  per device and per kind, from 1
    20+n    32    previous hash    SHA-256 of this device's previous file of the same kind
                                   (32 zero bytes for the first)
    52+n    8     key id           ASCII, first 8 hex digits of SHA-256(team key)
    60+n    12    nonce            random, never reused (96 bits)
    72+n    8     body length      bytes of ciphertext including the 16-byte GCM tag
    80+n    ...   body             AES-256-GCM(team key, nonce, zlib(JSON lines),
                                   associated data = bytes 0 .. 80+n)

The whole header is the associated data, so a changed device id, sequence, hash or
key id fails authentication exactly like a changed body. The hash of a segment (the
next segment's "previous hash") is SHA-256 of the complete file.
"""

from __future__ import annotations

import hashlib
import json
import os
import struct
import zlib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from enum import IntEnum
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from app.sync import packing

MAGIC = b"EDESKSEG"
#: The newest format version this app reads and writes (see `app.sync.packing`);
#: it writes version 1 for a file that needs nothing newer.
FORMAT_VERSION = 2
READABLE_VERSIONS = frozenset((1, 2))
NONCE_BYTES = 12
TAG_BYTES = 16
HASH_BYTES = 32
KEY_ID_LEN = 8
ZERO_HASH = bytes(HASH_BYTES)
MAX_DEVICE_LEN = 64
#: Protocol limits (docs/sync-protocol.md, "Limits"): a file on the share larger than
#: MAX_FILE_BYTES is never read; a body never inflates past MAX_BODY_BYTES; a publisher
#: keeps the JSON lines of one segment under MAX_PLAIN_BYTES (splitting a large
#: publish), which keeps every segment it writes far under both.
MAX_FILE_BYTES = 64 << 20
MAX_BODY_BYTES = 128 << 20
MAX_PLAIN_BYTES = 16 << 20
#: Newest format version this app could be told about; a larger number is damage.
_PLAUSIBLE_VERSIONS = range(3, 100)
_INFLATE_CHUNK = 1 << 20

_FIXED = struct.Struct(">8sHBB")
_REST = struct.Struct(f">Q{HASH_BYTES}s{KEY_ID_LEN}s{NONCE_BYTES}sQ")


class Kind(IntEnum):
    """What a file holds; each kind has its own numbering and hash chain per device."""

    CHANGES = 1
    SNAPSHOT = 2
    CURSORS = 3


class SegmentError(Exception):
    """A file that is not a whole, authentic segment. `reason` is short and plain."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class ForeignFile(SegmentError):
    """Not an Employer Desk segment at all."""


class UnsupportedVersion(SegmentError):
    """Written by a newer protocol version than this app reads."""


class DamagedHeader(SegmentError):
    """Starts with the segment magic, but the header after it makes no sense."""


class TruncatedFile(SegmentError):
    """Shorter (or longer) than its header says: torn or still being copied."""


class ZeroFilled(SegmentError):
    """All zero bytes: space allocated but never written (crash, cloud placeholder)."""


class KeyMissing(SegmentError):
    """Encrypted with a team key this device does not hold (yet)."""

    def __init__(self, key_id: str) -> None:
        super().__init__(f"encrypted with team key {key_id}, which this device does not have")
        self.key_id = key_id


class NotAuthentic(SegmentError):
    """Fails AES-GCM authentication: changed after writing, or the wrong key."""


@dataclass(frozen=True)
class Header:
    kind: Kind
    device: str
    seq: int
    prev_hash: bytes
    key_id: str


@dataclass(frozen=True)
class Segment:
    """A decoded, authenticated file: its header, its records and its own hash."""

    header: Header
    records: list[dict[str, Any]] = field(repr=False)
    digest: bytes = b""

    @property
    def device(self) -> str:
        return self.header.device

    @property
    def seq(self) -> int:
        return self.header.seq

    @property
    def kind(self) -> Kind:
        return self.header.kind


#: The optional first record of a changes segment that publishes changes again:
#: ``{"republished": {"repairs": [seq, ...], "carries": [device id, ...]}}``. `repairs`
#: names this device's earlier files that the share no longer holds as written (readers
#: skip them); `carries` names earlier ids of this store whose changes ride along.
REPUBLISHED = "republished"


@dataclass(frozen=True)
class Republished:
    """What a segment says it publishes again (empty for an ordinary segment)."""

    repairs: frozenset[int] = frozenset()
    carries: frozenset[str] = frozenset()

    def to_record(self) -> dict[str, Any]:
        return {REPUBLISHED: {"repairs": sorted(self.repairs), "carries": sorted(self.carries)}}

    def __bool__(self) -> bool:
        return bool(self.repairs or self.carries)


def split_republished(records: list[dict[str, Any]]) -> tuple[Republished, list[dict[str, Any]]]:
    """(what the segment republishes, its change records) of a changes segment's records."""
    if records and REPUBLISHED in records[0]:
        meta = records[0][REPUBLISHED]
        if not isinstance(meta, dict):
            raise ValueError("a republished record that is not an object")
        repairs = frozenset(int(s) for s in meta.get("repairs", ()))
        carries = frozenset(str(d) for d in meta.get("carries", ()))
        return Republished(repairs, carries), records[1:]
    return Republished(), records


def key_id_of(key: bytes) -> str:
    """The public name of a team key: first 8 hex digits of its SHA-256."""
    return hashlib.sha256(key).hexdigest()[:KEY_ID_LEN]


def digest(data: bytes) -> bytes:
    """The hash that the next segment of the same device and kind chains to."""
    return hashlib.sha256(data).digest()


def _header_bytes(h: Header, nonce: bytes, body_len: int, version: int = 1) -> bytes:
    device = h.device.encode("ascii")
    if not 1 <= len(device) <= MAX_DEVICE_LEN:
        raise ValueError("device id must be 1 to 64 ASCII characters")
    if len(h.prev_hash) != HASH_BYTES:
        raise ValueError("previous hash must be 32 bytes")
    key_id = h.key_id.encode("ascii")
    if len(key_id) != KEY_ID_LEN:
        raise ValueError("key id must be 8 characters")
    if h.seq < 1:
        raise ValueError("sequence numbers start at 1")
    return (
        _FIXED.pack(MAGIC, version, int(h.kind), len(device))
        + device
        + _REST.pack(h.seq, h.prev_hash, key_id, nonce, body_len)
    )


def encode_body(records: Iterable[Mapping[str, Any] | bytes]) -> bytes:
    """zlib of the JSON lines; a record already encoded (bytes, one line) is taken as is."""
    lines = b"".join((r if isinstance(r, bytes) else packing.dumps(r)) + b"\n" for r in records)
    return zlib.compress(lines, 6)


def encode(
    *,
    kind: Kind,
    device: str,
    seq: int,
    prev_hash: bytes,
    key: bytes,
    records: Iterable[Mapping[str, Any] | bytes],
    version: int = 1,
) -> bytes:
    """A complete segment file: header, then the encrypted, compressed JSON lines.

    `version` 2 when the lines use the compact insert rows (`app.sync.packing`)."""
    if version not in READABLE_VERSIONS:
        raise ValueError(f"format version {version} is not one this app writes")
    plain = encode_body(records)
    header = Header(Kind(kind), device, seq, prev_hash, key_id_of(key))
    nonce = os.urandom(NONCE_BYTES)
    aad = _header_bytes(header, nonce, len(plain) + TAG_BYTES, version)
    return aad + AESGCM(key).encrypt(nonce, plain, aad)


def read_header(data: bytes) -> tuple[Header, bytes, bytes, int]:
    """Parse (not authenticate) the header: (header, nonce, aad, body length)."""
    if not data:
        raise TruncatedFile("empty file")
    if not any(data):
        raise ZeroFilled("all zero bytes: never written, or a cloud placeholder")
    if len(data) < len(MAGIC) or data[: len(MAGIC)] != MAGIC:
        if MAGIC.startswith(data[: len(MAGIC)]):
            raise TruncatedFile("cut short inside the header")
        raise ForeignFile("not an Employer Desk segment (wrong magic)")
    if len(data) < _FIXED.size:
        raise TruncatedFile("cut short inside the header")
    _magic, version, kind, dev_len = _FIXED.unpack_from(data)
    damaged = DamagedHeader(
        "damaged: it starts like an Employer Desk sync file, but the header after that "
        "is garbage (overwritten, or not written by Employer Desk)"
    )
    if version not in READABLE_VERSIONS:
        if version in _PLAUSIBLE_VERSIONS and kind in tuple(Kind):
            raise UnsupportedVersion(
                f"written by a newer Employer Desk (format version {version}; this one "
                f"reads up to version {FORMAT_VERSION}): update Employer Desk on this computer"
            )
        raise damaged
    try:
        kind = Kind(kind)
    except ValueError:
        raise damaged from None
    if not 1 <= dev_len <= MAX_DEVICE_LEN:
        raise damaged
    end = _FIXED.size + dev_len + _REST.size
    if len(data) < end:
        raise TruncatedFile("cut short inside the header")
    try:
        device = data[_FIXED.size : _FIXED.size + dev_len].decode("ascii")
        seq, prev_hash, key_id_b, nonce, body_len = _REST.unpack_from(data, _FIXED.size + dev_len)
        key_id = key_id_b.decode("ascii")
    except UnicodeDecodeError:
        raise NotAuthentic("header holds bytes that are not text") from None
    if len(data) - end < body_len:
        raise TruncatedFile(f"cut short: {len(data) - end} of {body_len} body bytes present")
    if len(data) - end > body_len:
        raise TruncatedFile(f"{len(data) - end - body_len} stray bytes after the body")
    return Header(kind, device, seq, prev_hash, key_id), nonce, data[:end], body_len


def decode(data: bytes, keys: Mapping[str, bytes]) -> Segment:
    """Authenticate and open a segment with one of `keys` (key id -> 32-byte key).

    Raises a `SegmentError` subclass for anything but a whole, authentic file.
    """
    header, nonce, aad, _body_len = read_header(data)
    key = keys.get(header.key_id)
    if key is None:
        raise KeyMissing(header.key_id)
    try:
        plain = AESGCM(key).decrypt(nonce, data[len(aad) :], aad)
    except InvalidTag:
        raise NotAuthentic(
            "fails authentication: changed after it was written, or made with another team key"
        ) from None
    try:
        records = list(packing.expand(_records(plain)))
    except (zlib.error, ValueError) as exc:
        # Authentic but unreadable: written by a broken publisher, never by a crash.
        raise NotAuthentic(f"authentic but unreadable body ({exc})") from None
    return Segment(header=header, records=records, digest=digest(data))


def _records(plain: bytes) -> Iterator[dict[str, Any]]:
    """Inflate a chunk at a time and parse each JSON line as it completes.

    The inflated body is never held whole, and stops at MAX_BODY_BYTES.
    """
    inflater = zlib.decompressobj()
    pending = b""
    total = 0
    data = plain
    while True:
        chunk = inflater.decompress(data, _INFLATE_CHUNK)
        data = inflater.unconsumed_tail
        total += len(chunk)
        if total > MAX_BODY_BYTES:
            raise ValueError(f"inflates past the {MAX_BODY_BYTES >> 20} MB limit")
        lines = (pending + chunk).split(b"\n")
        pending = lines.pop()
        for line in lines:
            if line:
                yield json.loads(line)
        if not data and not chunk:
            break
    if pending:
        yield json.loads(pending)


__all__ = [
    "FORMAT_VERSION",
    "MAGIC",
    "MAX_BODY_BYTES",
    "MAX_FILE_BYTES",
    "MAX_PLAIN_BYTES",
    "REPUBLISHED",
    "ZERO_HASH",
    "DamagedHeader",
    "ForeignFile",
    "Header",
    "KeyMissing",
    "Kind",
    "NotAuthentic",
    "Republished",
    "Segment",
    "SegmentError",
    "TruncatedFile",
    "UnsupportedVersion",
    "ZeroFilled",
    "decode",
    "digest",
    "encode",
    "key_id_of",
    "read_header",
    "split_republished",
]
