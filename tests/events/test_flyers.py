"""Flyers, handouts and employer invitations that can be handed out as they are: read back
from the real PDFs with pypdf."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from app import forms
from app.core.models.events import EventKind
from app.services.agency import org
from app.services.events import events, flyers
from app.services.events.events import PositionDraft
from tests.events import fixture
from tests.events.fixture import at

LV_ADDRESS = "3210 W 26th St, Chicago, IL 60623"
MX_ADDRESS = "1900 W Jackson Blvd, Room 1120, Chicago, IL 60612"
#: Words that speak to job seekers: never on an invitation for employers.
SEEKER_WORDS = (
    "resume",
    "job seeker",
    "what to bring",
    "now hiring",
    "photo id",
    "currículum",
    "qué traer",
    "buscan empleo",
    "puestos disponibles",
)


def text_of(data: bytes, tmp_path: Path, name: str = "paper.pdf") -> str:
    path = tmp_path / name
    path.write_bytes(data)
    reader = PdfReader(path)
    assert len(reader.pages) == 1
    return " ".join(" ".join(p.extract_text() for p in reader.pages).split())


def office_id(store, code: str) -> str:
    return next(o.id for o in org.offices(store) if o.code == code)


def agency_header(text: str) -> None:
    assert forms.PROGRAMS.load().agency.name in text


def test_a_job_center_event_names_the_job_centers_street_address(store, tmp_path) -> None:
    known = fixture.build(store)  # held at Little Village
    text = text_of(flyers.flyer_pdf(store, known.event_id, lang="en"), tmp_path)
    agency_header(text)
    assert "Little Village American Job Center" in text
    assert f"Where Little Village American Job Center {LV_ADDRESS}" in text
    assert "(773) 555-0150" in text
    assert "Job center hours: Monday to Friday, 8:30 AM to 5 PM" in text
    assert "Page 1 of 1" in text
    assert "Pilsen Bakery Inc. is hiring" in text
    assert "Hiring event: Pilsen" not in text  # a title, not a label
    assert known.event_id not in text


def test_an_event_at_the_employers_site_names_the_worksite(store, tmp_path) -> None:
    known = fixture.build(store)
    event_id = fixture.site_event_with_tour(store, known)
    text = text_of(flyers.flyer_pdf(store, event_id, lang="en"), tmp_path)
    assert "Where Pilsen Bakery Inc. 2500 W Cermak Rd, Chicago, IL 60608" in text
    assert "Job center hours" not in text  # it is not held at the job center
    assert "Little Village American Job Center" in text  # who organizes it: the BSR's center
    assert "Page 1 of 1" in text


def networking(store, kind: EventKind = EventKind.NETWORKING) -> str:
    hosts = [fixture.employer(store, n) for n in ("Pilsen Bakery Inc.", "Ogden Fulfillment")]
    org.save_profile(store, "Rocio Benavides", office_id(store, "malcolm-x"), ["wioa-adult"])
    event = events.create_event(
        store,
        kind,
        at(9, 0),
        at(11, 0),
        host_ids=hosts,
        office_id=office_id(store, "malcolm-x"),
    )
    return event.id


@pytest.mark.parametrize("kind", [EventKind.NETWORKING, EventKind.APPRECIATION])
def test_an_employer_event_gets_an_invitation_never_job_seeker_text(
    store, tmp_path, kind: EventKind
) -> None:
    event_id = networking(store, kind)
    host = events.detail(store, event_id).hosts[0].id
    events.add_position(store, event_id, host, PositionDraft("Bakery production worker", 3))
    for lang in ("en", "es"):
        text = text_of(flyers.flyer_pdf(store, event_id, lang=lang), tmp_path)
        for words in SEEKER_WORDS:
            assert words not in text.lower(), (lang, words)
        assert "Bakery production" not in text  # positions are for job seekers
        assert MX_ADDRESS in text
        agency_header(text)
    english = text_of(flyers.flyer_pdf(store, event_id, lang="en"), tmp_path)
    title = "Employer networking brunch" if kind == EventKind.NETWORKING else "appreciation lunch"
    for words in (
        "INVITATION FOR EMPLOYERS",
        title,
        "What to expect",
        "Please RSVP",
        "Reply by Thursday, March 11, 2027 to Rocio Benavides",
        "Who to contact",
        "Pilsen Bakery Inc. · Ogden Fulfillment",
        "Page 1 of 1",
    ):
        assert words in english, words
    spanish = text_of(flyers.flyer_pdf(store, event_id, lang="es"), tmp_path)
    for words in ("INVITACIÓN PARA EMPLEADORES", "Confirme su asistencia", "Qué esperar"):
        assert words in spanish, words
    assert "antes del jueves 11 de marzo de 2027" in spanish
    assert "Página 1 de 1" in spanish


def test_a_job_fair_says_which_employer_offers_which_position_once(store, tmp_path) -> None:
    bakery = fixture.employer(store, "Pilsen Bakery Inc.")
    freight = fixture.employer(store, "Ogden Fulfillment")
    event = events.create_event(
        store,
        EventKind.JOB_FAIR,
        at(10, 0),
        at(13, 0),
        host_ids=[bakery, freight],
        office_id=office_id(store, "malcolm-x"),
        title="West Side Job Fair",
    )
    drafts = [
        (bakery, PositionDraft("Bakery production worker", 4, 1750, 1750)),
        (bakery, PositionDraft("bakery  production worker", 2, 1900, 1900)),  # typed again
        (bakery, PositionDraft("Delivery driver", 2, 2100, 2100)),
        (freight, PositionDraft("Delivery driver", 3, 2000, 2000)),  # same title, other employer
        (freight, PositionDraft("Forklift operator", 1)),
    ]
    for employer_id, draft in drafts:
        events.add_position(store, event.id, employer_id, draft)
    text = text_of(flyers.flyer_pdf(store, event.id, lang="en"), tmp_path)
    assert "Employer Position Openings Pay" in text
    for row in (
        "Pilsen Bakery Inc. Bakery production worker 6 $17.50-$19.00/hr",
        "Pilsen Bakery Inc. Delivery driver 2 $21.00/hr",
        "Ogden Fulfillment Delivery driver 3 $20.00/hr",
        "Ogden Fulfillment Forklift operator 1 Ask us",
    ):
        assert row in text, row
    assert text.lower().count("bakery production worker") == 1
    assert text.count("Delivery driver") == 2
    assert (
        "West Side Job Fair" in text
        and f"Where Malcolm X West Side American Job Center {MX_ADDRESS}" in text
    )


def test_little_village_prints_both_languages_on_one_sheet_by_default(store, tmp_path) -> None:
    known = fixture.build(store)
    assert flyers.default_languages(store, known.event_id) == ("en", "es")
    for handout in (False, True):
        text = text_of(flyers.flyer_pdf(store, known.event_id, handout=handout), tmp_path)
        for words in ("Now hiring", "Puestos disponibles", "What to bring", "Qué traer"):
            assert words in text, (handout, words)
        assert "Page 1 of 1 · Página 1 de 1" in text
        assert text.count(LV_ADDRESS) >= 3  # header and both languages' "Where"
    english = text_of(flyers.flyer_pdf(store, known.event_id, lang="en"), tmp_path)
    assert "Puestos disponibles" not in english


def test_other_job_centers_print_english_unless_asked(store, tmp_path) -> None:
    event_id = networking(store)
    assert flyers.default_languages(store, event_id) == ("en",)
    text = text_of(flyers.flyer_pdf(store, event_id, handout=True, lang="both"), tmp_path)
    assert "Please RSVP" in text and "Confirme su asistencia" in text
    with pytest.raises(ValueError, match="unknown language 'fr'"):
        flyers.flyer_pdf(store, event_id, lang="fr")


def test_staff_correct_the_wording_in_the_forms_file(store, tmp_path, forms_folder) -> None:
    known = fixture.build(store)
    path = forms_folder / "flyers.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace('now_hiring = "Puestos disponibles"', 'now_hiring = "Se busca personal"'),
        encoding="utf-8",
    )
    forms.clear_cache()
    spanish = text_of(flyers.flyer_pdf(store, known.event_id, lang="es"), tmp_path)
    assert "Se busca personal" in spanish and "Puestos disponibles" not in spanish


def test_an_employer_event_has_its_own_report(store, tmp_path) -> None:
    from app.core.models.events import EventStatus
    from app.services.events import checkin, event_documents
    from app.services.events.checkin import PersonInput

    event_id = networking(store)
    with pytest.raises(event_documents.EventNotHeld):
        event_documents.report_pdf(store, event_id)
    roster = checkin.load_roster(store, event_id)
    for n, name in enumerate(("Dana Whitfield", "Marco Ibarra")):
        checkin.walk_in(
            store, roster, PersonInput(name, phone=f"(312) 555-01{20 + n}"), None, at(9, 10 + n)
        )
    events.set_status(store, event_id, EventStatus.DONE)
    text = text_of(event_documents.report_pdf(store, event_id), tmp_path)
    agency_header(text)
    for words in (
        "EVENT REPORT Employer networking brunch Thursday, March 18, 2027",
        MX_ADDRESS,
        "2 0 2 2 employers taking part guests who answered the invitation guests who came",
        "Pilsen Bakery Inc.",
        "Ogden Fulfillment",
        "Prepared by Rocio Benavides",
        "Page 1 of 1",
    ):
        assert words in text, words
    for words in ("job seeker", "applications", "interviews", "resume", "youth", "program"):
        assert words not in text.lower(), words


def test_a_flyer_that_cannot_say_where_to_go_is_refused(store, tmp_path) -> None:
    from app.core.models import Employer

    host = fixture.employer(store, "Harlem Avenue Foods")
    with store.transaction() as session:
        session.get(Employer, host).street = ""
    event = events.create_event(
        store, EventKind.HIRING_EVENT, at(10, 0), at(12, 0), host_ids=[host], at_employer_site=True
    )
    with pytest.raises(flyers.NoStreetAddress, match="Harlem Avenue Foods has no street address"):
        flyers.flyer_pdf(store, event.id)
    events.update_event(store, event.id, address="7000 W Cermak Rd, Berwyn, IL 60402")
    text = text_of(flyers.flyer_pdf(store, event.id, lang="en"), tmp_path)
    assert "7000 W Cermak Rd, Berwyn, IL 60402" in text
