"""Building the demo store that `--demo` opens: the whole workflow (employers, RFIs and
eligibility, people, partners, events) beside the employer book the demo used to be alone
(offices, BSRs, 300 employers with contacts, ten activities each on average, follow-ups),
same run, same machine, each on a fresh migrated store."""

from __future__ import annotations

import os
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from app.services.agency.org import ensure_reference_data
from app.services.demo import dataset as demo
from app.store.engine import open_store
from tests.bench.timing import median_ms, ratio_line, repeat

REPEATS = int(os.environ.get("BENCH_DEMO_REPEATS", "3"))
NOW = datetime(2026, 11, 18, 17, 30, tzinfo=UTC)


def _build(full: bool) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(Path(tmp) / "demo.sqlite")
        try:
            ensure_reference_data(store)
            if full:
                demo.write_demo(store, now=NOW)
            else:
                today = NOW.astimezone(demo.CHICAGO).date()
                book = demo.DemoSize(activities_per_employer=10)
                demo._write_employers(store, book, 2026, NOW, today)
        finally:
            store.close()


def run() -> list[str]:
    book = repeat(lambda: _build(False), REPEATS)
    whole = repeat(lambda: _build(True), REPEATS)
    return [
        f"the demo's former employer book alone: median {median_ms(book):.0f} ms ({REPEATS} runs)",
        f"whole demo dataset: median {median_ms(whole):.0f} ms",
        ratio_line("whole demo", median_ms(whole), median_ms(book), target=3),
    ]


if __name__ == "__main__":
    print("\n".join(run()))
