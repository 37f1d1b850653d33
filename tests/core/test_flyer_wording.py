"""Flyer wording rules: titles a person would print, dates and times per language, and one
row per employer and position."""

from __future__ import annotations

from datetime import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app import forms
from app.core.flyer_rows import Offer, merge_offers
from app.core.flyer_wording import tidy_title, wording_from_mapping
from app.core.forms_data import FormsDataError


@pytest.mark.parametrize(
    ("typed", "printed"),
    [
        ("Hiring Event — Hiring Event at Pilsen Bakery", "Hiring Event at Pilsen Bakery"),
        ("Hiring event: Hiring event at Ogden", "Hiring event at Ogden"),
        ("Spring Job Fair && Resource Day", "Spring Job Fair & Resource Day"),
        ("West Side Job Fair [HE-2027-03]", "West Side Job Fair"),
        ("hiring_event Pilsen Bakery", "Pilsen Bakery"),
        ("Spring Job Fair (id 01a23a56)", "Spring Job Fair"),
        ("  Summer   hiring day ", "Summer hiring day"),
        ("Open House: Warehouse Jobs", "Open House: Warehouse Jobs"),
    ],
)
def test_typed_titles_are_tidied(typed: str, printed: str) -> None:
    assert tidy_title(typed) == printed


@given(st.text(alphabet="ab &:-—_[]()#Hi1", max_size=40))
def test_a_tidied_title_never_doubles_an_ampersand_or_spaces(typed: str) -> None:
    out = tidy_title(typed)
    assert "&&" not in out and "  " not in out
    assert out == out.strip()
    assert bool(out) == bool(typed.strip())


def test_titles_dates_and_times_in_each_language() -> None:
    wording = forms.FLYERS.load()
    en, es = wording["en"], wording["es"]
    day = datetime(2027, 1, 15, 9, 30)
    assert en.date(day) == "Friday, January 15, 2027"
    assert es.date(day) == "Viernes 15 de enero de 2027"
    assert es.date(day, capital=False) == "viernes 15 de enero de 2027"
    assert en.hours(day, day.replace(hour=12, minute=0)) == "9:30 AM - 12 PM"
    assert es.hours(day, day.replace(hour=13, minute=0)) == "9:30 a. m. a 1 p. m."
    assert en.title("hiring_event", "", ["Rivera Transport"], "") == "Rivera Transport is hiring"
    assert es.title("networking", "", [], "") == "Desayuno de networking para empleadores"
    assert en.title("job_fair", "", ["A", "B"], "Malcolm X") == "Job fair at Malcolm X"


def test_every_language_needs_every_text() -> None:
    good = {"en": {}, "es": {}}
    with pytest.raises(FormsDataError) as caught:
        wording_from_mapping(good)
    assert caught.value.at == ("en", "language")
    with pytest.raises(FormsDataError, match=r"unknown language \[fr\]"):
        wording_from_mapping({"fr": {}})


offers = st.lists(
    st.builds(
        Offer,
        employer=st.sampled_from(["Pilsen Bakery", "pilsen  bakery", "Ogden"]),
        title=st.sampled_from(["Driver", "driver", "Packer", " Packer "]),
        openings=st.integers(1, 9),
        wage_min_cents=st.none() | st.integers(1500, 2500),
        wage_max_cents=st.none() | st.integers(1500, 2500),
        schedule=st.sampled_from(["", "Days", "Nights"]),
    ),
    max_size=12,
)


@given(offers)
def test_one_row_per_employer_and_position_and_no_opening_lost(rows: list[Offer]) -> None:
    merged = merge_offers(rows)

    def key(o: Offer) -> tuple[str, str]:
        return " ".join(o.employer.casefold().split()), " ".join(o.title.casefold().split())

    assert len({key(o) for o in merged}) == len(merged)
    assert {key(o) for o in merged} == {key(o) for o in rows}
    assert sum(o.openings for o in merged) == sum(o.openings for o in rows)
    for o in merged:
        same = [r for r in rows if key(r) == key(o)]
        lows = [r.wage_min_cents for r in same if r.wage_min_cents is not None]
        highs = [r.wage_max_cents for r in same if r.wage_max_cents is not None]
        assert o.wage_min_cents == (min(lows) if lows else None)
        assert o.wage_max_cents == (max(highs) if highs else None)
        assert o.openings == sum(r.openings for r in same)
