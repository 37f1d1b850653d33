"""Top partners: order and reasons, a poor fit left out with why, thanks recorded once, the
letter and the brunch list."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from app.core.metrics import PartnerWeights
from app.core.partner_ranking import PartnerFigures, rank
from app.services.reports import partners
from tests.reports import world
from tests.reports.pdf_text import assert_fit_for_employers, text_of


def test_ranking_order_reasons_and_poor_fit(store):
    known = world.build(store)
    report = partners.rank_partners(store, 2026, world.AS_OF)
    ranked = report.ranking.ranked
    assert [r.figures.name for r in ranked] == ["Oak Foods LLC", "Cedar Logistics"]
    oak, cedar = ranked
    assert (oak.rank, oak.score, cedar.score) == (1, 20.0, 10.0)
    assert oak.reasons[0] == "Hired 3 people we referred."
    assert "Hosted or joined 2 hiring events." in oak.reasons
    assert "1 of 2 hires still employed at 90 days (50%)." in oak.reasons
    assert "Interviewed or hired 1 of the 2 candidates we sent." in oak.reasons
    assert "Answered 2 of 3 check-ins on the people placed there." in oak.reasons
    assert "Returned the RFI 6 days after we sent it." in oak.reasons
    assert "Completed 1 On-the-Job Training." in oak.reasons
    assert "Returned the RFI 12 days after we sent it." in cedar.reasons
    (birch,) = report.ranking.left_out
    assert birch.figures.employer_id == known["birch"]
    assert birch.why.startswith("Marked Poor fit: ")
    assert "let go within 30 days" in birch.why
    as_json = report.as_dict()
    assert as_json["not_ranked"][0]["employer"] == "Birch Hotels Inc"
    assert as_json["ranked"][0]["thanked"] == "not thanked yet"


@given(
    st.lists(
        st.tuples(st.integers(0, 20), st.integers(0, 20), st.integers(0, 5), st.booleans()),
        max_size=12,
    )
)
def test_ranking_is_sorted_and_never_holds_a_poor_fit(rows):
    figures = [
        PartnerFigures(
            str(n),
            f"E{n}",
            hires=h,
            referrals=a,
            referrals_accepted=a,
            events=e,
            poor_fit=("bad",) if poor else (),
        )
        for n, (h, a, e, poor) in enumerate(rows)
    ]
    ranking = rank(2026, figures, PartnerWeights(top=5))
    scores = [r.score for r in ranking.ranked]
    assert scores == sorted(scores, reverse=True)
    assert len(ranking.ranked) <= 5
    assert all(not r.figures.poor_fit for r in ranking.ranked)
    assert all(r.reasons for r in ranking.ranked)


def test_thanks_are_recorded_once_per_kind_and_year(store):
    known = world.build(store)
    partners.record_appreciation(
        store, known["oak"], 2026, "basket", date(2026, 12, 10), known["ana"]
    )
    with pytest.raises(ValueError, match="already recorded"):
        partners.record_appreciation(store, known["oak"], 2026, "basket", date(2026, 12, 11))
    with pytest.raises(ValueError, match="kind"):
        partners.record_appreciation(store, known["oak"], 2026, "flowers", date(2026, 12, 11))
    partners.record_appreciation(store, known["oak"], 2026, "letter", date(2026, 12, 12))
    report = partners.rank_partners(store, 2026, world.AS_OF)
    assert report.thanked_text(known["oak"]) == (
        "Gift basket on Dec 10 by Ana Granados; Thank-you letter on Dec 12"
    )
    assert report.thanked_text(known["cedar"]) == "not thanked yet"


def test_thank_you_letter_carries_its_own_numbers(store):
    known = world.build(store)
    pages, text = text_of(partners.thank_you_pdf(store, known["oak"], 2026, world.AS_OF))
    assert pages == 1
    assert "Thank you for 2026" in text
    assert "Hired 3 people we referred." in text
    assert "Page 1 of 1" in text
    assert_fit_for_employers(text)
    with pytest.raises(LookupError):
        partners.thank_you_pdf(store, known["birch"], 2026, world.AS_OF)


def test_brunch_list(store, tmp_path):
    world.build(store)
    path = tmp_path / "brunch.xlsx"
    assert partners.write_brunch_list(store, 2026, path, world.AS_OF) == 2
    sheet = load_workbook(path).active
    assert [c.value for c in sheet[3]][:3] == ["Rank", "Employer", "Contact"]
    assert sheet["B4"].value == "Oak Foods LLC"
    assert "Hired 3 people" in sheet["H4"].value
