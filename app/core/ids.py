"""Identifiers and clocks shared by every table."""

from __future__ import annotations

from datetime import UTC, datetime

from uuid6 import uuid7


def new_id() -> str:
    """A time-ordered UUIDv7 as text: sortable, unique across laptops without coordination."""
    return str(uuid7())


def utcnow() -> datetime:
    """Now, timezone-aware in UTC: stored as UTC, shown in America/Chicago."""
    return datetime.now(UTC)
