"""Fit for the employer list and the check-in Today lists, on 10k employers with 20k
placements and ~100k check-ins, each beside a baseline query measured in the same run."""

from __future__ import annotations

import os
import random
import sqlite3
import tempfile
from datetime import date, timedelta
from pathlib import Path

from app import forms
from app.core.checkins import CheckinRules
from app.core.ids import new_id, utcnow
from app.services.employers import employers, fit
from app.services.people import progress, retention
from tests.bench.bigstore import build, bulk_insert
from tests.bench.timing import median_ms, ratio_line, repeat

TODAY = date(2026, 6, 1)
#: Smaller sizes for a busy machine (the figures are ratios against a baseline of the same size).
EMPLOYERS = int(os.environ.get("BENCH_PEOPLE_EMPLOYERS", "10000"))
PLACEMENTS = int(os.environ.get("BENCH_PEOPLE_PLACEMENTS", "20000"))


def _people(path: Path, employer_ids: list[str], placements: int, seed: int = 11) -> None:
    rng = random.Random(seed)
    now = utcnow()
    rules = CheckinRules()
    hiring = employer_ids[: len(employer_ids) // 4]
    place_rows, check_rows = [], []
    for _ in range(placements):
        employer_id = rng.choice(hiring)
        hire = TODAY - timedelta(days=rng.randint(0, 700))
        lasted = rng.choice([None, None, rng.randint(3, 400)])
        end = hire + timedelta(days=lasted) if lasted is not None else None
        if end is not None and end > TODAY:
            end = None
        pid = new_id()
        place_rows.append(
            {
                "id": pid,
                "created_at": now,
                "updated_at": now,
                "deleted_at": None,
                "participant_id": new_id(),
                "employer_id": employer_id,
                "referral_id": None,
                "position_id": None,
                "position_title": "Associate",
                "partner_id": None,
                "staff_id": None,
                "hire_date": hire.isoformat(),
                "wage_cents": 1800,
                "hours_per_week": 40.0,
                "full_time": 1,
                "permanent": 1,
                "ojt": int(rng.random() < 0.2),
                "separation_date": end.isoformat() if end else None,
                "separation_reason": rng.choice(["laid_off", "quit", "fired"]) if end else "",
                "notes": "",
            }
        )
        for day in rules.days:
            due = hire + timedelta(days=day)
            if due > TODAY - timedelta(days=rng.randint(0, 20)) or (end and due > end):
                break
            answered = rng.random() < 0.85
            check_rows.append(
                {
                    "id": new_id(),
                    "created_at": now,
                    "updated_at": now,
                    "deleted_at": None,
                    "placement_id": pid,
                    "employer_id": employer_id,
                    "day": day,
                    "checked_on": due.isoformat(),
                    "answered": int(answered),
                    "attendance": "",
                    "absences": None,
                    "late_arrivals": None,
                    "performance": "",
                    "employer_said": "ok" if answered else "",
                    "bsr_action": "",
                    "staff_id": None,
                }
            )
    overrides = [
        {
            "id": new_id(),
            "created_at": now,
            "updated_at": now,
            "deleted_at": None,
            "employer_id": employer_id,
            "level": rng.choice(["good", "watch", "poor"]),
            "reason": "Known to the team",
            "staff_id": None,
            "decided_at": now,
        }
        for employer_id in rng.sample(hiring, min(len(hiring), 50))
    ]
    conn = sqlite3.connect(path)
    try:
        with conn:
            bulk_insert(conn, "placement", place_rows)
            bulk_insert(conn, "progresscheckin", check_rows)
            bulk_insert(conn, "fit_override", overrides)
    finally:
        conn.close()


def run() -> list[str]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "people.sqlite"
        store = build(path, employers=EMPLOYERS)
        ids = [r.id for r in employers.list_rows(store)]
        _people(path, ids, placements=PLACEMENTS)
        rules = forms.RETENTION.load()

        baseline = repeat(lambda: employers.list_rows(store), 5)

        def cold() -> None:
            retention._map_cache.clear()
            retention.fit_map(store, TODAY, rules)

        cold_times = repeat(cold, 5)
        retention.fit_map(store, TODAY, rules)
        warm_times = repeat(lambda: retention.fit_map(store, TODAY, rules), 5)

        def list_cold() -> None:
            retention._map_cache.clear()
            fit._cache.clear()
            fit.fit_all(store, TODAY)

        list_cold_times = repeat(list_cold, 5)
        fit.fit_all(store, TODAY)
        list_warm_times = repeat(lambda: fit.fit_all(store, TODAY), 5)
        scan_sql = "SELECT placement_id, day, answered, checked_on FROM progresscheckin"
        follow = repeat(lambda: store.raw_rows(scan_sql), 3)
        checkin_rules = forms.CHECKINS.load()
        lists = repeat(
            lambda: (
                progress.overdue_check_ins(store, TODAY, rules=checkin_rules),
                progress.silent_employers(store, TODAY, rules=checkin_rules),
            ),
            3,
        )
        fits = retention.fit_map(store, TODAY, rules)
        overdue = len(progress.overdue_check_ins(store, TODAY, rules=checkin_rules))
        store.close()
    b, c, w = median_ms(baseline), median_ms(cold_times), median_ms(warm_times)
    f, t = median_ms(follow), median_ms(lists)
    lc, lw = median_ms(list_cold_times), median_ms(list_warm_times)
    return [
        f"employer list query, {EMPLOYERS:,} employers (baseline): {b:.0f} ms",
        f"fit map, {len(fits):,} employers with {PLACEMENTS:,} placements, first time: {c:.0f} ms",
        ratio_line("fit map first time vs employer list", c, b),
        f"fit map again (nothing changed): {w:.0f} ms",
        ratio_line("fit map again vs employer list", w, b, target=1.0),
        f"list fit with 50 overrides (fit_all), first time: {lc:.0f} ms",
        ratio_line("list fit first time vs fit map first time", lc, c),
        f"list fit again (nothing changed): {lw:.0f} ms",
        ratio_line("list fit again vs employer list", lw, b, target=1.0),
        f"reading every check-in once (baseline): {f:.0f} ms",
        f"overdue check-ins ({overdue:,}) + silent employers: {t:.0f} ms",
        ratio_line("check-in Today lists vs reading every check-in", t, f),
    ]


if __name__ == "__main__":
    print("\n".join(run()))
