"""A job center holding events must have a street address in forms/agency.toml: the start of
the app and of every command refuse it otherwise, naming the office and the line."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from app import forms
from app.commands import common
from app.core.models.events import EventStatus
from app.services.agency import org
from app.services.agency.offices import check_event_offices, office_card, offices_with_events
from app.services.events import events
from app.ui import launch
from tests.events import fixture

LV_ADDRESS = 'address = "3210 W 26th St, Chicago, IL 60623"'


def _blank_little_village(folder: Path) -> int:
    """Empty Little Village's address; returns the line it is on."""
    path = folder / "agency.toml"
    text = path.read_text(encoding="utf-8")
    assert LV_ADDRESS in text
    path.write_text(text.replace(LV_ADDRESS, 'address = ""'), encoding="utf-8")
    return next(n for n, row in enumerate(text.splitlines(), 1) if LV_ADDRESS in row)


def test_shipped_job_centers_have_address_phone_and_hours() -> None:
    for office in forms.AGENCY.load().offices:
        card = forms.AGENCY.load().office(office["code"])
        assert card is not None and card.address and card.phone
        assert set(card.hours) == {"en", "es"}
    assert forms.AGENCY.load().office("little-village").flyer_languages == ("en", "es")


def test_an_office_with_events_and_no_address_is_refused_with_its_line(
    store, forms_folder: Path
) -> None:
    fixture.build(store)  # events at Little Village
    check_event_offices(store)  # the shipped address passes
    line = _blank_little_village(forms_folder)
    forms.clear_cache()
    assert offices_with_events(store) == {"little-village"}
    with pytest.raises(forms.FormsFileError) as caught:
        check_event_offices(store)
    assert caught.value.line == line
    assert f"agency.toml, line {line}: Little Village has events but no street address" in str(
        caught.value
    )


def test_an_office_without_events_may_have_no_address(store, forms_folder: Path) -> None:
    _blank_little_village(forms_folder)
    forms.clear_cache()
    check_event_offices(store)
    office = next(o for o in org.offices(store) if o.code == "little-village")
    assert office_card(office).address == ""


def test_cancelled_events_do_not_count(store, forms_folder: Path) -> None:
    known = fixture.build(store)
    for event_id in (known.event_id, known.earlier_event_id):
        events.set_status(store, event_id, EventStatus.CANCELLED)
    _blank_little_village(forms_folder)
    forms.clear_cache()
    check_event_offices(store)


def test_the_app_and_every_command_refuse_to_start(store, store_path, forms_folder, capsys):
    fixture.build(store)
    store.close()
    line = _blank_little_village(forms_folder)
    with pytest.raises(launch.StoreOpenError) as opened:
        launch.open_user_store(store_path)
    assert f"agency.toml, line {line}: Little Village" in opened.value.message
    with pytest.raises(SystemExit) as ended:
        common.open_user_store(argparse.Namespace(store=store_path))
    assert ended.value.code == 2
    assert f"agency.toml, line {line}: Little Village has events" in capsys.readouterr().err
