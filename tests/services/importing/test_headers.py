"""Header matching sees through byte-order marks, their mojibake, odd spaces and case."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from app.services.importing import load_table, plan_import
from app.services.importing.mapping import SYNONYMS, clean_header, guess_mapping, guess_target
from tests.services.importing.files import write_xlsx

JUNK = ["\ufeff", "ï»¿", "Ã¯Â»Â¿", "ï»", "þÿ", "ÿþ", "\u200b", "\u2060", "\ufffd"]
SPACE = [" ", "\t", "\xa0", "\u202f", "\u2007", "\u3000", "\n"]


def test_the_apps_own_csv_saved_as_xlsx_by_libreoffice_maps_its_first_column(
    store, tmp_path: Path
) -> None:
    """The BOM read as Windows-1252 gave 'ï»¿Company': before, that column was left out and
    every row was rejected for having no name."""
    rows = [["ï»¿Company", "Contact person", "Phone", "City"]] + [
        [f"Business {n} Inc", f"Person {n}", f"312-555-{n:04d}", "Chicago"] for n in range(30)
    ]
    table = load_table(write_xlsx(tmp_path / "round.xlsx", rows))
    assert table.headers[0] == "Company"
    plan = plan_import(store, table)
    assert plan.mapping[0] == "legal_name"
    assert plan.rejected == [] and len(plan.creates) == 30


def test_headers_with_non_breaking_spaces_and_shouting_map() -> None:
    assert guess_mapping(["\xa0COMPANY\xa0", "ZIP\xa0CODE", " e-mail "]) == (
        "legal_name",
        "zip_code",
        "contact_email",
    )


WORDS = sorted({(w, t) for t, words in SYNONYMS.items() for w in words})


@given(
    prefix=st.lists(st.sampled_from(JUNK + SPACE), max_size=8),
    suffix=st.lists(st.sampled_from(SPACE), max_size=3),
    pair=st.sampled_from(WORDS),
    upper=st.booleans(),
)
def test_any_prefix_of_bom_junk_and_spaces_is_seen_through(prefix, suffix, pair, upper) -> None:
    word, target = pair
    shown = word.upper() if upper else word.title()
    header = "".join(prefix) + shown + "".join(suffix)
    assert clean_header(header) == " ".join(shown.split())
    assert guess_target(header) == guess_target(word)
