"""Kiosk mode: the laptop at an event door, locked to check-ins until a BSR types the PIN.

Only a salted scrypt hash of the PIN is kept. The event the kiosk is open on is
remembered, so a restart after a crash or a closed lid reopens the kiosk on it.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets

from app.core.ids import utcnow
from app.core.models import Event
from app.core.models.events import EventStatus
from app.core.validation import FieldError
from app.services.agency import settings
from app.services.agency.setting_keys import KIOSK_EVENT
from app.services.events.roster import open_event
from app.store.engine import Store

KIOSK_PIN = "kiosk.pin_hash"


def _pin_hash(pin: str, salt: bytes) -> bytes:
    return hashlib.scrypt(pin.encode(), salt=salt, n=2**14, r=8, p=1, dklen=32)


def set_kiosk_pin(store: Store, pin: str) -> None:
    """Keep a salted scrypt hash of the PIN, never the PIN itself."""
    if not re.fullmatch(r"\d{4,8}", pin):
        raise FieldError("pin", "The PIN is 4 to 8 digits.")
    salt = secrets.token_bytes(16)
    settings.put(store, KIOSK_PIN, {"salt": salt.hex(), "hash": _pin_hash(pin, salt).hex()})


def has_kiosk_pin(store: Store) -> bool:
    return bool(settings.get(store, KIOSK_PIN))


def check_kiosk_pin(store: Store, pin: str) -> bool:
    stored = settings.get(store, KIOSK_PIN)
    if not stored:
        return False
    expected = bytes.fromhex(stored["hash"])
    return hmac.compare_digest(_pin_hash(pin, bytes.fromhex(stored["salt"])), expected)


def start_kiosk(store: Store, event_id: str) -> None:
    """Mark the event running and remember it, so a restart reopens the kiosk on it."""
    with store.transaction() as session:
        event = open_event(session, event_id)
        event.status = EventStatus.RUNNING.value
        event.updated_at = utcnow()
        session.add(event)
    settings.put(store, KIOSK_EVENT, event_id)


def kiosk_event_id(store: Store) -> str | None:
    """The event the kiosk was open on when the app last stopped, if it is still running."""
    event_id = settings.get(store, KIOSK_EVENT)
    if not event_id:
        return None
    with store.session() as session:
        event = session.get(Event, event_id)
    if event is None or event.deleted_at is not None or event.status != EventStatus.RUNNING.value:
        return None
    return event_id


def leave_kiosk(store: Store) -> None:
    settings.put(store, KIOSK_EVENT, None)
