"""This machine's settings and this BSR's profile, kept in the store (never synced)."""

from __future__ import annotations

import json
from typing import Any

from app.core.models import LocalSetting, Staff
from app.services.agency.setting_keys import (  # noqa: F401 - the names, as callers know them
    LAST_EMPLOYER,
    ME,
    QUIET_DAYS,
    STUCK_DAYS,
    WINDOW_STATE,
)
from app.store.engine import Store

DEFAULTS: dict[str, Any] = {QUIET_DAYS: 30, STUCK_DAYS: 21}


def get(store: Store, key: str, default: Any = None) -> Any:
    with store.session() as session:
        row = session.get(LocalSetting, key)
    if row is None:
        return DEFAULTS.get(key, default)
    return json.loads(row.value)


def put(store: Store, key: str, value: Any) -> None:
    with store.transaction() as session:
        row = session.get(LocalSetting, key) or LocalSetting(key=key)
        row.value = json.dumps(value)
        session.add(row)


def me(store: Store) -> Staff | None:
    """The BSR using this store, or None before the first-run questions are answered."""
    staff_id = get(store, ME)
    if not staff_id:
        return None
    with store.session() as session:
        return session.get(Staff, staff_id)
