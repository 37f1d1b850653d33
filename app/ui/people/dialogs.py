"""The forms of the people area: new participant, referral, outcome, placement,
separation, check-in, shared opening and partner organization."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableView,
    QWidget,
)

from app.core import validation as v
from app.core.checkins import PointState
from app.core.models import AgeGroup, PartnerKind, ReferralOutcome, SeparationReason
from app.core.validation import FieldError
from app.services.agency import org, settings
from app.services.people import participants, partners, placements, progress, referrals
from app.ui.context import AppContext
from app.ui.dates import shown_date
from app.ui.people.form import FormDialog
from app.ui.people.models import DuplicatesModel
from app.ui.people.pickers import employer_picker, participant_picker


def staff_choices(context: AppContext) -> list[tuple[str, str | None]]:
    return [("(nobody yet)", None)] + [(s.name, s.id) for s in org.staff(context.store)]


class ProgramList(QListWidget):
    """The agency's programs as check boxes (a person can be in several)."""

    def __init__(self, context: AppContext, checked: list[str], parent: QWidget | None = None):
        super().__init__(parent)
        self.setAccessibleName("Programs")
        self.setMaximumHeight(110)
        for program in org.programs(context.store):
            item = QListWidgetItem(program.name, self)
            item.setData(Qt.ItemDataRole.UserRole, program.code)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(
                Qt.CheckState.Checked if program.code in checked else Qt.CheckState.Unchecked
            )

    def codes(self) -> list[str]:
        return [
            self.item(n).data(Qt.ItemDataRole.UserRole)
            for n in range(self.count())
            if self.item(n).checkState() == Qt.CheckState.Checked
        ]

    def set_codes(self, codes: list[str]) -> None:
        for n in range(self.count()):
            item = self.item(n)
            on = item.data(Qt.ItemDataRole.UserRole) in codes
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)


class NewParticipantDialog(FormDialog):
    """A new job seeker. A likely twin already on file is shown before a second record is made."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__("New participant", parent)
        self.context = context
        self.add_line("first_name", "&First name")
        self.add_line("last_name", "&Last name")
        self.add_line("phone", "&Phone")
        self.add_line("email", "&Email")
        self.add_line("zip_code", "&ZIP code")
        self.add_choice("age_group", "&Age group", [(g.label, g.value) for g in AgeGroup], "adult")
        self.programs = ProgramList(context, [], self)
        self.add("programs", "P&rograms", self.programs)
        self.add_choice("staff_id", "Assigned &BSR", staff_choices(context), context.me_id)
        self.add_check("work_authorization_confirmed", "&Work authorization confirmed")
        self.add_date("work_authorization_confirmed_on", "Confirmed &on")
        me = settings.me(context.store)
        self.add_line("work_authorization_confirmed_by", "Confirmed b&y", me.name if me else "")
        self.matches_label = QLabel("", self)
        self.matches_label.setWordWrap(True)
        self.matches = DuplicatesModel(self)
        self.matches_view = QTableView(self)
        self.matches_view.setModel(self.matches)
        self.matches_view.setAccessibleName("People already on file who may be this person")
        self.matches_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.matches_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.matches_view.verticalHeader().hide()
        self.use_existing = QPushButton("&Use the existing record", self)
        self.save_anyway = QPushButton("Save as a &new person", self)
        for button in (self.use_existing, self.save_anyway):
            button.setAccessibleName(button.text().replace("&", ""))
        self.use_existing.clicked.connect(self.choose_existing)
        self.save_anyway.clicked.connect(lambda: self.save(allow_duplicate=True))
        row = QHBoxLayout()
        row.addWidget(self.use_existing)
        row.addWidget(self.save_anyway)
        row.addStretch(1)
        self.body.insertWidget(1, self.matches_label)
        self.body.insertWidget(2, self.matches_view)
        self.body.insertLayout(3, row)
        self._show_matches(False)
        self.existing_id: str | None = None
        self._allow_duplicate = False

    def _show_matches(self, on: bool) -> None:
        for widget in (self.matches_label, self.matches_view, self.use_existing, self.save_anyway):
            widget.setVisible(on)

    def values(self) -> dict:
        return {
            "first_name": self.text("first_name"),
            "last_name": self.text("last_name"),
            "phone": self.text("phone"),
            "email": self.text("email"),
            "zip_code": self.text("zip_code"),
            "age_group": self.choice("age_group"),
            "programs": self.programs.codes(),
            "staff_id": self.choice("staff_id"),
            "work_authorization_confirmed": self.checked("work_authorization_confirmed"),
            "work_authorization_confirmed_on": self.text("work_authorization_confirmed_on"),
            "work_authorization_confirmed_by": self.text("work_authorization_confirmed_by")
            if self.checked("work_authorization_confirmed")
            else "",
        }

    def submit(self) -> str:
        values = self.values()
        if values["work_authorization_confirmed"] and not values["work_authorization_confirmed_on"]:
            values["work_authorization_confirmed_on"] = date.today()
        return participants.create_participant(
            self.context.store, values, allow_duplicate=self._allow_duplicate
        ).id

    def save(self, allow_duplicate: bool = False) -> bool:  # type: ignore[override]
        self._allow_duplicate = allow_duplicate
        try:
            return super().save()
        except participants.PossibleDuplicate as exc:
            self.matches.set_rows(exc.matches)
            self.matches_view.selectRow(0)
            self.matches_label.setText(
                f"{exc} Open that record instead, or save this as a different person."
            )
            self._show_matches(True)
            self.use_existing.setFocus()
            return False

    def choose_existing(self) -> None:
        index = self.matches_view.currentIndex()
        row = index.row() if index.isValid() else 0
        if self.matches.rowCount():
            self.existing_id = self.matches.id_at(row)
            self.result_value = self.existing_id
            self.accept()


class ReferralDialog(FormDialog):
    """Send a participant's resume for an employer's position."""

    def __init__(
        self,
        context: AppContext,
        participant_id: str | None = None,
        employer_id: str | None = None,
        employer_name: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("Refer a participant", parent)
        self.context = context
        self.participant = participant_picker(context, self)
        self.add("participant_id", "&Participant", self.participant)
        if participant_id:
            person = participants.get(context.store, participant_id)
            self.participant.choose(participant_id, person.full_name if person else "")
        self.employer = employer_picker(context, self)
        self.add("employer_id", "&Employer", self.employer)
        self.position = self.add_choice("position_title", "P&osition", [])
        self.position.setEditable(True)
        self.position.lineEdit().setPlaceholderText("Choose a position on file or type its title")
        self.employer.picked.connect(self._load_positions)
        if employer_id:
            self.employer.choose(employer_id, employer_name)
        self.add_date("sent_on", "&Date sent", date.today())
        self.resume_choice = self.add_choice("resume_id", "&Resume on file", [])
        self.resume_path = self.add_line("resume", "Or a resume &file", "", "No file chosen")
        browse = QPushButton("&Choose file…", self)
        browse.setAccessibleName("Choose a resume file")
        browse.clicked.connect(self.browse)
        self.form.addRow("", browse)
        self.add_text("notes", "&Notes")
        # Asked only when needed: work authorization not on file, an employer of poor fit.
        me = settings.me(context.store)
        self.add_line(
            "work_authorization_confirmed_by", "Authorization confirmed &by", me.name if me else ""
        )
        self.add_date("work_authorization_confirmed_on", "Confir&med on", date.today())
        self.fit_reason = self.add_text("fit_reason", "Why refer to a poor f&it")
        self.participant.picked.connect(self._load_resumes)
        self.participant.picked.connect(self._ask_authorization)
        self.employer.picked.connect(self._ask_fit_reason)
        self._ask_authorization(participant_id or "")
        self._ask_fit_reason(employer_id or "")
        if participant_id:
            self._load_resumes(participant_id)

    def _ask_authorization(self, participant_id: str) -> None:
        """The agency promises employers every candidate is authorized to work: ask first."""
        person = participants.get(self.context.store, participant_id) if participant_id else None
        needed = person is not None and not person.work_authorization_confirmed
        for field in ("work_authorization_confirmed_by", "work_authorization_confirmed_on"):
            self.set_row_visible(field, needed)

    def _ask_fit_reason(self, employer_id: str) -> None:
        why = (
            referrals.poor_fit(self.context.store, employer_id, date.today())
            if employer_id
            else None
        )
        self.set_row_visible("fit_reason", why is not None)
        self.fit_reason.setPlaceholderText(why or "")
        self.fit_reason.setToolTip(why or "")

    def _load_positions(self, employer_id: str) -> None:
        self.position.clear()
        for choice in referrals.positions_for_employer(self.context.store, employer_id):
            self.position.addItem(choice.title, choice.id)
        self.position.setCurrentIndex(0 if self.position.count() else -1)

    def _load_resumes(self, participant_id: str) -> None:
        self.resume_choice.clear()
        self.resume_choice.addItem("(none)", None)
        for info in referrals.resumes(self.context.store, participant_id):
            self.resume_choice.addItem(f"{info.file_name}  ({shown_date(info.added_on)})", info.id)
        self.resume_choice.setCurrentIndex(1 if self.resume_choice.count() > 1 else 0)

    def browse(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self,
            "Choose the resume",
            str(Path.home()),
            "Resumes (*.pdf *.doc *.docx *.odt *.rtf *.txt)",
        )
        if path:
            self.resume_path.setText(path)

    def submit(self) -> str:
        participant_id = self.participant.value()
        if not participant_id:
            raise FieldError("participant_id", "Choose the participant (type part of the name).")
        employer_id = self.employer.value()
        if not employer_id:
            raise FieldError("employer_id", "Choose the employer (type part of the name).")
        title = self.position.currentText().strip()
        index = self.position.findText(title)
        position_id = self.position.itemData(index) if index >= 0 else None
        path = self.resume_path.text().strip()
        return referrals.create_referral(
            self.context.store,
            participant_id,
            self.text("sent_on"),
            employer_id=employer_id,
            position_id=position_id,
            position_title=title,
            resume_path=Path(path) if path else None,
            resume_id=None if path else self.choice("resume_id"),
            staff_id=self.context.me_id,
            notes=self.text("notes"),
            authorization=referrals.AuthorizationCheck(
                self.text("work_authorization_confirmed_by"),
                self.text("work_authorization_confirmed_on"),
            )
            if self.row_visible("work_authorization_confirmed_by")
            else None,
            fit_reason=self.text("fit_reason") if self.row_visible("fit_reason") else "",
        ).id


class OutcomeDialog(FormDialog):
    def __init__(self, context: AppContext, referral_id: str, parent: QWidget | None = None):
        super().__init__("What came of the referral", parent)
        self.context = context
        self.referral_id = referral_id
        current = referrals.get(context.store, referral_id)
        self.add_choice(
            "outcome",
            "&Outcome",
            [(o.label, o.value) for o in ReferralOutcome if o != ReferralOutcome.SENT],
            current.outcome if current and current.outcome != "sent" else "interview",
        )
        self.add_date("outcome_on", "&Date", date.today())

    def submit(self) -> str:
        referrals.set_outcome(
            self.context.store, self.referral_id, self.choice("outcome"), self.text("outcome_on")
        )
        return self.choice("outcome")


class PlacementDialog(FormDialog):
    """A hire: the job and its terms. From a referral, the employer and position are filled in."""

    def __init__(
        self,
        context: AppContext,
        participant_id: str,
        referral_id: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("Record a placement", parent)
        self.context = context
        self.participant_id = participant_id
        self.referral_id = referral_id
        referral = referrals.get(context.store, referral_id) if referral_id else None
        self.employer = employer_picker(context, self)
        self.add("employer_id", "&Employer", self.employer)
        if referral and referral.employer_id:
            name = next(
                (
                    r.employer
                    for r in referrals.list_rows(context.store, participant_id=participant_id)
                    if r.id == referral_id
                ),
                "",
            )
            self.employer.choose(referral.employer_id, name)
        self.add_line("position_title", "P&osition", referral.position_title if referral else "")
        self.add_date("hire_date", "&Hire date", referral.outcome_on if referral else None)
        self.add_line("wage_cents", "&Wage an hour ($)", "", "18.50")
        self.add_line("hours_per_week", "Hours a wee&k", "", "40")
        self.add_check("full_time", "&Full time", True)
        self.add_check("permanent", "&Permanent", True)
        self.add_check("ojt", "On-the-job &training (OJT)", False)
        self.add_text("notes", "&Notes")

    def submit(self) -> str:
        employer_id = self.employer.value()
        if not employer_id:
            raise FieldError("employer_id", "Choose the employer (type part of the name).")
        values = {
            field: self.text(field)
            for field in ("position_title", "hire_date", "wage_cents", "hours_per_week", "notes")
        }
        values.update({f: self.checked(f) for f in ("full_time", "permanent", "ojt")})
        values["staff_id"] = self.context.me_id
        return placements.create_placement(
            self.context.store, self.participant_id, employer_id, values, self.referral_id
        ).id


class SeparationDialog(FormDialog):
    def __init__(self, context: AppContext, placement_id: str, parent: QWidget | None = None):
        super().__init__("The job ended", parent)
        self.context = context
        self.placement_id = placement_id
        self.add_date("separation_date", "&Last day", date.today())
        self.add_choice(
            "separation_reason", "&Reason", [(r.label, r.value) for r in SeparationReason]
        )

    def submit(self) -> str:
        placements.record_separation(
            self.context.store,
            self.placement_id,
            self.text("separation_date"),
            self.choice("separation_reason"),
        )
        return self.placement_id


class CheckInDialog(FormDialog):
    """What the employer said about a placed participant, and what the BSR did about it."""

    def __init__(
        self,
        context: AppContext,
        placement_id: str,
        today: date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("Log a check-in", parent)
        self.context = context
        self.placement_id = placement_id
        self.today = today or date.today()
        points = progress.schedule_for(context.store, placement_id, self.today)
        choices = [
            (f"Day {p.day} ({shown_date(p.due_on)}): {p.state.label}", p.day) for p in points
        ]
        upcoming = next(
            (p.day for p in points if p.state in (PointState.OVERDUE, PointState.DUE)),
            next((p.day for p in points if p.state == PointState.UPCOMING), None),
        )
        self.add_choice("day", "Check-in &for", choices, upcoming)
        self.add_date("checked_on", "&Date", self.today)
        self.answered = self.add_check("answered", "The employer &answered", True)
        self.add_line("attendance", "A&ttendance", "", "Good, on time most days…")
        self.add_line("absences", "Absence&s", "", "0")
        self.add_line("late_arrivals", "&Late arrivals", "", "0")
        self.add_line("performance", "&Performance")
        self.add_text("employer_said", "&Employer said")
        self.add_text("bsr_action", "What I &did")
        self.answered.toggled.connect(self._answered_changed)

    def _answered_changed(self, on: bool) -> None:
        for field in ("attendance", "absences", "late_arrivals", "performance", "employer_said"):
            self.fields[field].setEnabled(on)

    def submit(self) -> str:
        return progress.log_check_in(
            self.context.store,
            self.placement_id,
            self.choice("day"),
            self.text("checked_on"),
            self.checked("answered"),
            attendance=self.text("attendance"),
            absences=self.text("absences"),
            late_arrivals=self.text("late_arrivals"),
            performance=self.text("performance"),
            employer_said=self.text("employer_said"),
            bsr_action=self.text("bsr_action"),
            staff_id=self.context.me_id,
            today=self.today,
        ).id


class PartnerDialog(FormDialog):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__("New partner organization", parent)
        self.context = context
        self.add_line("name", "&Name")
        self.add_choice("kind", "&Kind", [(k.label, k.value) for k in PartnerKind])
        self.add_line("phone", "&Phone")
        self.add_line("email", "&Email")
        self.add_line("website", "&Website")
        self.add_line("contact_name", "&Contact person")
        self.add_line("contact_email", "Contact e&mail")
        self.add_text("distribution", "&Distribution list (one email per line)")

    def submit(self) -> str:
        store = self.context.store
        # Check every part first, so a bad contact or list saves nothing at all.
        if self.text("distribution").strip():
            partners.clean_addresses(self.text("distribution"), "distribution")
        if self.text("contact_email").strip() and not self.text("contact_name").strip():
            raise FieldError("contact_name", "Enter the contact person's name.")
        v.clean_email(self.text("contact_email"), "contact_email")
        partner = partners.create_partner(
            store,
            {
                f: self.text(f) if f != "kind" else self.choice(f)
                for f in ("name", "kind", "phone", "email", "website")
            },
        )
        if self.text("contact_name").strip():
            partners.add_contact(
                store,
                partner.id,
                {"name": self.text("contact_name"), "email": self.text("contact_email")},
            )
        if self.text("distribution").strip():
            partners.save_distribution_list(
                store, f"{partner.name} openings", self.text("distribution"), partner.id
            )
        return partner.id


class OpeningDialog(FormDialog):
    """An opening a partner shared, and which organization runs its recruitment."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__("Opening shared by a partner", parent)
        self.context = context
        orgs = [(p.name, p.id) for p in partners.partners(context.store)]
        self.add_choice("partner_id", "Shared &by", orgs)
        self.add_choice("managed_by_id", "Recruitment &run by", [("Our agency", None), *orgs])
        self.employer = employer_picker(context, self)
        self.add("employer_id", "&Employer on file", self.employer)
        self.add_line("employer_name", "Or employer &name")
        self.add_line("position_title", "P&osition")
        self.add_date("received_on", "Re&ceived", date.today())
        self.add_date("closes_on", "C&loses")
        self.add_line("positions", "O&penings", "", "1")
        self.add_line("wage", "&Wage an hour ($)")
        self.add_text("notes", "&Notes")

    def submit(self) -> str:
        if self.choice("partner_id") is None:
            raise FieldError("partner_id", "Add the partner organization first.")
        return partners.record_opening(
            self.context.store,
            self.choice("partner_id"),
            self.text("position_title"),
            self.text("received_on"),
            managed_by_id=self.choice("managed_by_id"),
            employer_id=self.employer.value(),
            employer_name=self.text("employer_name"),
            positions=self.text("positions"),
            wage=self.text("wage"),
            closes_on=self.text("closes_on"),
            notes=self.text("notes"),
        ).id


class SendResumeDialog(FormDialog):
    """Send a participant's resume to whoever runs a shared opening's recruitment."""

    def __init__(self, context: AppContext, opening_id: str, parent: QWidget | None = None):
        super().__init__("Send a resume for this opening", parent)
        self.context = context
        self.opening_id = opening_id
        self.participant = participant_picker(context, self)
        self.add("participant_id", "&Participant", self.participant)
        self.add_date("sent_on", "&Date sent", date.today())
        self.resume_choice = self.add_choice("resume_id", "&Resume on file", [("(none)", None)])
        self.resume_path = self.add_line("resume", "Or a resume &file", "", "Path to the file")
        self.participant.picked.connect(self._load_resumes)

    def _load_resumes(self, participant_id: str) -> None:
        self.resume_choice.clear()
        self.resume_choice.addItem("(none)", None)
        for info in referrals.resumes(self.context.store, participant_id):
            self.resume_choice.addItem(info.file_name, info.id)
        self.resume_choice.setCurrentIndex(1 if self.resume_choice.count() > 1 else 0)

    def submit(self) -> str:
        participant_id = self.participant.value()
        if not participant_id:
            raise FieldError("participant_id", "Choose the participant (type part of the name).")
        path = self.resume_path.text().strip()
        return partners.send_resume(
            self.context.store,
            self.opening_id,
            participant_id,
            self.text("sent_on"),
            resume_path=Path(path) if path else None,
            resume_id=None if path else self.choice("resume_id"),
            staff_id=self.context.me_id,
        ).id
