"""Search as you type over 100k employers and 1M activities, beside the raw FTS5 query."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from sqlalchemy import text

from app.services.employers.employers import SEARCH_LIMIT, EmployerFilter, list_rows
from app.store.search import fts_query
from tests.bench.bigstore import build
from tests.bench.timing import median_ms, ratio_line

TYPED = ["Hermosa bak", "garcia log", "5550142", "W Chicago", "Rodriguez & "]


def run() -> list[str]:
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        store = build(Path(tmp) / "big.sqlite", employers=100_000, activities_per_employer=10)
        built = time.perf_counter() - started
        ours: list[float] = []
        raw: list[float] = []
        keystrokes = [
            word[:i] for word in TYPED for i in range(1, len(word) + 1) if word[:i].strip()
        ]
        raw_sql = text(
            "SELECT rowid FROM employer_search WHERE employer_search MATCH :q ORDER BY rank"
        )
        with store.engine.connect() as conn:
            for typed in keystrokes:
                q = fts_query(typed)
                if q is None:
                    continue
                # Interleave, so both see the same machine load.
                t0 = time.perf_counter()
                conn.execute(raw_sql, {"q": q}).all()
                raw.append(time.perf_counter() - t0)
                t0 = time.perf_counter()
                list_rows(store, EmployerFilter(text=typed), limit=SEARCH_LIMIT)
                ours.append(time.perf_counter() - t0)
        store.close()
    return [
        f"store: 100,000 employers, 1,000,000 activities (built in {built:.1f} s)",
        f"keystrokes measured: {len(ours)}",
        f"raw FTS5 query: median {median_ms(raw):.1f} ms per keystroke",
        f"employer list (search + rows for the table): median {median_ms(ours):.1f} ms per keystroke",
        ratio_line("search as you type", median_ms(ours), median_ms(raw), target=2),
    ]
