"""Job centers as papers print them, and the start-up check that every job center holding
events has a street address in forms/agency.toml."""

from __future__ import annotations

from sqlmodel import select

from app import forms
from app.core.agency import OfficeCard, refuse_offices_without_address
from app.core.models import Event, Office
from app.core.models.events import EventStatus, PlaceKind
from app.store.engine import Store


def office_card(office: Office | None) -> OfficeCard | None:
    """The job center's address, phone and hours from forms/agency.toml (the agency's data,
    corrected there by staff); the stored row's own values when forms/ no longer lists it."""
    if office is None:
        return None
    card = forms.AGENCY.load().office(office.code)
    if card is not None:
        return card
    return OfficeCard(office.code, office.name, office.address, office.phone)


def offices_with_events(store: Store) -> set[str]:
    """Codes of the job centers where a live, not cancelled, event is held."""
    with store.session() as session:
        rows = session.exec(
            select(Office.code)
            .join(Event, Event.office_id == Office.id)
            .where(
                Event.deleted_at.is_(None),
                Event.place_kind == PlaceKind.JOB_CENTER.value,
                Event.status != EventStatus.CANCELLED.value,
            )
        )
        return set(rows)


def check_event_offices(store: Store) -> None:
    """Refuse (FormsFileError naming the office and the line of agency.toml) a job center
    that holds events but has no street address: run at start and before every command."""
    codes = offices_with_events(store)
    forms.AGENCY.refuse(lambda config: refuse_offices_without_address(config, codes))
