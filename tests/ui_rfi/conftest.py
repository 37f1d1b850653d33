"""The RFI area's windows on a real store, with a BSR profile and one employer."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.core.pipeline import Stage
from app.services.agency import org
from app.services.employers import employers
from app.ui.context import AppContext
from app.ui.rfi import composer as composer_module


@pytest.fixture
def context(store) -> AppContext:
    office = org.offices(store)[0]
    org.save_profile(
        store,
        "Rocio Benavides",
        office.id,
        ["wioa-adult"],
        "rbenavides@example.org",
        "(312) 555-0102",
    )
    return AppContext(store=store)


@pytest.fixture
def employer(context):
    store = context.store
    e = employers.create_employer(store, {"legal_name": "Pilsen Bakery LLC"}, stage=Stage.RFI_SENT)
    employers.add_contact(
        store,
        e.id,
        {"name": "Maria Hernandez", "email": "maria@pilsenbakery.example", "is_primary": True},
    )
    return e


@pytest.fixture
def opened(monkeypatch) -> list[Path]:
    """Drafts 'opened in Outlook' (recorded instead of launching a mail program)."""
    seen: list[Path] = []
    monkeypatch.setattr(
        composer_module.FileOpener, "open", classmethod(lambda cls, p: seen.append(p))
    )
    return seen


@pytest.fixture
def drafts(context, tmp_path) -> Path:
    from app.services.agency import settings
    from app.services.rfi import mail as mail_service

    folder = tmp_path / "drafts"
    settings.put(context.store, mail_service.DRAFTS_FOLDER, str(folder))
    return folder
