"""JSON for field values in the change journal and in segments, self-describing.

Plain JSON carries str, int, float, bool and None as they are. Datetimes
(normalised to UTC; a naive one is taken as UTC, as the store keeps them),
dates, times and bytes become one-key objects tagged with a key no column
value uses, so a value decodes to the same Python type on a device that does
not know the column (a newer table from a newer version).
"""

from __future__ import annotations

import base64
import json
from datetime import UTC, date, datetime, time
from enum import Enum
from typing import Any

_DT = "$ed.dt"
_DATE = "$ed.date"
_TIME = "$ed.time"
_BYTES = "$ed.bytes"
_TAGS = frozenset((_DT, _DATE, _TIME, _BYTES))
#: Types JSON carries as they are (exactly these: a str Enum is not one).
_PLAIN = frozenset((str, int, float, bool, type(None)))


def to_plain(value: Any) -> Any:
    """`value` as JSON-ready data (tagged objects for the types JSON lacks)."""
    kind = type(value)
    if kind is str or kind is int or value is None or kind is bool or kind is float:
        return value
    if kind is dict:  # a whole record: most of its values are plain already
        return {
            k if type(k) is str else str(k): v if type(v) in _PLAIN else to_plain(v)
            for k, v in value.items()
        }
    if isinstance(value, Enum):
        return to_plain(value.value)
    if isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return {_DT: value.astimezone(UTC).isoformat()}
    if isinstance(value, date):
        return {_DATE: value.isoformat()}
    if isinstance(value, time):
        return {_TIME: value.isoformat()}
    if isinstance(value, bytes | bytearray | memoryview):
        return {_BYTES: base64.b64encode(bytes(value)).decode("ascii")}
    if isinstance(value, dict):
        return {str(k): to_plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [to_plain(v) for v in value]
    raise TypeError(f"cannot encode a {type(value).__name__} for sync: {value!r}")


def from_plain(data: Any) -> Any:
    """The Python value that `to_plain` turned into `data`."""
    if isinstance(data, dict):
        if len(data) == 1:
            ((key, raw),) = data.items()
            if key in _TAGS and isinstance(raw, str):
                if key == _DT:
                    return datetime.fromisoformat(raw).astimezone(UTC)
                if key == _DATE:
                    return date.fromisoformat(raw)
                if key == _TIME:
                    return time.fromisoformat(raw)
                return base64.b64decode(raw)
        return {k: v if type(v) in _PLAIN else from_plain(v) for k, v in data.items()}
    if isinstance(data, list):
        return [from_plain(v) for v in data]
    return data


#: One encoder for every value (json.dumps with options builds a new one per call).
compact_json = json.JSONEncoder(separators=(",", ":"), ensure_ascii=False).encode


def encode(value: Any) -> str:
    """Compact JSON text for a value."""
    return compact_json(to_plain(value))


def decode(text: str) -> Any:
    return from_plain(json.loads(text))


__all__ = ["compact_json", "decode", "encode", "from_plain", "to_plain"]
