"""Who this BSR is (first run) and what they prefer (Settings)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.core.validation import FieldError, clean_email, clean_phone, clean_required
from app.services.agency import org, settings
from app.ui.context import AppContext
from app.ui.sync.join_box import JoinTeamBox
from app.ui.widgets import ChoiceField, ErrorLabel, LineField, literal_label


class ProfileForm(QWidget):
    """Name, email, phone, job center and programs; `save()` validates and stores them.

    With `live=True` every finished field is saved at once (Settings); otherwise
    the dialog saves when the BSR confirms (first run).
    """

    def __init__(
        self, context: AppContext, live: bool = False, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.live = live
        store = context.store
        me = settings.me(store)
        commit = self._live_commit if live else None
        self.name = LineField(
            "name", "Your name", commit, placeholder="First and last name", parent=self
        )
        self.email = LineField(
            "email", "Work email", commit, placeholder="name@agency.org", parent=self
        )
        self.phone = LineField(
            "phone", "Work phone", commit, placeholder="(312) 555-0100", parent=self
        )
        self.office = ChoiceField("Job center", self)
        self.office.set_choices(
            [("Choose your job center…", "")] + [(o.name, o.id) for o in org.offices(store)]
        )
        self.office_error = ErrorLabel(self)
        self.programs_box = QGroupBox("Programs you work under", self)
        box_layout = QVBoxLayout(self.programs_box)
        self.program_checks: dict[str, QCheckBox] = {}
        mine = set(me.program_codes) if me else set()
        for program in org.programs(store):
            check = QCheckBox(literal_label(program.name), self.programs_box)
            check.setAccessibleName(f"Program {program.name}")
            check.setToolTip(program.description)
            check.setChecked(program.code in mine)
            if live:
                check.toggled.connect(lambda _=False: self.save())
            box_layout.addWidget(check)
            self.program_checks[program.code] = check
        if me is not None:
            self.name.set_value(me.name)
            self.email.set_value(me.email)
            self.phone.set_value(me.phone)
            self.office.select(me.office_id)
        if live:
            self.office.choice_made.connect(lambda _v: self.save())
        layout = QFormLayout(self)
        layout.addRow("&Name", self.name)
        layout.addRow("&Email", self.email)
        layout.addRow("&Phone", self.phone)
        office_cell = QWidget(self)
        office_layout = QVBoxLayout(office_cell)
        office_layout.setContentsMargins(0, 0, 0, 0)
        office_layout.addWidget(self.office)
        office_layout.addWidget(self.office_error)
        layout.addRow("&Job center", office_cell)
        layout.addRow(self.programs_box)
        for widget in (self.name, self.email, self.phone):
            label = layout.labelForField(widget)
            if isinstance(label, QLabel):
                label.setBuddy(widget.edit)
        label = layout.labelForField(office_cell)
        if isinstance(label, QLabel):
            label.setBuddy(self.office)

    def selected_programs(self) -> list[str]:
        return [code for code, check in self.program_checks.items() if check.isChecked()]

    def _fields(self) -> dict[str, LineField]:
        return {"name": self.name, "email": self.email, "phone": self.phone}

    def save(self) -> bool:
        """Validate and store the profile; a refused value is shown at its own field."""
        # Check every box first so all the problems show at once, not one per try.
        checks = {
            "name": lambda t: clean_required(t, "name", "Your name"),
            "email": clean_email,
            "phone": clean_phone,
        }
        bad: list[QWidget] = []
        for name, field in self._fields().items():
            try:
                checks[name](field.text())
                field.show_error("")
            except FieldError as exc:
                field.show_error(exc.message)
                bad.append(field)
        office_missing = not self.office.currentData()
        self.office_error.show_message("Choose your job center." if office_missing else "")
        if office_missing:
            bad.append(self.office)
        if bad:
            bad[0].setFocus()
            return False
        try:
            person = org.save_profile(
                self.context.store,
                name=self.name.text(),
                office_id=self.office.currentData() or "",
                program_codes=self.selected_programs(),
                email=self.email.text(),
                phone=self.phone.text(),
            )
        except FieldError as exc:
            target = self._fields().get(exc.field)
            if target is not None:
                target.show_error(exc.message)
                target.setFocus()
            else:
                self.office_error.show_message(exc.message)
                self.office.setFocus()
            return False
        self.name.set_value(person.name)
        self.email.set_value(person.email)
        self.phone.set_value(person.phone)
        return True

    def _live_commit(self, field: str, text: str) -> str:
        if not self.save():
            target = self._fields()[field]
            if target.error_message:
                raise FieldError(field, target.error_message)
            return text
        return getattr(settings.me(self.context.store), field, text)


class FirstRunDialog(QDialog):
    """Asked once, before anything else: who is using this store, and whether they work alone
    or join their team (shared folder and key file), so a new BSR starts with the team's data."""

    def __init__(
        self, context: AppContext, parent: QWidget | None = None, key_file: Path | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.setWindowTitle("Welcome to Employer Desk")
        self.setAccessibleName("Welcome: tell Employer Desk who you are")
        intro = QLabel(
            "Tell Employer Desk who you are. Employers you add are yours and your job center's; "
            "you can change this later in File ▸ Settings.",
            self,
        )
        intro.setWordWrap(True)
        self.form = ProfileForm(context, live=False, parent=self)
        self.alone = QRadioButton("Start on my own (you can join a team later on the Sync page)")
        self.alone.setAccessibleName("Start on my own")
        self.team = QRadioButton("Join my team: a team member gave me a key file")
        self.team.setAccessibleName("Join my team")
        self.alone.setChecked(True)
        self.join_box = JoinTeamBox(self)
        self.join_box.setVisible(False)
        self.team.toggled.connect(self.join_box.setVisible)
        self.team.toggled.connect(lambda _on: self.resize(self.width(), self.sizeHint().height()))
        self.buttons = QDialogButtonBox(self)
        self.start_button = self.buttons.addButton("Start", QDialogButtonBox.ButtonRole.AcceptRole)
        self.start_button.setAccessibleName("Start using Employer Desk")
        self.later_button = self.buttons.addButton("Later", QDialogButtonBox.ButtonRole.RejectRole)
        self.later_button.setAccessibleName("Ask me later")
        self.start_button.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.form)
        layout.addWidget(self.alone)
        layout.addWidget(self.team)
        layout.addWidget(self.join_box)
        layout.addWidget(self.buttons)
        self.resize(520, 0)
        if key_file is not None:  # opened from a .edkey file: joining is what was meant
            self.team.setChecked(True)
            self.join_box.key_file.setText(str(key_file))
        self.form.name.setFocus(Qt.FocusReason.OtherFocusReason)

    def accept(self) -> None:
        if self.team.isChecked() and not self.join_box.join(self.context.store):
            return
        if self.form.save():
            if self.team.isChecked():
                self.context.signals.status_message.emit(self.join_box.joined_message)
            super().accept()

    @classmethod
    def ask(
        cls, context: AppContext, parent: QWidget | None = None, key_file: Path | None = None
    ) -> bool:
        return cls(context, parent, key_file).exec() == QDialog.DialogCode.Accepted


class SettingsDialog(QDialog):
    """The profile and the Today thresholds; every change is saved as it is made."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setWindowTitle("Settings")
        self.setAccessibleName("Settings")
        self.form = ProfileForm(context, live=True, parent=self)
        store = context.store
        today_box = QGroupBox("Today page", self)
        today_form = QFormLayout(today_box)
        self.quiet_days = QSpinBox(today_box)
        self.quiet_days.setRange(1, 365)
        self.quiet_days.setSuffix(" days")
        self.quiet_days.setValue(int(settings.get(store, settings.QUIET_DAYS)))
        self.quiet_days.setAccessibleName("Employer counts as not contacted after")
        self.stuck_days = QSpinBox(today_box)
        self.stuck_days.setRange(1, 365)
        self.stuck_days.setSuffix(" days")
        self.stuck_days.setValue(int(settings.get(store, settings.STUCK_DAYS)))
        self.stuck_days.setAccessibleName("Employer counts as stuck in a stage after")
        today_form.addRow("Not contacted after", self.quiet_days)
        today_form.addRow("Stuck in a stage after", self.stuck_days)
        self.quiet_days.valueChanged.connect(lambda v: settings.put(store, settings.QUIET_DAYS, v))
        self.stuck_days.valueChanged.connect(lambda v: settings.put(store, settings.STUCK_DAYS, v))
        sync_box = self._sync_box(store)
        note = QLabel("Changes are saved as you make them.", self)
        note.setStyleSheet("color: #555;")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.Close).setAccessibleName("Close settings")
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addWidget(today_box)
        layout.addWidget(sync_box)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.resize(480, 0)

    def _sync_box(self, store) -> QGroupBox:  # noqa: ANN001 - Store
        from app.ui.sync.worker import DEFAULT_INTERVAL_MIN, INTERVAL_SETTING

        box = QGroupBox("Team sync", self)
        form = QFormLayout(box)
        self.sync_minutes = QSpinBox(box)
        self.sync_minutes.setRange(0, 120)
        self.sync_minutes.setSuffix(" min")
        self.sync_minutes.setSpecialValueText("never")
        self.sync_minutes.setValue(int(settings.get(store, INTERVAL_SETTING, DEFAULT_INTERVAL_MIN)))
        self.sync_minutes.setAccessibleName("Sync automatically every, in minutes (0: never)")
        self.sync_minutes.valueChanged.connect(lambda v: settings.put(store, INTERVAL_SETTING, v))
        form.addRow("Sync automatically every", self.sync_minutes)
        return box

    def reject(self) -> None:
        focused = self.focusWidget()
        if focused is not None:
            focused.clearFocus()
        super().reject()

    @classmethod
    def ask(cls, context: AppContext, parent: QWidget | None = None) -> bool:
        cls(context, parent).exec()
        return True
