"""The list read before the store opens is the list the open store reads, or nothing."""

from __future__ import annotations

import sqlite3

from app.services.agency import org, settings
from app.services.employers import employers, fit
from app.services.employers.start_list import read_start_list
from app.services.people import retention
from app.store import migrate
from tests.offscreen import run_script
from tests.store.bad_stores import snapshot


def _left_on(store, page: str = "employers") -> None:  # noqa: ANN001 - Store
    """The BSR answered the first-run questions and closed the window on `page`."""
    if settings.me(store) is None:
        org.save_profile(store, "Dana Reyes", org.offices(store)[0].id, [])
    settings.put(store, settings.WINDOW_STATE, {"page": page})


def test_start_list_holds_the_rows_and_fits_the_open_store_reads(demo_store):
    rows = employers.list_rows(demo_store)
    gone, merged = rows[3].id, rows[5].id
    employers.delete_employer(demo_store, gone)
    with demo_store.transaction() as session:  # merged away: listed no more
        session.connection().exec_driver_sql(
            "UPDATE employer SET merged_into = ? WHERE id = ?", (rows[0].id, merged)
        )
    fit.record_override(demo_store, rows[7].id, "poor", "Stopped returning calls.", None)
    _left_on(demo_store)
    expected_rows = employers.list_rows(demo_store)
    expected_fits = fit.fit_all(demo_store)
    assert expected_fits and rows[7].id in expected_fits
    assert not {gone, merged} & {r.id for r in expected_rows}
    # Computed afresh from the file, not handed back from the open store's caches.
    fit._cache.clear()
    retention._map_cache.clear()
    start = read_start_list(demo_store.path, "employers")
    assert start is not None
    assert start.rows == expected_rows
    assert start.fits == expected_fits
    assert start.window_state == {"page": "employers"}


def test_nothing_is_read_ahead_on_first_run_or_for_another_page(store):
    settings.put(store, settings.WINDOW_STATE, {"page": "employers"})
    assert read_start_list(store.path, "employers") is None  # first run: questions come first
    settings.put(store, settings.ME, "someone-since-removed")
    assert read_start_list(store.path, "employers") is None
    _left_on(store, page="today")
    assert read_start_list(store.path, "employers") is None
    _left_on(store, page="employers")
    assert read_start_list(store.path, "employers") is not None
    assert read_start_list(store.path.with_name("missing.sqlite"), "employers") is None


def test_a_store_to_migrate_is_left_to_the_full_open_untouched(store, tmp_path):
    _left_on(store)
    store.close()
    first = sorted(migrate.revision_graph())[0]
    with sqlite3.connect(store.path) as conn:
        conn.execute("DELETE FROM alembic_version")
        conn.execute("INSERT INTO alembic_version VALUES (?)", (first,))
    conn.close()
    before = snapshot(tmp_path)
    assert read_start_list(store.path, "employers") is None
    assert snapshot(tmp_path) == before


def test_a_store_held_by_another_program_is_left_to_the_full_open(store):
    _left_on(store)
    store.close()
    holder = sqlite3.connect(store.path)
    holder.execute("PRAGMA journal_mode=DELETE")
    holder.execute("PRAGMA locking_mode=EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        assert read_start_list(store.path, "employers") is None
    finally:
        holder.rollback()
        holder.close()


def test_start_list_is_read_and_shown_without_sqlmodel(store):
    """The point of it: the list comes before the second SQLModel takes to import."""
    _left_on(store)
    employers.create_employer(store, {"legal_name": "Quick Start Bakery"})
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from app.ui.launch import make_application\n"
        "from app.ui.main_window import MainWindow\n"
        "from app.services.employers.start_list import read_start_list\n"
        "app = make_application()\n"
        "w = MainWindow(Path(sys.argv[1]))\n"
        "w.show_start_list(read_start_list(Path(sys.argv[1]), 'employers'))\n"
        "w.show(); app.processEvents()\n"
        "print(w.listed_employers(), sorted(m for m in ('sqlmodel', 'sqlalchemy', 'alembic')"
        " if m in sys.modules))\n"
    )
    assert run_script(script, str(store.path)).strip() == "1 []"
