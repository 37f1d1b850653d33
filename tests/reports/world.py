"""A small known world whose every reported figure the tests can state.

As of 2026-06-30. Two BSRs: Ana (North Riverside), Ben (Little Village).

Events (March 2026 unless said):
  ev1 Mar 10, done, hiring event at North Riverside, Ana: Maria (pre-registered, came),
      Kevin (walk-in, came), Luis (pre-registered, no-show)
  ev2 Mar 20, done, job fair at Little Village, Ben: Maria (came again: returning),
      Tanya (walk-in, came, no participant record)
  ev3 Mar 25, planned, two registrations, nobody checked in: not held
  ev4 Mar 27, cancelled; ev6 Mar 28, networking, done: neither counts
  ev5 Apr 15, planned, one registration: April has only a planned event

Placements (hired 2026):
  pl1 Jan 05 Oak Foods (Ana), still employed
  pl2 Jan 10 Birch Hotels, fired Feb 01 (22 days)
  pl3 Jan 15 Oak Foods (Ana), laid off Mar 01 (45 days)
  pl4 Jan 20 Cedar Logistics (Ben), quit May 01 (101 days)
  pl5 Jun 20 Oak Foods (Ana), still employed (too new to measure)
  pl0 2025-03-01 Birch Hotels, fired 2025-03-15: with pl2, two quick let-gos make Birch "Poor fit"
Tax credits for Oak's hires: Maria certified, Luis filed, Kevin screened.
Referrals to Oak: Maria hired, Luis not hired (interviewed), Kevin sent, no answer yet.
Check-ins on pl1: day 7 answered, day 14 not answered, day 30 answered.
OJT: Oak (North Riverside, WIOA Adult, Maria) paid $1,200.00 on Mar 15 and $800.00 on Apr 15,
     $500.00 approved May 20 and not paid; Cedar (Little Village, p2p, Kevin) paid $300.00 May 01.
Pipeline: Oak met Feb 02, RFI sent Feb 04 (2 days), RFI back Feb 10, told Feb 13 (3 days);
          Cedar met Feb 01, RFI sent Feb 08 (7 days), RFI back Feb 20, told Feb 21 (1 day).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from app.core.models import (
    Activity,
    CheckIn,
    Employer,
    Event,
    EventHost,
    EventStaff,
    Invoice,
    OjtAgreement,
    Participant,
    Placement,
    ProgressCheckIn,
    Referral,
    Registration,
    RfiAnswer,
    Staff,
    WotcRecord,
)
from app.services.agency import org
from app.store.engine import Store

AS_OF = date(2026, 6, 30)


@dataclass
class World:
    ids: dict[str, str] = field(default_factory=dict)

    def __getitem__(self, key: str) -> str:
        return self.ids[key]


def _noon(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 17, 0, tzinfo=UTC)


def build(store: Store) -> World:
    w = World()
    offices = {o.code: o.id for o in org.offices(store)}
    w.ids["nr"], w.ids["lv"] = offices["north-riverside"], offices["little-village"]
    with store.transaction() as s:

        def add(key: str, row):
            s.add(row)
            s.flush()
            w.ids[key] = row.id
            return row

        add(
            "ana",
            Staff(
                name="Ana Granados",
                office_id=w["nr"],
                programs="wioa-adult",
                email="ana@example.org",
                phone="773-555-0100",
            ),
        )
        add("ben", Staff(name="Ben Ortiz", office_id=w["lv"], programs="p2p"))
        add(
            "oak",
            Employer(
                legal_name="Oak Foods LLC",
                office_id=w["nr"],
                owner_id=w["ana"],
                stage="active_partner",
            ),
        )
        add(
            "birch",
            Employer(
                legal_name="Birch Hotels Inc",
                office_id=w["nr"],
                owner_id=w["ana"],
                stage="active_partner",
            ),
        )
        add(
            "cedar",
            Employer(
                legal_name="Cedar Logistics",
                office_id=w["lv"],
                owner_id=w["ben"],
                stage="active_partner",
            ),
        )
        add("maria", Participant(first_name="Maria", last_name="Lopez", programs="wioa-adult"))
        add("kevin", Participant(first_name="Kevin", last_name="Brown", programs="p2p"))
        add("luis", Participant(first_name="Luis", last_name="Perez", programs="wioa-adult"))

        days: dict[str, datetime] = {}

        def event(key, day, status, kind="hiring_event", office="nr", staff="ana", host="oak"):
            days[key] = _noon(day)
            add(
                key,
                Event(
                    kind=kind,
                    title=key,
                    starts_at=_noon(day),
                    ends_at=_noon(day) + timedelta(hours=3),
                    status=status,
                    office_id=w[office],
                ),
            )
            s.add(EventStaff(event_id=w[key], staff_id=w[staff]))
            s.add(EventHost(event_id=w[key], employer_id=w[host]))

        def reg(key, ev, name, person=None, walk_in=False, came=False, programs=""):
            add(
                key,
                Registration(
                    event_id=w[ev],
                    name=name,
                    walk_in=walk_in,
                    programs=programs,
                    participant_id=w[person] if person else None,
                ),
            )
            if came:
                s.add(
                    CheckIn(
                        event_id=w[ev],
                        registration_id=w[key],
                        participant_id=w[person] if person else None,
                        checked_in_at=days[ev] + timedelta(minutes=30),
                        walk_in=walk_in,
                    )
                )

        event("ev1", date(2026, 3, 10), "done")
        reg("r1", "ev1", "Maria Lopez", "maria", came=True, programs="wioa-adult")
        reg("r2", "ev1", "Kevin Brown", "kevin", walk_in=True, came=True, programs="p2p")
        reg("r3", "ev1", "Luis Perez", "luis", programs="wioa-adult")
        event(
            "ev2",
            date(2026, 3, 20),
            "done",
            kind="job_fair",
            office="lv",
            staff="ben",
            host="cedar",
        )
        reg("r4", "ev2", "Maria Lopez", "maria", came=True, programs="wioa-adult")
        reg("r5", "ev2", "Tanya Reed", walk_in=True, came=True)
        event("ev3", date(2026, 3, 25), "planned")
        reg("r6", "ev3", "Luis Perez", "luis")
        reg("r7", "ev3", "Kevin Brown", "kevin")
        event("ev4", date(2026, 3, 27), "cancelled")
        event("ev6", date(2026, 3, 28), "done", kind="networking")
        event("ev5", date(2026, 4, 15), "planned")
        reg("r8", "ev5", "Luis Perez", "luis")

        def placement(key, employer, person, hired, staff="ana", ended=None, reason=""):
            add(
                key,
                Placement(
                    participant_id=w[person],
                    employer_id=w[employer],
                    staff_id=w[staff],
                    hire_date=hired,
                    separation_date=ended,
                    separation_reason=reason,
                    position_title="Line cook",
                ),
            )

        placement("pl1", "oak", "maria", date(2026, 1, 5))
        placement(
            "pl2", "birch", "kevin", date(2026, 1, 10), ended=date(2026, 2, 1), reason="fired"
        )
        placement(
            "pl3", "oak", "luis", date(2026, 1, 15), ended=date(2026, 3, 1), reason="laid_off"
        )
        placement(
            "pl4",
            "cedar",
            "kevin",
            date(2026, 1, 20),
            staff="ben",
            ended=date(2026, 5, 1),
            reason="quit",
        )
        placement("pl5", "oak", "luis", date(2026, 6, 20))
        placement("pl0", "birch", "luis", date(2025, 3, 1), ended=date(2025, 3, 15), reason="fired")
        add(
            "ref1",
            Referral(
                participant_id=w["maria"],
                employer_id=w["oak"],
                staff_id=w["ana"],
                sent_on=date(2025, 12, 20),
                outcome="hired",
            ),
        )
        add(
            "ref2",
            Referral(
                participant_id=w["luis"],
                employer_id=w["oak"],
                staff_id=w["ana"],
                sent_on=date(2026, 1, 2),
                outcome="not_hired",
            ),
        )
        add(
            "ref3",
            Referral(
                participant_id=w["kevin"],
                employer_id=w["oak"],
                staff_id=w["ana"],
                sent_on=date(2026, 5, 2),
            ),
        )
        for key, day, answered in (("c7", 7, True), ("c14", 14, False), ("c30", 30, True)):
            add(
                key,
                ProgressCheckIn(
                    placement_id=w["pl1"],
                    employer_id=w["oak"],
                    day=day,
                    checked_on=date(2026, 1, 5) + timedelta(days=day),
                    answered=answered,
                    staff_id=w["ana"],
                ),
            )

        def activity(key, employer, staff, kind, day, outcome=""):
            add(
                key,
                Activity(
                    employer_id=w[employer],
                    staff_id=w[staff],
                    kind=kind,
                    occurred_at=_noon(day),
                    outcome=outcome,
                ),
            )

        activity("a1", "oak", "ana", "meeting_in_person", date(2026, 2, 2))
        activity("a2", "oak", "ana", "email", date(2026, 2, 4), "drafted:follow_up")
        activity("a3", "oak", "ana", "email", date(2026, 2, 13), "queued:eligible")
        activity("a4", "cedar", "ben", "meeting_virtual", date(2026, 2, 1))
        activity("a5", "cedar", "ben", "email", date(2026, 2, 8), "queued:follow_up")
        activity("a6", "cedar", "ben", "email", date(2026, 2, 21), "drafted:not_eligible")
        s.add(RfiAnswer(employer_id=w["oak"], question_id="q1", received_on=date(2026, 2, 10)))
        add(
            "ojt_oak",
            OjtAgreement(
                employer_id=w["oak"],
                participant_id=w["maria"],
                office_id=w["nr"],
                staff_id=w["ana"],
                program_code="wioa-adult",
                position_title="Line cook",
                status="completed",
                start_date=date(2026, 1, 5),
                completed_on=date(2026, 5, 30),
            ),
        )
        add(
            "ojt_cedar",
            OjtAgreement(
                employer_id=w["cedar"],
                participant_id=w["kevin"],
                office_id=w["lv"],
                staff_id=w["ben"],
                program_code="p2p",
                status="active",
                position_title="Loader",
                start_date=date(2026, 1, 20),
            ),
        )

        def invoice(agreement, cents, approved, paid=None):
            s.add(
                Invoice(
                    agreement_id=w[agreement],
                    period_start=approved,
                    period_end=approved,
                    amount_cents=cents,
                    status="paid" if paid else "approved",
                    approved_on=approved,
                    paid_on=paid,
                    paid_cents=cents if paid else None,
                )
            )

        for person, status in (("maria", "certified"), ("luis", "filed"), ("kevin", "screened")):
            s.add(WotcRecord(employer_id=w["oak"], participant_id=w[person], status=status))
        invoice("ojt_oak", 120000, date(2026, 3, 10), date(2026, 3, 15))
        invoice("ojt_oak", 80000, date(2026, 4, 10), date(2026, 4, 15))
        invoice("ojt_oak", 50000, date(2026, 5, 20))
        invoice("ojt_cedar", 30000, date(2026, 4, 25), date(2026, 5, 1))
        s.add(RfiAnswer(employer_id=w["cedar"], question_id="q1", received_on=date(2026, 2, 20)))
    return w
