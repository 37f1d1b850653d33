"""The people screens, driven through their own methods and signals on a real store."""

from __future__ import annotations

import email
from collections.abc import Callable
from datetime import date, timedelta
from email import policy
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer

from app.core.checkins import PointState
from app.core.retention import FitLevel
from app.services.agency import org
from app.services.people import participants, partners, placements, progress, referrals, tours
from app.ui.context import AppContext
from app.ui.dates import shown_date
from app.ui.people import models as m
from app.ui.people.employer_sections import EmployerPlacementsSection, EmployerToursSection
from app.ui.people.participants_page import ParticipantsPage
from app.ui.people.today_sections import OverdueCheckInsSection, SilentEmployersSection
from app.ui.people.tours_page import ToursPage
from tests.people import helpers


@pytest.fixture
def ctx(store) -> AppContext:
    office = org.offices(store)[0]
    org.save_profile(store, "Rosa Diaz", office.id, ["wioa-adult"], email="rdiaz@agency.example")
    return AppContext(store=store)


def answer(holder: object, fill: Callable[[object], None]) -> list[BaseException]:
    """Fill the modal form `holder.dialog` once it is open; never leave it hanging."""
    problems: list[BaseException] = []

    def run() -> None:
        dialog = holder.dialog  # type: ignore[attr-defined]
        if dialog is None:
            QTimer.singleShot(10, run)
            return
        try:
            fill(dialog)
        except BaseException as exc:  # reported by the test, after the dialog is closed
            problems.append(exc)
        finally:
            if dialog.isVisible():
                dialog.reject()

    QTimer.singleShot(0, run)
    return problems


# Tours -------------------------------------------------------------------------------------


def test_tour_planned_written_up_and_shown_on_the_employer_page(qtbot, ctx) -> None:
    employer = helpers.employer(ctx.store, "Midwest Metal Works")
    guest = helpers.participant(ctx.store, "Ana", "Lopez")
    page = ToursPage(ctx)
    qtbot.addWidget(page)

    def plan(dialog) -> None:
        assert not dialog.save()  # nothing chosen yet
        assert "Choose the employer" in dialog.error_text()
        dialog.employer.run_search("metal")
        assert dialog.employer.count() == 1
        dialog.employer.setCurrentIndex(0)
        dialog.set_text("planned_on", "5/12/2026")
        assert dialog.save()

    problems = answer(page, plan)
    tour_id = page.plan()
    assert problems == [] and tour_id
    assert page.model.rowCount() == 1 and page.editor.tour_id == tour_id

    editor = page.editor
    editor.today = date(2026, 5, 12)
    editor.notes["shifts"].set_text("6am-2pm, 2pm-10pm")
    editor.notes["shifts"].finish()
    editor.notes["transit_lines"].set_text("Pink Line, #60 bus")
    editor.notes["transit_lines"].finish()
    editor.notes["impressions"].set_text("Patient supervisors")
    editor.notes["impressions"].finish()
    editor.planned_on.set_text("May 12")
    editor.planned_on.finish()
    assert "real date" in editor.planned_on.error_message  # refused, flagged, not saved
    editor.guest_picker.run_search("lopez")
    editor.guest_picker.setCurrentIndex(0)
    editor.guest_picker.activated.emit(0)
    assert [g.name for g in tours.guests(ctx.store, tour_id)] == ["Ana Lopez"]
    assert guest == tours.guests(ctx.store, tour_id)[0].participant_id
    with qtbot.waitSignal(ctx.signals.data_changed, timeout=30_000):
        editor.mark_done_today()
    assert tours.get(ctx.store, tour_id).status == "done"
    assert page.model.row_at(0).notes_filled == 3

    section = EmployerToursSection(ctx)
    qtbot.addWidget(section)
    section.set_employer(employer)
    text = section.notes.text()
    assert f"Toured {shown_date(date(2026, 5, 12))}" in text and "Pink Line, #60 bus" in text
    assert "Patient supervisors" in text
    notes = tours.latest_tour_notes(ctx.store, employer)
    assert ("Shifts", "6am-2pm, 2pm-10pm") in notes.for_flyer


# Participants, referrals and the placement flow ---------------------------------------------------


def test_new_participant_catches_a_duplicate_and_offers_the_existing_record(qtbot, ctx) -> None:
    first = helpers.participant(ctx.store, "Ana", "Lopez", email="ana@example.com")
    page = ParticipantsPage(ctx)
    qtbot.addWidget(page)
    people = page.people

    def fill(dialog) -> None:
        dialog.set_text("first_name", "Anna")
        dialog.set_text("last_name", "Lopez")
        dialog.set_text("email", "ANA@example.com")
        assert not dialog.save()
        assert dialog.matches.rowCount() == 1 and dialog.use_existing.isVisibleTo(dialog)
        dialog.choose_existing()

    problems = answer(people, fill)
    assert people.new_participant() == first
    assert problems == []
    assert len(participants.list_rows(ctx.store)) == 1
    assert people.participant_id == first


def test_new_participant_refuses_bad_input_in_place(qtbot, ctx) -> None:
    page = ParticipantsPage(ctx)
    qtbot.addWidget(page)

    def fill(dialog) -> None:
        dialog.set_text("first_name", "Luis")
        dialog.set_text("last_name", "Ortiz")
        dialog.set_text("phone", "555")
        assert not dialog.save()
        assert dialog.errors["phone"].text().startswith("This phone number")
        dialog.set_text("phone", "(773) 555-0142")
        dialog.fields["work_authorization_confirmed"].setChecked(True)
        assert dialog.save()

    problems = answer(page.people, fill)
    new_id = page.people.new_participant()
    assert problems == []
    person = participants.get(ctx.store, new_id)
    assert (
        person.phone == "(773) 555-0142" and person.work_authorization_confirmed_on == date.today()
    )
    assert page.people.name.text() == "Luis Ortiz"


def test_details_save_field_by_field(qtbot, ctx) -> None:
    pid = helpers.participant(ctx.store, "Ana", "Lopez")
    page = ParticipantsPage(ctx)
    qtbot.addWidget(page)
    details = page.people.details
    assert details.participant_id == pid
    details.lines["zip_code"].set_text("60623")
    with qtbot.waitSignal(ctx.signals.data_changed, timeout=30_000):
        details.lines["zip_code"].finish()
    assert participants.get(ctx.store, pid).zip_code == "60623"
    details.lines["phone"].set_text("")
    details.lines["phone"].finish()
    assert "phone number or an email" in details.lines["phone"].error_message
    assert participants.get(ctx.store, pid).phone  # kept
    programs = details.programs
    programs.item(0).setCheckState(Qt.CheckState.Checked)
    assert participants.get(ctx.store, pid).program_codes == [programs.codes()[0]]


def test_referral_with_resume_then_hire_separation_and_check_in(qtbot, ctx, tmp_path: Path) -> None:
    employer = helpers.employer(ctx.store, "Lakeside Foods")
    pid = helpers.participant(ctx.store, "Ana", "Lopez")
    resume = tmp_path / "Ana Lopez.pdf"
    resume.write_bytes(b"%PDF-1.4 resume of Ana")
    page = ParticipantsPage(ctx)
    qtbot.addWidget(page)
    tab = page.people.referrals
    assert tab.participant_id == pid

    def refer(dialog) -> None:
        dialog.employer.run_search("lakeside")
        dialog.employer.setCurrentIndex(0)
        dialog.employer.activated.emit(0)
        dialog.position.setEditText("Prep cook")
        dialog.set_text("sent_on", "2026-04-01")
        dialog.resume_path.setText(str(resume))
        assert dialog.save()

    problems = answer(tab, refer)
    assert tab.refer()
    assert problems == []
    assert tab.model.rowCount() == 1
    row = tab.model.row_at(0)
    assert (row.position_title, row.resume_name, row.outcome) == (
        "Prep cook",
        "Ana Lopez.pdf",
        "sent",
    )
    copy = tab.save_resume(tmp_path / "copies")
    assert copy.read_bytes() == b"%PDF-1.4 resume of Ana"

    def outcome(dialog) -> None:
        dialog.fields["outcome"].setCurrentIndex(dialog.fields["outcome"].findData("interview"))
        dialog.set_text("outcome_on", "2026-04-05")
        assert dialog.save()

    answer(tab, outcome)
    assert tab.record_outcome()
    assert tab.model.row_at(0).interview_on == date(2026, 4, 5)

    def hire(dialog) -> None:
        assert dialog.employer.value() == employer
        assert dialog.text("position_title") == "Prep cook"
        dialog.set_text("hire_date", "2026-04-13")
        dialog.set_text("wage_cents", "lots")
        assert not dialog.save()
        assert "wage in dollars" in dialog.error_text()
        dialog.set_text("wage_cents", "17.50")
        dialog.set_text("hours_per_week", "40")
        dialog.fields["ojt"].setChecked(True)
        assert dialog.save()

    problems = answer(tab, hire)
    assert tab.record_hire()
    assert problems == []
    assert referrals.get(ctx.store, row.id).outcome == "hired"
    ptab = page.people.placements
    ptab.today = date(2026, 5, 1)
    ptab.refresh()
    assert ptab.model.rowCount() == 1
    placed = ptab.model.row_at(0)
    assert (placed.wage_cents, placed.ojt, placed.hours_per_week) == (1750, True, 40.0)
    states = [p.state for p in ptab.schedule.rows()]
    assert states[:3] == [PointState.OVERDUE, PointState.OVERDUE, PointState.UPCOMING]

    def check_in(dialog) -> None:
        assert dialog.choice("day") == 7
        dialog.fields["day"].setCurrentIndex(dialog.fields["day"].findData(14))
        dialog.set_text("checked_on", "2026-04-28")
        dialog.set_text("absences", "2")
        dialog.set_text("employer_said", "Missed two days, bus trouble")
        dialog.set_text("bsr_action", "Gave her a Ventra card")
        assert dialog.save()

    answer(ptab, check_in)
    assert ptab.log_check_in()
    assert [c.absences for c in ptab.log.rows()] == [2]
    assert [p.state for p in ptab.schedule.rows()][:3] == [
        PointState.DONE,
        PointState.DONE,
        PointState.UPCOMING,
    ]

    def ended(dialog) -> None:
        dialog.set_text("separation_date", "2026-04-30")
        dialog.fields["separation_reason"].setCurrentIndex(
            dialog.fields["separation_reason"].findData("training_ended")
        )
        assert dialog.save()

    answer(ptab, ended)
    assert ptab.record_separation()
    ended_row = placements.list_rows(ctx.store, participant_id=pid)[0]
    assert ended_row.separation_reason == "training_ended"
    assert PointState.NOT_NEEDED in [p.state for p in ptab.schedule.rows()]

    section = EmployerPlacementsSection(ctx)
    qtbot.addWidget(section)
    section.today = date(2026, 5, 1)
    section.set_employer(employer)
    assert section.signal.level == FitLevel.WATCH
    assert "1 person hired and let go within 30 days" in section.reasons.text()
    assert "30-day retention not yet known" in section.figures.text()
    assert section.placements.rowCount() == 1 and section.referrals.rowCount() == 1


def test_merge_from_the_page(qtbot, ctx) -> None:
    keep = helpers.participant(ctx.store, "Ana", "Lopez", email="ana@example.com")
    other = participants.create_participant(
        ctx.store,
        {
            "first_name": "Anna",
            "last_name": "Lopez",
            "email": "ana@example.com",
            "zip_code": "60623",
        },
        allow_duplicate=True,
    ).id
    page = ParticipantsPage(ctx)
    qtbot.addWidget(page)
    page.people.show_participant(keep)

    def merge(dialog) -> None:
        assert dialog.model.rowCount() == 1
        assert dialog.merge_selected()

    problems = answer(page.people, merge)
    assert page.people.find_duplicates()
    assert problems == []
    assert participants.get(ctx.store, other).merged_into == keep
    assert page.people.model.rowCount() == 1
    assert participants.get(ctx.store, keep).zip_code == "60623"


def test_shared_opening_flow(qtbot, ctx, tmp_path: Path) -> None:
    pid = helpers.participant(ctx.store, "Marcus", "Bell")
    page = ParticipantsPage(ctx)
    qtbot.addWidget(page)
    tab = page.openings

    def partner(dialog) -> None:
        dialog.set_text("name", "Westside Works")
        dialog.set_text("contact_name", "Jo Park")
        dialog.set_text("contact_email", "jo@ww.org")
        dialog.set_text("distribution", "a@ww.org\nnot an address")
        assert not dialog.save()
        assert "Address 2" in dialog.error_text()
        assert partners.partners(ctx.store) == []  # nothing half-saved
        dialog.set_text("distribution", "a@ww.org\nb@ww.org")
        assert dialog.save()

    problems = answer(tab, partner)
    assert tab.add_partner()
    assert problems == []
    assert "Jo Park" in tab.partner_info.text() and "b@ww.org" in tab.partner_info.text()

    def opening(dialog) -> None:
        dialog.set_text("employer_name", "Precision Parts LLC")
        dialog.set_text("position_title", "CNC machinist")
        dialog.fields["managed_by_id"].setCurrentIndex(1)
        assert dialog.save()

    answer(tab, opening)
    assert tab.add_opening()
    assert tab.openings.rowCount() == 1
    assert tab.openings.row_at(0).managed_by == "Westside Works"
    resume = tmp_path / "marcus.docx"
    resume.write_bytes(b"PK resume")

    def send(dialog) -> None:
        dialog.participant.run_search("bell")
        dialog.participant.setCurrentIndex(0)
        dialog.participant.activated.emit(0)
        dialog.resume_path.setText(str(resume))
        assert dialog.save()

    answer(tab, send)
    assert tab.send_resume()
    assert tab.sent.rowCount() == 1 and tab.sent.row_at(0).participant_id == pid
    assert tab.openings.row_at(0).sent == 1
    tab.open_drafts = False

    def pick_list(dialog) -> None:
        assert dialog.fields["list_id"].currentText() == "Westside Works openings"
        assert dialog.save()

    answer(tab, pick_list)
    draft = tab.email_opening()
    assert draft is not None and draft.parent == ctx.store.path.parent / "drafts"
    text = draft.read_text(encoding="utf-8")
    assert "Bcc: a@ww.org, b@ww.org" in text and "CNC machinist" in text
    tab.mark_filled()
    assert tab.openings.rowCount() == 0  # the list shows open openings


# Today ------------------------------------------------------------------------------------------------


def test_today_boxes_with_a_frozen_clock(qtbot, ctx, tmp_path: Path) -> None:
    today = date(2026, 6, 1)
    quiet = helpers.employer(ctx.store, "Quiet Warehouse", contact_email="hr@quiet.example")
    late = helpers.placement(ctx.store, quiet, today - timedelta(days=40), position_title="Picker")
    for days_ago in (20, 12):
        progress.log_check_in(
            ctx.store, late, 21, today - timedelta(days=days_ago), False, today=today
        )
    overdue = OverdueCheckInsSection(ctx)
    silent = SilentEmployersSection(ctx)
    for section in (overdue, silent):
        qtbot.addWidget(section)
        section.today = today
        section.open_drafts = False
        section.owner_id = None
        section.refresh()
    assert overdue.heading.text() == "Check-ins overdue (1)"
    assert overdue.model.row_at(0).days_late == 33
    assert silent.heading.text() == "Employers not answering (1)"
    with qtbot.waitSignal(ctx.signals.open_employer, timeout=30_000) as opened:
        silent.open_row(0)
    assert opened.args == [quiet]
    path = silent.draft_email()
    assert path is not None and path.parent == ctx.store.path.parent / "drafts"
    parsed = email.message_from_bytes(path.read_bytes(), policy=policy.default)
    assert parsed["To"] == "Dana Ruiz <hr@quiet.example>"
    assert "Picker, started April 22, 2026" in parsed.get_content()
    assert parsed["From"] == "Rosa Diaz <rdiaz@agency.example>"
    # The employer answers; both boxes empty on the next data change.
    with qtbot.waitSignal(ctx.signals.data_changed, timeout=30_000):
        progress.log_check_in(ctx.store, late, 28, today, True, employer_said="Fine", today=today)
        ctx.signals.data_changed.emit("progresscheckin")
    assert overdue.model.rowCount() == 0 and silent.model.rowCount() == 0
    assert not overdue.email_button.isEnabled()


# Every model --------------------------------------------------------------------------------------------


def test_every_model_passes_the_model_tester(qtmodeltester, ctx, tmp_path: Path) -> None:
    store = ctx.store
    today = date(2026, 6, 1)
    employer = helpers.employer(store, "Lakeside Foods", contact_email="hr@lake.example")
    pid = helpers.participant(store, "Ana", "Lopez", email="ana@example.com")
    participants.create_participant(
        store,
        {"first_name": "Anna", "last_name": "Lopez", "email": "ana@example.com"},
        allow_duplicate=True,
    )
    tour = tours.plan_tour(store, employer, "2026-05-01")
    tours.add_guest(store, tour.id, pid)
    ref = referrals.create_referral(
        store, pid, "2026-03-01", employer_id=employer, position_title="Cook", today=today
    )
    placement = helpers.placement(store, employer, date(2026, 3, 10), person=pid)
    progress.log_check_in(store, placement, 7, "2026-03-17", False, today=today)
    partner = partners.create_partner(store, {"name": "Sector Center"})
    partners.record_opening(store, partner.id, "Welder", "2026-05-01", employer_name="X")
    filled: list[tuple[m.RowTableModel, list]] = [
        (m.ParticipantsModel(), participants.list_rows(store)),
        (
            m.DuplicatesModel(),
            participants.find_duplicates(store, "Ana", "Lopez", "", "ana@example.com"),
        ),
        (m.ToursModel(), tours.list_rows(store)),
        (m.GuestsModel(), tours.guests(store, tour.id)),
        (m.ReferralsModel(), referrals.list_rows(store)),
        (m.PlacementsModel(), placements.list_rows(store)),
        (m.CheckInLogModel(), progress.log_for(store, placement)),
        (m.ScheduleModel(), progress.schedule_for(store, placement, today)),
        (m.OpeningsModel(), partners.list_openings(store)),
        (m.PartnersModel(), partners.partners(store)),
        (m.OverdueCheckInsModel(), progress.overdue_check_ins(store, today)),
        (m.SilentEmployersModel(), progress.silent_employers(store, today + timedelta(days=400))),
    ]
    assert ref.id
    for model, rows in filled:
        model.set_rows(rows)
        qtmodeltester.check(model)
        model.sort(0)
        qtmodeltester.check(model)
    assert all(model.rowCount() > 0 for model, _ in filled[:-1])


def test_employer_list_shows_fit_with_reasons(qtbot, ctx, qtmodeltester) -> None:
    from app.ui.employers.model import EmployerTableModel
    from app.ui.employers.page import EmployersPage

    churn = helpers.employer(ctx.store, "Churn Logistics")
    helpers.employer(ctx.store, "No Hires Yet Inc")
    for lasted in (5, 12):
        pid = helpers.placement(ctx.store, churn, date.today() - timedelta(days=60))
        placements.record_separation(
            ctx.store, pid, date.today() - timedelta(days=60 - lasted), "fired"
        )
    page = EmployersPage(ctx)
    qtbot.addWidget(page)
    page.reload()
    model = page.model
    qtmodeltester.check(model)
    fit = EmployerTableModel.FIT
    assert model.headerData(fit, Qt.Orientation.Horizontal) == "Fit"
    by_name = {model.row_at(r).name: r for r in range(model.rowCount())}
    churn_index = model.index(by_name["Churn Logistics"], fit)
    assert model.data(churn_index) == "Poor fit"
    assert "2 hired and let go within 30 days" in model.data(
        churn_index, Qt.ItemDataRole.ToolTipRole
    )
    assert model.data(model.index(by_name["No Hires Yet Inc"], fit)) == ""
