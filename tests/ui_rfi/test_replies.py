"""Replies owed to employers: the timer an email received starts, what settles it, the figure."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from app.core.models import ActivityKind
from app.services.employers import employers, replies
from app.ui.rfi.today import RepliesOwedSection

MONDAY = date(2026, 5, 4)


def at(day: date, hour: int) -> datetime:
    """A moment on a Chicago day (UTC-5 in May)."""
    return datetime(day.year, day.month, day.day, hour + 5, tzinfo=UTC)


def test_an_email_received_is_owed_a_reply_until_the_employer_hears_back(context, employer) -> None:
    store = context.store
    employers.log_activity(
        store, employer.id, "email_received", "Asked about WOTC", occurred_at=at(MONDAY, 9)
    )
    owed = replies.replies_owed(store, MONDAY)
    assert [(r.employer_id, r.since, r.due_on, r.email_kind) for r in owed] == [
        (employer.id, MONDAY, MONDAY + timedelta(days=1), "reply")
    ]
    # A note is not an answer; a call is.
    employers.log_activity(store, employer.id, "note", "Read it", occurred_at=at(MONDAY, 10))
    assert replies.replies_owed(store, MONDAY)
    employers.log_activity(store, employer.id, "call", "Called back", occurred_at=at(MONDAY, 15))
    assert replies.replies_owed(store, MONDAY) == []
    figures = replies.reply_figures(store, MONDAY)
    assert (figures.received, figures.answered_in_time, figures.median_hours) == (1, 1, 6.0)


def test_the_figure_counts_late_answers_and_says_no_data_plainly(context, employer) -> None:
    store = context.store
    assert replies.reply_figures(store, MONDAY).text(1, 90) == (
        "No emails from employers logged in the last 90 days."
    )
    friday = MONDAY - timedelta(days=3)
    employers.log_activity(store, employer.id, "email_received", "Q", occurred_at=at(friday, 16))
    employers.log_activity(
        store, employer.id, "email", "A", occurred_at=at(MONDAY, 8)
    )  # next business day
    employers.log_activity(store, employer.id, "email_received", "Q2", occurred_at=at(MONDAY, 9))
    employers.log_activity(
        store, employer.id, "email", "A2", occurred_at=at(MONDAY + timedelta(days=3), 9)
    )
    figures = replies.reply_figures(store, MONDAY + timedelta(days=3))
    assert (figures.received, figures.answered_in_time) == (2, 1)
    assert (
        figures.text(1, 90) == "Answered 1 of 2 within a business day (median 68 h), last 90 days."
    )


def test_today_box_opens_the_reply_email(qtbot, qtmodeltester, context, employer) -> None:
    assert ActivityKind("email_received").label == "Email received"
    employers.log_activity(
        context.store,
        employer.id,
        "email_received",
        "Wants to host a hiring event",
        occurred_at=datetime.now(UTC) - timedelta(minutes=5),
    )
    section = RepliesOwedSection(context)
    qtbot.addWidget(section)
    section.owner_id = None
    section.refresh()
    assert section.heading.text() == "Replies owed (1)"
    assert "Answered 0 of 1 within a business day" in section.hint.text()
    qtmodeltester.check(section.model)
    composer = section.write_selected()
    assert composer.template.currentData() == "reply" and composer.employer_id == employer.id
    employers.log_activity(context.store, employer.id, "email", "Answered", staff_id=context.me_id)
    context.signals.data_changed.emit("activity")
    assert section.model.rowCount() == 0
