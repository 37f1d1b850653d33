"""Records built for bulk inserts equal the model's own, and change capture journals each one."""

from __future__ import annotations

import pytest

from app.core.ids import utcnow
from app.core.models import Contact, Employer
from app.services.importing.records import new_record
from app.store.engine import Store
from app.sync.changes import local_changes


def _fields(obj: object, cls: type) -> dict:
    return {k: getattr(obj, k) for k in cls.model_fields if k != "id"}  # type: ignore[attr-defined]


def test_new_record_matches_the_constructor() -> None:
    now = utcnow()
    values = {"legal_name": "Acme", "street": "1 Main St", "created_at": now, "updated_at": now}
    fast = new_record(Employer, values)
    assert _fields(fast, Employer) == _fields(Employer(**values), Employer)
    assert fast.city == "Chicago" and fast.stage == "prospect" and fast.id
    with pytest.raises(TypeError, match="legal_name"):
        new_record(Employer, {})


def test_bulk_records_are_stored_and_journalled(store: Store) -> None:
    before = len(local_changes(store))
    employer = new_record(Employer, {"legal_name": "Acme"})
    contact = new_record(Contact, {"employer_id": employer.id, "name": "Jo Smith"})
    with store.transaction() as session:
        session.add_all([employer, contact])
    with store.session() as session:
        stored = session.get(Employer, employer.id)
        assert stored is not None and stored.legal_name == "Acme"
        assert session.get(Contact, contact.id) is not None
    journalled = {c.row_id for _, c in local_changes(store)[before:]}
    assert {employer.id, contact.id} <= journalled
