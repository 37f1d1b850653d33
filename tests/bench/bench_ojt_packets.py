"""A batch of OJT packets from the store: packets per second and peak memory, beside reportlab
laying out the same packets from data already in memory (no store access) in the same run."""

from __future__ import annotations

import json
import os
import statistics
import tempfile
import time
import tracemalloc
from datetime import date, timedelta
from pathlib import Path

from app.core.models import Employer, Participant, Staff
from app.core.models.ojt import (
    Invoice,
    OjtAgreement,
    Timesheet,
    TrainingPlanSkill,
    WotcRecord,
)
from app.documents.ojt.packet import build_packet
from app.services.agency import org
from app.services.ojt import packet
from app.store.engine import Store, open_store
from tests.bench.timing import ratio_line

TODAY = date(2026, 3, 20)
START = date(2026, 2, 23)
PACKETS = int(os.environ.get("BENCH_OJT_PACKETS", "100"))


def _fill(store: Store, count: int) -> list[str]:
    """`count` active agreements, each with a 3-skill plan, two billed weeks and a WOTC record."""
    ids = []
    with store.transaction() as session:
        bsr = Staff(name="Renata Okafor", email="rokafor@example.org", phone="(773) 555-0142")
        session.add(bsr)
        for n in range(count):
            employer = Employer(
                legal_name=f"Bench Fabrication {n} LLC", street=f"{100 + n} W Lake St"
            )
            person = Participant(
                first_name="Trainee", last_name=f"Number{n}", programs="wioa-adult"
            )
            session.add_all([employer, person])
            a = OjtAgreement(
                employer_id=employer.id,
                participant_id=person.id,
                staff_id=bsr.id,
                program_code="wioa-adult",
                employer_legal_name=employer.legal_name,
                employer_fein=f"36-{1000000 + n}",
                worksite_street=employer.street,
                worksite_city="Chicago",
                worksite_state="IL",
                worksite_zip="60612",
                employer_phone="(312) 555-0100",
                signer_name="Dana Whitlock",
                signer_title="Plant Manager",
                supervisor_name="Luis Ortega",
                position_title="Machine Operator",
                onet_code="51-4031.00",
                onet_title="Cutting, Punching, and Press Machine Setters",
                start_date=START,
                end_date=START + timedelta(days=83),
                hours_per_week=40,
                training_hours=480,
                wage_cents=1900,
                employees_at_site=40,
                scale_rate_percent=75,
                rate_percent=75,
                per_trainee_cap_cents=1000000,
                max_reimbursement_cents=684000,
                period_kind="weekly",
                status="active",
                signed_on=START - timedelta(days=3),
            )
            session.add(a)
            for k, skill in enumerate(("Machine setup", "Blueprint reading", "Quality checks")):
                session.add(
                    TrainingPlanSkill(
                        agreement_id=a.id,
                        position=k,
                        skill=skill,
                        start_level="Basic",
                        target_level="Proficient",
                        hours=160,
                    )
                )
            cumulative = 0
            for week in range(2):
                monday = START + timedelta(days=7 * week)
                sheet = Timesheet(
                    agreement_id=a.id,
                    period_start=monday,
                    period_end=monday + timedelta(days=6),
                    period_kind="weekly",
                    minutes_json=json.dumps([480, 480, 480, 480, 600, 0, 0]),
                    wage_paid_cents=1900,
                )
                session.add(sheet)
                cumulative += 57000
                session.add(
                    Invoice(
                        agreement_id=a.id,
                        period_start=monday,
                        period_end=monday + timedelta(days=6),
                        timesheet_ids=sheet.id,
                        regular_minutes=2400,
                        overtime_minutes=120,
                        wage_cents=1900,
                        rate_percent=75,
                        amount_cents=57000,
                        cumulative_cents=cumulative,
                        requested_on=monday + timedelta(days=8),
                    )
                )
            session.add(
                WotcRecord(
                    employer_id=employer.id,
                    participant_id=person.id,
                    agreement_id=a.id,
                    position_title="Machine Operator",
                    starting_wage_cents=1900,
                    prescreened_on=START - timedelta(days=10),
                    offer_on=START - timedelta(days=7),
                    start_on=START,
                )
            )
            ids.append(a.id)
    return ids


def _interleaved(first, second, times: int = 3) -> tuple[float, float]:
    """Median seconds of each, run in turns so that a busy moment of a shared machine
    falls on both alike."""
    runs: tuple[list[float], list[float]] = ([], [])
    for _ in range(times):
        for fn, out in ((first, runs[0]), (second, runs[1])):
            started = time.perf_counter()
            fn()
            out.append(time.perf_counter() - started)
    return statistics.median(runs[0]), statistics.median(runs[1])


def run() -> list[str]:
    folder = Path(tempfile.mkdtemp(prefix="bench-ojt-"))
    store = open_store(folder / "store.sqlite")
    org.ensure_reference_data(store)
    ids = _fill(store, PACKETS)
    packet.packet_pdf(store, ids[0], today=TODAY)  # warm caches (policy files, fonts)
    gathered = [packet.gather(store, i, today=TODAY) for i in ids]

    def from_store() -> None:
        for agreement_id in ids:
            packet.packet_pdf(store, agreement_id, today=TODAY)

    def from_memory() -> None:
        for data in gathered:
            build_packet(data)

    ours, base = _interleaved(from_store, from_memory)
    tracemalloc.start()
    from_store()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    started = time.perf_counter()
    batch = packet.invoices_due_pdf(store, 2026, 3, today=TODAY)
    batch_s = time.perf_counter() - started
    store.close()
    pages = 7
    return [
        f"{PACKETS} packets of {pages} pages from the store: {ours:.2f} s, "
        f"{PACKETS / ours:.1f} packets/s; peak traced memory {peak / 2**20:.1f} MB",
        f"baseline, the same packets laid out from data in memory: {base:.2f} s, "
        f"{PACKETS / base:.1f} packets/s",
        ratio_line("packets from the store", ours, base, 1.5),
        f"every request due in March ({2 * PACKETS} requests, one PDF, "
        f"{len(batch) / 2**20:.1f} MB): {batch_s:.2f} s",
    ]
