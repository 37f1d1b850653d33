"""The RFI timers on Today, with a frozen 'today', and the pipeline steps that clear them."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from app.core.business_days import add_business_days
from app.core.ids import utcnow
from app.core.pipeline import Stage
from app.services.agency import org, settings
from app.services.employers import employers
from app.services.rfi import mail as mail_service
from app.services.rfi import rfi as rfi_service
from app.services.rfi import rfi_timers
from tests.rfi.answers import full_answers


@pytest.fixture
def employer(store):
    office = org.offices(store)[0]
    org.save_profile(store, "Rocio Benavides", office.id, [], "rbenavides@example.org")
    e = employers.create_employer(store, {"legal_name": "Pilsen Bakery LLC"})
    employers.add_contact(store, e.id, {"name": "Maria Hernandez", "email": "maria@example.com"})
    return e


@pytest.mark.parametrize(
    ("start", "days", "due"),
    [
        (date(2026, 11, 27), 2, date(2026, 12, 1)),  # Friday -> Tuesday
        (date(2026, 11, 23), 2, date(2026, 11, 25)),  # Monday -> Wednesday
        (date(2026, 11, 28), 2, date(2026, 12, 2)),  # Saturday counts from Monday
        (date(2026, 11, 25), 0, date(2026, 11, 25)),
    ],
)
def test_business_days(start: date, days: int, due: date) -> None:
    assert add_business_days(start, days) == due


def test_the_rfi_path_through_the_timers(store, employer) -> None:
    met = datetime(2026, 11, 24, 16, 0, tzinfo=UTC)  # 10 am in Chicago, a Tuesday
    employers.log_activity(
        store, employer.id, "meeting_in_person", "First meeting", occurred_at=met
    )
    meeting_day = date(2026, 11, 24)
    owed = rfi_timers.follow_ups_owed(store, meeting_day)
    assert [(r.employer_id, r.due_on, r.overdue(meeting_day)) for r in owed] == [
        (employer.id, meeting_day, False)
    ]
    assert rfi_timers.follow_ups_owed(store, meeting_day + timedelta(days=1))[0].overdue(
        meeting_day + timedelta(days=1)
    )
    # Another BSR's list does not show it.
    assert rfi_timers.follow_ups_owed(store, meeting_day, owner_id="someone-else") == []

    draft = mail_service.compose(store, employer.id, "follow_up")
    mail_service.save_draft(store, draft, store.path.parent / "drafts")
    assert rfi_timers.follow_ups_owed(store, meeting_day) == []

    sent_day = rfi_timers._local_day(utcnow())
    assert rfi_timers.rfis_unanswered(store, sent_day + timedelta(days=6)) == []
    waiting = rfi_timers.rfis_unanswered(store, sent_day + timedelta(days=7))
    assert [(r.employer_id, r.email_kind) for r in waiting] == [(employer.id, "rfi_reminder")]
    settings.put(store, rfi_timers.REMINDER_DAYS, 3)
    assert rfi_timers.rfis_unanswered(store, sent_day + timedelta(days=3))

    received = date(2026, 11, 27)  # a Friday
    rfi_service.record_answers(
        store, employer.id, full_answers(), source="pdf", received_on=received
    )
    assert rfi_timers.rfis_unanswered(store, sent_day + timedelta(days=30)) == []
    owed = rfi_timers.eligibility_owed(store, received)
    assert [(r.employer_id, r.since, r.due_on) for r in owed] == [
        (employer.id, received, date(2026, 12, 1))
    ]
    assert not owed[0].overdue(date(2026, 12, 1)) and owed[0].overdue(date(2026, 12, 2))
    settings.put(store, rfi_timers.ELIGIBILITY_DAYS, 1)
    assert rfi_timers.eligibility_owed(store, received)[0].due_on == date(2026, 11, 30)

    mail_service.save_draft(
        store, mail_service.compose(store, employer.id, "eligible"), store.path.parent / "drafts"
    )
    assert rfi_timers.eligibility_owed(store, received) == []
    with store.session() as session:
        from app.core.models import Employer

        assert session.get(Employer, employer.id).stage == Stage.ELIGIBILITY_TOLD.value
