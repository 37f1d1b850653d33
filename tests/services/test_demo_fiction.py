"""The demo dataset is fiction: no real staff names, phones only in 555-01xx, no real FEINs."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

from app.services.demo.fiction import UNASSIGNED_FEIN_PREFIXES

ROOT = Path(__file__).resolve().parents[2]
#: The agency's own words name the staff they quote as "interviews ... with NAME in YEAR".
QUOTED = re.compile(r"with ([A-Z][a-z]+ [A-Z][a-z]+) in 20\d\d")
#: Known from the agency's source document, in case it is not beside the checkout.
KNOWN_REAL_NAMES = {"Ana Granados"}


def real_names() -> set[str]:
    names = set(KNOWN_REAL_NAMES)
    seeds = ROOT.parent / "shared" / "seeds"
    if seeds.is_dir():
        for seed in seeds.glob("*.txt"):
            names |= set(QUOTED.findall(seed.read_text(encoding="utf-8", errors="replace")))
    return names


def every_text_value(path: Path) -> list[str]:
    with sqlite3.connect(path) as conn:
        tables = [
            t
            for (t,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            if not t.startswith(("sqlite_", "employer_search"))
        ]
        values: list[str] = []
        for table in tables:
            for row in conn.execute(f'SELECT * FROM "{table}"'):
                values.extend(v for v in row if isinstance(v, str))
    return values


def test_no_real_person_is_named_anywhere_in_the_demo(demo_store_file: Path) -> None:
    text = "\n".join(every_text_value(demo_store_file)).casefold()
    for name in real_names():
        assert name.casefold() not in text, name
        first, last = name.casefold().split()
        assert f"{first[0]}{last}@" not in text, name


def test_no_real_person_is_named_in_the_shipped_files() -> None:
    names = [n.casefold() for n in real_names()]
    for folder in ("app", "forms", "resources"):
        for path in (ROOT / folder).rglob("*"):
            if path.is_file() and path.suffix in {".py", ".toml", ".md", ".html", ".txt"}:
                text = path.read_text(encoding="utf-8", errors="replace").casefold()
                assert not [n for n in names if n in text], path


def test_demo_phones_and_feins_belong_to_nobody(demo_store_file: Path) -> None:
    with sqlite3.connect(demo_store_file) as conn:
        feins = [f for (f,) in conn.execute("SELECT fein FROM employer WHERE fein != ''")]
        phones = [
            p for (p,) in conn.execute("SELECT main_phone FROM employer WHERE main_phone != ''")
        ]
        phones += [p for (p,) in conn.execute("SELECT phone FROM contact WHERE phone != ''")]
        phones += [p for (p,) in conn.execute("SELECT phone FROM participant WHERE phone != ''")]
    assert feins and phones
    assert all(f[:2] in UNASSIGNED_FEIN_PREFIXES for f in feins), feins[:5]
    assert all(re.search(r"555-01\d\d", p) for p in phones), [
        p for p in phones if not re.search(r"555-01\d\d", p)
    ][:5]
