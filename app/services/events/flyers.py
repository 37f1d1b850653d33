"""An event's flyer, handout or employer invitation: what it says, in which languages.

The job center's address, phone and hours come from forms/agency.toml, the words from
forms/flyers.toml. An event at an employer's site prints the worksite's street address;
one at a job center prints the job center's. The languages default to those of the
organizing job center (Little Village prints English and Spanish on one sheet).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

from app import forms
from app.core.agency import LANGUAGES, OfficeCard
from app.core.flyer_rows import Offer, merge_offers
from app.core.flyer_wording import Words
from app.core.models import Office
from app.documents.event_flyer import FlyerData, FlyerRow, build_flyer, build_handout
from app.services.agency import settings
from app.services.agency.offices import office_card
from app.services.events.events import DEFAULT_WHAT_TO_BRING, EventDetail, detail, local, wage_text
from app.services.people.tours import latest_tour_notes
from app.store.engine import Store

#: The language choices a BSR has: one language, or both on one sheet.
BOTH = "both"
CHOICES = (*LANGUAGES, BOTH)

_TOUR_PARKING = ("Parking",)
_TOUR_TRANSIT = ("Public transit lines", "Walk from transit")
_TOUR_ACCESS = ("Accessibility",)
#: How long before an employer event its invitation asks for an answer.
RSVP_DAYS = 7


def organizing_office(store: Store, info: EventDetail) -> OfficeCard | None:
    """The job center the event is held at; for an event at an employer's site, the job
    center of its first BSR, else of the BSR using this computer."""
    if info.office is not None:
        return office_card(info.office)
    office_ids = [s.office_id for s in info.staff if s.office_id]
    me = settings.me(store)
    if me is not None and me.office_id:
        office_ids.append(me.office_id)
    with store.session() as session:
        for office_id in office_ids:
            office = session.get(Office, office_id)
            if office is not None:
                return office_card(office)
    return None


def default_languages(store: Store, event_id: str) -> tuple[str, ...]:
    card = organizing_office(store, detail(store, event_id))
    return card.flyer_languages if card is not None else (LANGUAGES[0],)


def languages(store: Store, event_id: str, choice: str | None = None) -> list[Words]:
    """The wording of each language to print: `choice` is "en", "es" or "both"; None
    takes the organizing job center's default."""
    wording = forms.FLYERS.load()
    if choice is None:
        codes: Sequence[str] = default_languages(store, event_id)
    elif choice == BOTH:
        codes = LANGUAGES
    elif choice in LANGUAGES:
        codes = (choice,)
    else:
        raise ValueError(f"unknown language {choice!r}: choose one of {', '.join(CHOICES)}")
    return [wording[c] for c in codes]


def _tour_notes(store: Store, info: EventDetail) -> tuple[str, str, str]:
    """The event's own parking and transit notes, else those the latest workplace tour of
    the host site recorded."""
    event = info.event
    parking, transit, access = event.parking_notes, event.transit_notes, ""
    if info.site is not None:
        tour = latest_tour_notes(store, info.site.id)
        if tour is not None:
            notes = dict(tour.for_flyer)
            parking = parking or "; ".join(notes[k] for k in _TOUR_PARKING if k in notes)
            transit = transit or "; ".join(notes[k] for k in _TOUR_TRANSIT if k in notes)
            access = "; ".join(notes[k] for k in _TOUR_ACCESS if k in notes)
    return parking, transit, access


def _rows(info: EventDetail) -> list[FlyerRow]:
    names = {h.id: h.dba_name or h.legal_name for h in info.hosts}
    offers = merge_offers(
        Offer(
            names.get(p.employer_id, ""),
            p.title.strip(),
            p.openings,
            p.wage_min_cents,
            p.wage_max_cents,
            p.schedule,
        )
        for p in info.positions
    )
    return [
        FlyerRow(
            o.employer,
            o.title,
            o.openings,
            wage_text(o.wage_min_cents, o.wage_max_cents),
            o.schedule,
        )
        for o in offers
    ]


def _bring(text: str) -> list[str] | None:
    """What the BSR typed to bring; None (the wording's own list, in every language) when
    it is the usual list."""
    if not text.strip() or " ".join(text.split()) == " ".join(DEFAULT_WHAT_TO_BRING.split()):
        return None
    items = [i.strip() for i in text.replace("\n", ";").split(";") if i.strip()]
    return [i[:1].upper() + i[1:] for i in items]


def flyer_data(store: Store, event_id: str) -> FlyerData:
    """What the flyer or invitation says, apart from its wording."""
    info = detail(store, event_id)
    event = info.event
    card = organizing_office(store, info)
    parking, transit, access = _tour_notes(store, info)
    me = settings.me(store)
    contact = ", ".join(p for p in (me.name, me.phone, me.email) if p) if me else ""
    at_office = info.office is not None and info.site is None
    place_card = office_card(info.office) if at_office else None
    address = event.address or (
        place_card.address if place_card else info.site.address_line if info.site else ""
    )
    starts = local(event.starts_at)
    return FlyerData(
        event_id=event.id,
        kind=event.kind,
        title=event.title,
        employers=[h.dba_name or h.legal_name for h in info.hosts],
        starts_at=starts,
        ends_at=local(event.ends_at),
        place_name=info.place_name,
        address=address,
        agency=forms.PROGRAMS.load().agency.name,
        organization=f"{card.name} American Job Center" if card else "American Job Center",
        office_address=card.address if card else "",
        office_phone=card.phone if card else "",
        job_center_hours=dict(place_card.hours) if place_card and not event.address else {},
        positions=_rows(info),
        what_to_bring=_bring(event.what_to_bring),
        parking=parking,
        transit=transit,
        accessibility=access,
        contact_line=contact,
        rsvp_by=starts - timedelta(days=RSVP_DAYS),
    )


class NoStreetAddress(ValueError):
    """A flyer that does not say where to go is not printed: what to fill in, and where."""


def street_missing(store: Store, event_id: str) -> str:
    """Why the event's flyer cannot say where to go ("" when it can)."""
    info = detail(store, event_id)
    if info.event.address.strip():
        return ""
    if info.site is not None and not info.site.street.strip():
        name = info.site.dba_name or info.site.legal_name
        return (
            f"{name} has no street address, so the flyer cannot say where to go. Add the "
            "street on the employer's page (or type the event's own address), then print again."
        )
    if info.site is None and info.office is not None:
        card = office_card(info.office)
        if card is None or not card.address:
            return (
                f"The {info.office.name} job center has no street address in the forms folder "
                "(agency.toml), so the flyer cannot say where to go. Fill it in and start "
                "Employer Desk again."
            )
    return ""


def flyer_pdf(store: Store, event_id: str, handout: bool = False, lang: str | None = None) -> bytes:
    """The flyer (or two half-page handouts on one sheet) in `lang` ("en", "es", "both";
    None: the organizing job center's languages). NoStreetAddress when it cannot say
    where to go."""
    missing = street_missing(store, event_id)
    if missing:
        raise NoStreetAddress(missing)
    data = flyer_data(store, event_id)
    words = languages(store, event_id, lang)
    return build_handout(data, words) if handout else build_flyer(data, words)
