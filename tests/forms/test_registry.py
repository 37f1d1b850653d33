"""The forms registry: every registered file loads, and a broken copy of each one is refused
at start with its file name and the line of the problem."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest

from app import forms
from app.core.forms_data import Place
from app.forms.locate import locate

Break = tuple[str, str, str]

#: Edits per registered entry that its builder must refuse: (old text, new text, words), or
#: a list of them. Adding a forms file means adding a line here (the test below checks
#: nothing is left out); adding keys to a file means adding a break for each.
SEMANTIC_BREAKS: dict[str, Break | list[Break]] = {
    "agency.toml": [
        ('code = "north-riverside"', 'code = ""', "[[office]] number 1 has no code"),
        ('phone = "(773) 555-0150"', 'phone = "773.555.0150"', "write it as (312) 555-0100"),
        ('es = "Lunes a viernes', 'sp = "Lunes a viernes', "have no 'es' text"),
        ('flyer_languages = ["en", "es"]', 'flyer_languages = ["en", "fr"]', "flyer_languages"),
        ('address = "3210 W 26th St, Chicago, IL 60623"', "address = 60623", "text in quotes"),
    ],
    "rfi.toml": ('type = "yesno"', 'type = "yes-no"', "key 'type' is 'yes-no'"),
    "programs.toml": [
        (
            'condition = { answer = "workers_comp", is = true }',
            'condition = { answer = "workers_comp", is = "yes" }',
            "true or false",
        ),
        ("refuse_poor_fit = true", 'refuse_poor_fit = "yes"', "refuse_poor_fit"),
        (
            'condition = { positions = "count", at_least = 1 }',
            'condition = { fact = "fit", is_not = "poor" }',
            "known: retention_pattern, stage, employer_fit",
        ),
    ],
    "reimbursement.toml": ("rate_percent = 60", "rate_percent = 160", "must be 0 to 100"),
    "retention.toml": ("poor_below = 0.50", "poor_below = 1.5", "poor_below"),
    "checkins.toml": ("overdue_after_days = 2", "overdue_after_days = -1", "overdue_after_days"),
    "ojt.toml": ("filing_days = 28", "filing_days = 0", "filing_days"),
    "onet.toml": ('code = "53-7062.00"', 'code = "53-70"', "O*NET-SOC"),
    "metrics.toml": ('unit = "share"', 'unit = "percent"', "unit"),
    "flyers.toml": [
        ('title_hiring_event = "{employer} is hiring"', 'title_hiring_event = "{boss}"', "{boss}"),
        ('am = "a. m."', 'am = ""', "[es] am needs a text"),
        ('kicker_job_fair = "Feria de empleo"', 'kicker_jobfair = "Feria"', "unknown text"),
    ],
    "emails": ('subject = "', 'subject = "${nobody} ', "unknown placeholder ${nobody}"),
}


def _files() -> list[str]:
    """Every registered file, relative to the forms folder (a folder entry gives each file)."""
    return [
        str(path.relative_to(forms.folder())) for entry in forms.REGISTRY for path in entry.files()
    ]


def _entry_of(relative: str) -> str:
    names = [e.name for e in forms.REGISTRY]
    return relative if relative in names else relative.split("/")[0]


def _line_of(path: Path, text: str) -> int:
    return next(n for n, row in enumerate(path.read_text().splitlines(), 1) if text in row)


def test_the_shipped_folder_passes_and_every_entry_builds() -> None:
    forms.check_all()
    assert {e.name for e in forms.REGISTRY} >= {
        "agency.toml",
        "rfi.toml",
        "programs.toml",
        "reimbursement.toml",
        "retention.toml",
        "checkins.toml",
        "emails",
    }
    assert len(_files()) >= 11


def test_every_entry_has_a_semantic_break() -> None:
    assert set(SEMANTIC_BREAKS) == {e.name for e in forms.REGISTRY}


@pytest.mark.parametrize("relative", _files())
def test_a_syntax_error_in_each_file_is_refused_with_its_line(
    forms_folder: Path, relative: str
) -> None:
    path = forms_folder / relative
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join([*lines, "broken = = 1"]) + "\n", encoding="utf-8")
    with pytest.raises(forms.FormsFileError) as caught:
        forms.check_all()
    assert caught.value.path == path
    assert f"{path.name}, line {len(lines) + 1}: not valid TOML" in str(caught.value)
    assert path.name in forms.explain(caught.value)


def _breaks() -> list[tuple[str, Break]]:
    """(file, break) for every break of every registered file."""
    out = []
    for relative in _files():
        breaks = SEMANTIC_BREAKS[_entry_of(relative)]
        out += [(relative, b) for b in (breaks if isinstance(breaks, list) else [breaks])]
    return out


@pytest.mark.parametrize(("relative", "edit"), _breaks())
def test_a_bad_value_in_each_file_is_refused_with_its_line(
    forms_folder: Path, relative: str, edit: Break
) -> None:
    old, new, words = edit
    path = forms_folder / relative
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(forms.FormsFileError) as caught:
        forms.check_all()
    assert caught.value.path == path
    assert caught.value.line == _line_of(path, new)
    assert f"{path.name}, line {caught.value.line}:" in str(caught.value)
    assert words in str(caught.value)


def test_a_placeholder_deep_in_a_body_points_at_its_own_line(forms_folder: Path) -> None:
    path = forms_folder / "emails" / "eligible.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("${eligible_list}", "${eligible}"), encoding="utf-8")
    with pytest.raises(forms.FormsFileError) as caught:
        forms.EMAILS.load()
    assert caught.value.line == _line_of(path, "${eligible}")
    assert caught.value.line > _line_of(path, "body = ")


def test_a_missing_file_is_refused_by_name(forms_folder: Path) -> None:
    (forms_folder / "agency.toml").unlink()
    with pytest.raises(forms.FormsFileError, match=r"agency\.toml: cannot be read"):
        forms.check_all()


def test_the_folder_is_chosen_in_one_place_and_read_once(forms_folder: Path) -> None:
    assert forms.folder() == forms_folder
    assert forms.RETENTION.path() == forms_folder / "retention.toml"
    first = forms.RETENTION.load()
    assert forms.RETENTION.load() is first
    path = forms_folder / "retention.toml"
    path.write_text(path.read_text().replace("judge_day = 90", "judge_day = 30", 1))
    assert forms.RETENTION.load() is first  # read once per run
    forms.clear_cache()
    assert forms.RETENTION.load().judge_day == 30


def test_a_needed_file_is_built_first_and_blamed_for_its_own_errors(forms_folder: Path) -> None:
    path = forms_folder / "rfi.toml"
    path.write_text(path.read_text().replace('type = "yesno"', 'type = "nope"', 1))
    with pytest.raises(forms.FormsFileError) as caught:
        forms.PROGRAMS.load()
    assert caught.value.path.name == "rfi.toml"


# The locator ---------------------------------------------------------------------------


def _places(value: Any, at: Place = ()) -> list[Place]:
    """Every key and list position in a parsed document."""
    found: list[Place] = []
    if isinstance(value, dict):
        for key, inner in value.items():
            found += [(*at, key), *_places(inner, (*at, key))]
    elif isinstance(value, list) and all(isinstance(v, dict) for v in value):
        for n, inner in enumerate(value):
            found += [(*at, n), *_places(inner, (*at, n))]
    return found


@pytest.mark.parametrize("relative", _files())
def test_every_place_in_the_shipped_files_is_found_on_its_own_line(relative: str) -> None:
    text = (forms.folder() / relative).read_text(encoding="utf-8")
    lines = text.splitlines()
    for place in _places(tomllib.loads(text)):
        line = locate(text, place)
        assert line is not None, place
        if len(place) > 1 and line == locate(text, place[:-1]):
            continue  # inside a value written on its key's line ({ ... } or [ ... ])
        last = place[-1]
        written = lines[line - 1]
        if isinstance(last, int):
            assert written.strip().startswith("[[") and str(place[-2]) in written, place
        else:
            assert written.strip().startswith((last, f'"{last}"', "[")), (place, written)
            assert last in written, (place, written)


LOCATOR_CASES = [
    # Keys inside a multi-line string are not keys.
    ('body = """\nname = x\n"""\nname = "y"\n', ("name",), 4),
    # A value spread over lines is skipped as a whole.
    ('options = [\n  "a = b",\n]\nid = "q"\n', ("id",), 4),
    # Arrays of tables count per parent; a missing key points at its table.
    (
        "[[q]]\nid = 1\n[[q.part]]\nid = 2\n[[q]]\nid = 3\n[[q.part]]\nx = 1\n[[q.part]]\nid = 4\n",
        ("q", 1, "part", 1, "id"),
        10,
    ),
    ("[[q]]\nid = 1\n[[q.part]]\nid = 2\n[[q]]\nid = 3\n", ("q", 1, "part", 0, "id"), 5),
    # Sections, dotted and quoted keys.
    ("[fit]\nwatch = 1\n[ojt]\nwatch = 2\n", ("ojt", "watch"), 4),
    ('[a]\nb.c = 1\n"d e" = 2\n', ("a", "d e"), 3),
    ("[fit]\nwatch = 1\n", ("ojt", "watch"), None),
    ("[fit]\n", (), None),
]


@pytest.mark.parametrize(("text", "at", "line"), LOCATOR_CASES)
def test_locator_cases(text: str, at: Place, line: int | None) -> None:
    tomllib.loads(text)  # every case is valid TOML
    assert locate(text, at) == line


def test_what_we_look_for_is_required_and_never_a_rule_pasted_in(forms_folder: Path) -> None:
    path = forms_folder / "programs.toml"
    shipped = path.read_text(encoding="utf-8")
    pasted = shipped.replace(
        '"You are hiring now, for any number of positions"', '"You are hiring."', 1
    )
    path.write_text(pasted, encoding="utf-8")
    with pytest.raises(forms.FormsFileError) as caught:
        forms.check_all()
    assert "repeats a rule's wording" in str(caught.value)
    assert caught.value.line == _line_of(path, '"You are hiring."') - 1  # its looks_for key
    start = shipped.index("looks_for = [", shipped.index('code = "wotc"'))
    end = shipped.index("]\n", start) + 2
    path.write_text(shipped[:start] + shipped[end:], encoding="utf-8")
    with pytest.raises(forms.FormsFileError) as caught:
        forms.check_all()
    assert "'looks_for' is missing" in str(caught.value) and "wotc" in str(caught.value)
