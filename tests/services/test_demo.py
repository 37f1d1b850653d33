"""The demo dataset fills every area of the app, through the services, the same for a seed."""

from __future__ import annotations

import json
import re
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from app.core.models.events import EventStatus
from app.core.pipeline import Stage
from app.core.retention import FitLevel
from app.services.agency import settings
from app.services.demo.dataset import DemoSize, write_demo
from app.services.employers import today
from app.services.events import event_report, events
from app.services.people import participants, placements, progress, referrals, retention, tours
from app.services.rfi import eligibility, rfi, rfi_timers
from app.store.engine import Store, open_store
from app.store.journal import synced_tables

#: A Wednesday, 11:30 in Chicago: today's hiring event has its doors open.
NOW = datetime(2026, 11, 18, 17, 30, tzinfo=UTC)
DAY = date(2026, 11, 18)
_ID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory):
    path = tmp_path_factory.mktemp("full-demo") / "demo.sqlite"
    store = open_store(path)
    figures = write_demo(store, DemoSize(), now=NOW)
    yield store, figures
    store.close()


@pytest.fixture
def store(demo) -> Store:
    return demo[0]


@pytest.fixture
def me(store: Store) -> str:
    return settings.get(store, settings.ME)


def _count(store: Store, sql: str, **params: Any) -> int:
    with store.engine.connect() as conn:
        return conn.execute(text(sql), params).scalar_one()


def _employers_in(store: Store, stage: Stage) -> list[str]:
    with store.engine.connect() as conn:
        return [
            r[0]
            for r in conn.execute(
                text("SELECT id FROM employer WHERE stage = :s ORDER BY id"), {"s": stage.value}
            )
        ]


def _answered(store: Store) -> list[str]:
    with store.engine.connect() as conn:
        return [
            r[0]
            for r in conn.execute(text("SELECT DISTINCT employer_id FROM rfi_answer ORDER BY 1"))
        ]


# ---------------------------------------------------------------- every area has rows


AREAS = [
    "employer",
    "contact",
    "activity",
    "followup",
    "rfi_answer",
    "open_position",
    "eligibility_decision",
    "participant",
    "tour",
    "tourguest",
    "referral",
    "placement",
    "progresscheckin",
    "event",
    "event_host",
    "event_position",
    "event_staff",
    "event_registration",
    "event_checkin",
    "event_interaction",
    "partner",
    "partnercontact",
    "distributionlist",
    "partneropening",
    "ojt_agreement",
    "ojt_plan_skill",
    "ojt_timesheet",
    "ojt_invoice",
    "wotc_record",
]


@pytest.mark.parametrize("table", AREAS)
def test_every_area_has_rows_and_each_row_is_journaled(store: Store, table: str) -> None:
    rows = _count(store, f'SELECT count(*) FROM "{table}"')
    assert rows > 0
    journaled = _count(
        store,
        f"SELECT count(DISTINCT row_id) FROM change WHERE tbl = :t AND row_id IN "
        f'(SELECT id FROM "{table}")',
        t=table,
    )
    assert journaled == rows


def test_the_figures_say_what_was_written(demo) -> None:
    store, figures = demo
    assert figures.rfi.answered == len(_answered(store))
    assert figures.events.check_ins == _count(store, "SELECT count(*) FROM event_checkin")
    assert figures.events.walk_ins == _count(
        store, "SELECT count(*) FROM event_registration WHERE walk_in = 1"
    )
    assert figures.participants == 150
    assert len(figures.lines()) == 4
    assert figures.ojt is not None
    assert figures.ojt.agreements == _count(store, "SELECT count(*) FROM ojt_agreement")


# ---------------------------------------------------------------- RFI and eligibility


def test_rfi_answers_follow_the_pipeline(store: Store) -> None:
    answered = set(_answered(store))
    for stage in (Stage.PROSPECT, Stage.FIRST_MEETING, Stage.RFI_SENT):
        assert not answered & set(_employers_in(store, stage)), stage
    assert set(_employers_in(store, Stage.RFI_RECEIVED)) <= answered
    assert set(_employers_in(store, Stage.ELIGIBILITY_TOLD)) <= answered
    partners = set(_employers_in(store, Stage.ACTIVE_PARTNER))
    assert partners & answered and partners - answered  # some partners predate the RFI


def test_some_rfis_complete_some_partial_some_old(store: Store) -> None:
    missing = {e: len(rfi.missing(store, e)) for e in _answered(store)}
    assert any(n == 0 for n in missing.values())
    assert any(n > 0 for n in missing.values())
    old = _count(
        store,
        "SELECT count(DISTINCT employer_id) FROM rfi_answer WHERE received_on < :d",
        d=(DAY - timedelta(days=365)).isoformat(),
    )
    assert old > 0
    some = next(e for e, n in missing.items() if n == 0)
    assert rfi.answers(store, some)["legal_name"]
    assert rfi.open_positions(store, some)
    assert rfi.history(store, some)


def test_eligibility_confirmed_changed_waiting_and_told(store: Store) -> None:
    states: Counter[str] = Counter()
    for employer_id in _answered(store):
        report = eligibility.report(store, employer_id)
        confirmed = [p["confirmed"] for p in report["programs"] if p["confirmed"]]
        if not confirmed:
            states["waiting"] += 1
        elif all(c["current"] for c in confirmed):
            states["current"] += 1
        else:
            states["answers changed"] += 1
    assert states["current"] and states["answers changed"] and states["waiting"]
    told = _count(
        store,
        "SELECT count(*) FROM activity WHERE kind = 'email' AND (outcome LIKE 'drafted:%' "
        "OR outcome LIKE 'queued:%')",
    )
    assert told >= len(_employers_in(store, Stage.ELIGIBILITY_TOLD))


def test_decisions_were_made_on_the_answers_stored(store: Store) -> None:
    """Where no newer answers came in, the confirmed decision's fingerprint is that of the
    answers on file now: the panel shows it confirmed, not "answers changed"."""
    with store.engine.connect() as conn:
        once = [
            r[0]
            for r in conn.execute(
                text(
                    "SELECT employer_id FROM rfi_answer GROUP BY employer_id "
                    "HAVING count(DISTINCT received_on) = 1 AND employer_id IN "
                    "(SELECT employer_id FROM eligibility_decision)"
                )
            )
        ]
    assert len(once) > 10
    for employer_id in once:
        digest = eligibility.evaluate(store, employer_id).digest
        decided = eligibility.latest_decisions(store, employer_id).values()
        assert {d.answers_digest for d in decided} == {digest}


def test_rfi_timers_have_work_on_them(store: Store, me: str) -> None:
    owed = rfi_timers.eligibility_owed(store, DAY)
    assert owed and any(r.overdue(DAY) for r in owed) and any(not r.overdue(DAY) for r in owed)
    assert rfi_timers.rfis_unanswered(store, DAY)
    assert rfi_timers.follow_ups_owed(store, DAY)


def test_rfi_activity_is_dated_when_the_answers_arrived(store: Store) -> None:
    rows = _count(
        store,
        "SELECT count(*) FROM activity a WHERE a.outcome = 'rfi_received' AND "
        "date(a.occurred_at) NOT IN (SELECT r.received_on FROM rfi_answer r "
        "WHERE r.employer_id = a.employer_id)",
    )
    assert rows == 0


# ---------------------------------------------------------------- events


def test_events_held_running_and_coming(store: Store) -> None:
    rows = events.list_events(store)
    by_status = Counter(r.status for r in rows)
    assert by_status[EventStatus.DONE.value] == 3
    assert by_status[EventStatus.RUNNING.value] == 1
    assert by_status[EventStatus.PLANNED.value] >= 3
    assert events.running_event_id(store) is not None
    upcoming = [r for r in rows if events.local(r.starts_at).date() > DAY]
    assert {events.local(r.starts_at).month for r in upcoming} >= {12, 1}


def test_events_held_have_after_event_figures(store: Store) -> None:
    held = sorted(
        (r for r in events.list_events(store) if r.status == EventStatus.DONE.value),
        key=lambda r: r.starts_at,
    )
    numbers = [event_report.event_numbers(store, r.id) for r in held]
    for n in numbers:
        assert n.attended > 0 and n.walk_ins > 0 and n.pre_registered_attended > 0
        assert n.pre_registered > n.pre_registered_attended  # not everyone who signed up came
        assert n.by_hour and n.by_zip and n.by_program
        assert n.applications_helped + n.employers_met + n.interviews_set > 0
    assert sum(n.returning_people for n in numbers[1:]) > 0
    assert sum(n.interviews_set for n in numbers) > 0
    series = event_report.series_numbers(store, held[-1].id)
    assert series.events_held == 3 and series.total_attended == sum(n.attended for n in numbers)
    assert event_report.checkin_lines(store, held[-1].id)


def test_todays_event_has_people_at_the_door(store: Store) -> None:
    running = events.running_event_id(store)
    assert running is not None
    n = event_report.event_numbers(store, running)
    assert n.day == DAY and 0 < n.attended < n.registered


# ---------------------------------------------------------------- people


def test_people_pages_have_rows(store: Store, me: str) -> None:
    people = participants.list_rows(store)
    assert people and any(p.id for p in participants.list_rows(store, staff_id=me))
    assert referrals.list_rows(store)
    assert placements.list_rows(store)
    assert {r.status for r in tours.list_rows(store)} >= {"done", "planned"}


def test_tour_notes_fit_the_workplace(store: Store) -> None:
    from app.services.demo.people import TOUR_BY_INDUSTRY

    with store.engine.connect() as conn:
        done = conn.execute(
            text(
                "SELECT e.industry, t.departments, t.parking FROM tour t "
                "JOIN employer e ON e.id = t.employer_id WHERE t.status = 'done'"
            )
        ).all()
    assert done
    for industry, departments, parking in done:
        assert departments == TOUR_BY_INDUSTRY[industry][1]
        assert parking


def test_referrals_go_to_the_positions_on_file(store: Store) -> None:
    off_file = _count(
        store,
        "SELECT count(*) FROM referral r JOIN open_position p ON p.id = r.position_id "
        "WHERE p.employer_id != r.employer_id OR p.title != r.position_title",
    )
    assert off_file == 0
    assert _count(store, "SELECT count(*) FROM referral WHERE position_id IS NOT NULL") > 0


def test_partners_share_openings_and_receive_resumes(store: Store) -> None:
    from app.services.people import partners

    openings = partners.list_openings(store)
    assert {o.status for o in openings} >= {"open", "filled"}
    sent = [r for o in openings for r in referrals.list_rows(store, opening_id=o.id)]
    assert sent and all(r.participant for r in sent)
    assert any(r.via_partner for r in sent)  # a partner runs that recruitment


def test_retention_figures_and_check_ins(store: Store, me: str) -> None:
    signals = retention.fit_map(store, DAY)
    assert signals
    levels = {s.level for s in signals.values()}
    assert FitLevel.GOOD in levels and len(levels) > 1
    assert progress.overdue_check_ins(store, DAY, me)
    assert progress.silent_employers(store, DAY)


# ---------------------------------------------------------------- Today


def test_today_boxes_each_show_some_but_not_hundreds(store: Store, me: str) -> None:
    boxes = {
        "follow-ups due": today.follow_ups_due(store, DAY, me),
        "quiet": today.quiet_employers(store, DAY, 30, me),
        "stuck": today.stuck_employers(store, DAY, 21, me),
        "check-ins overdue": progress.overdue_check_ins(store, DAY, me),
        "follow-up emails owed": rfi_timers.follow_ups_owed(store, DAY),
        "eligibility to tell": rfi_timers.eligibility_owed(store, DAY),
        "RFIs unanswered": rfi_timers.rfis_unanswered(store, DAY, me),
        "not answering": progress.silent_employers(store, DAY),
    }
    for name, rows in boxes.items():
        assert 0 < len(rows) < 100, name


# ---------------------------------------------------------------- the same for a seed


def _content(store: Store) -> dict[str, list[tuple]]:
    """Every synced row with its key and write stamps left out and references to other rows
    replaced by (table, rank), so two builds compare equal when they hold the same data."""
    tables = sorted(synced_tables())
    ranks: dict[str, tuple[str, int]] = {}
    rows: dict[str, list[dict[str, Any]]] = {}
    with store.engine.connect() as conn:
        for name in tables:
            found = [
                dict(r._mapping) for r in conn.execute(text(f'SELECT * FROM "{name}" ORDER BY id'))
            ]
            rows[name] = found
            ranks.update({r["id"]: (name, n) for n, r in enumerate(found)})
    skip = {"id", "created_at", "updated_at"}

    def same(value: Any) -> Any:
        """Ids become ranks, also inside text (invoice ratings by skill, timesheet lists)."""
        if not isinstance(value, str):
            return value
        if value in ranks:
            return ranks[value]
        return _ID.sub(lambda m: str(ranks.get(m.group(0), m.group(0))), value)

    return {
        name: [tuple((k, same(v)) for k, v in sorted(r.items()) if k not in skip) for r in found]
        for name, found in rows.items()
    }


def _build(path: Path, seed: int) -> dict[str, list[tuple]]:
    store = open_store(path)
    try:
        write_demo(store, DemoSize(employers=40, activities_per_employer=2), seed=seed, now=NOW)
        return _content(store)
    finally:
        store.close()


def test_the_same_seed_gives_the_same_data_and_another_seed_other_data(tmp_path: Path) -> None:
    first = _build(tmp_path / "a.sqlite", 7)
    again = _build(tmp_path / "b.sqlite", 7)
    other = _build(tmp_path / "c.sqlite", 8)
    assert all(first[t] for t in ("rfi_answer", "placement", "event_checkin"))
    for table in first:
        assert first[table] == again[table], table
    assert first["employer"] != other["employer"]
    assert json.dumps(first["rfi_answer"], default=str) != json.dumps(
        other["rfi_answer"], default=str
    )


def test_answers_typed_in_late_date_their_activity_on_arrival(store_path: Path) -> None:
    """What the demo relies on to date old RFIs: `logged_at` dates the activity."""
    from app.services.agency.org import ensure_reference_data
    from app.services.employers import employers

    fresh = open_store(store_path)
    try:
        ensure_reference_data(fresh)
        employer = employers.create_employer(fresh, {"legal_name": "Pilsen Bakery LLC"})
        arrived = datetime(2026, 3, 2, 16, 0, tzinfo=UTC)
        rfi.record_answers(fresh, employer.id, {"years_in_business": "12"}, logged_at=arrived)
        rfi.record_answers(fresh, employer.id, {"years_in_business": "13"})
        logged = sorted(
            a.occurred_at
            for a in employers.activities(fresh, employer.id)
            if a.outcome == "rfi_received"
        )
        assert logged[0].replace(tzinfo=UTC) == arrived
        assert logged[1].date() >= date.today() - timedelta(days=1)
    finally:
        fresh.close()


def test_demo_command_writes_every_area_and_says_how_much(tmp_path: Path) -> None:
    import subprocess
    import sys

    out = tmp_path / "demo.sqlite"
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run(
        [sys.executable, "-m", "app", "demo", "--out", str(out), "--employers", "40"],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert f"Demo store written to {out}" in done.stdout
    assert "40 employers" in done.stdout and "events:" in done.stdout
    store = open_store(out)
    try:
        for table in ("rfi_answer", "eligibility_decision", "placement", "event_checkin"):
            assert _count(store, f'SELECT count(*) FROM "{table}"') > 0, table
    finally:
        store.close()
    again = subprocess.run(
        [sys.executable, "-m", "app", "demo", "--out", str(out)],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert again.returncode != 0 and "already exists" in (again.stdout + again.stderr)


# ---------------------------------------------------------------- OJT and WOTC


def test_ojt_agreements_in_every_status_at_every_job_center(store: Store) -> None:
    from app.services.ojt import totals, wotc

    with store.engine.connect() as conn:
        statuses = {r[0] for r in conn.execute(text("SELECT DISTINCT status FROM ojt_agreement"))}
        offices = _count(store, "SELECT count(DISTINCT office_id) FROM ojt_agreement")
        paid_days = conn.execute(
            text("SELECT min(paid_on), max(paid_on) FROM ojt_invoice WHERE status = 'paid'")
        ).one()
        over = _count(
            store,
            "SELECT count(*) FROM ojt_agreement a WHERE a.max_reimbursement_cents < "
            "(SELECT sum(amount_cents) FROM ojt_invoice i WHERE i.agreement_id = a.id)",
        )
    assert statuses == {"draft", "signed", "active", "completed", "ended_early"}
    assert offices == 3
    assert date.fromisoformat(paid_days[0]) < DAY - timedelta(days=180)
    assert date.fromisoformat(paid_days[1]) <= DAY
    assert over == 0
    assert _count(store, "SELECT count(*) FROM ojt_plan_skill") > 0
    assert totals.agency(store).reimbursed_cents > 0
    due = wotc.due_filings(store, DAY)
    assert [d.due.value for d in due].count("overdue") == 1
    assert [d.due.value for d in due].count("due_soon") >= 2
