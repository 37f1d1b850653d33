"""Team set-up and status: the shared folder, create/join/export, devices, Sync now, last report."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app import secrets
from app.services.agency import settings
from app.services.team import team as team_service
from app.sync import keys as team_keys
from app.sync.engine import SyncSummary
from app.sync.smb import is_unc
from app.ui.context import AppContext
from app.ui.models import local_datetime
from app.ui.sync.dialogs import ExportDialog, JoinDialog
from app.ui.sync.models import DeviceModel, ReportModel, report_lines
from app.ui.sync.worker import (
    DEFAULT_INTERVAL_MIN,
    INTERVAL_SETTING,
    SyncController,
    SyncOutcome,
    clock,
)
from app.ui.widgets import ERROR_COLOR

OK_COLOR = "#2e7d32"
NO_KEYRING_NOTICE = (
    secrets.session_only_notice("the share password") + " You will be asked for it again next time."
)


def _table(parent: QWidget, model, name: str) -> QTableView:  # noqa: ANN001
    view = QTableView(parent)
    view.setModel(model)
    view.setAccessibleName(name)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.verticalHeader().hide()
    view.horizontalHeader().setStretchLastSection(True)
    view.setWordWrap(False)
    return view


def summary_line(summary: SyncSummary) -> str:
    """ "Sent 3 changes · received 5 · 1 conflict · 2 files skipped"."""

    def n(count: int, word: str) -> str:
        return f"{count} {word}{'' if count == 1 else 's'}"

    parts = [
        f"Sent {n(summary.published, 'change')}",
        f"received {n(summary.applied, 'change')}",
        n(summary.conflicts, "conflict"),
    ]
    if summary.skipped:
        parts.append(f"{n(len(summary.skipped), 'file')} skipped")
    return " · ".join(parts)


class TeamPanel(QWidget):
    """Everything about the team's shared folder, in the BSR's words."""

    def __init__(
        self, context: AppContext, controller: SyncController, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.controller = controller
        self.store = context.store
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setAccessibleName("Sync message")
        self.message.hide()
        left = QVBoxLayout()
        left.addWidget(self._build_folder_box())
        left.addWidget(self._build_team_box())
        left.addWidget(self._build_report_box(), 1)
        right = QVBoxLayout()
        right.addWidget(self._build_status_box(), 1)
        columns = QHBoxLayout()
        columns.addLayout(left, 2)
        columns.addLayout(right, 3)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.message)
        layout.addLayout(columns, 1)
        controller.job_started.connect(self._job_started)
        controller.progress.connect(self.progress_label.setText)
        controller.sync_done.connect(self._sync_done)
        controller.job_done.connect(self._job_done)
        controller.job_failed.connect(self._job_failed)
        controller.changed.connect(self._show_busy)
        self.load()

    # Layout ----------------------------------------------------------------------------
    def _build_folder_box(self) -> QGroupBox:
        box = QGroupBox("Shared folder", self)
        self.folder = QLineEdit(box)
        self.folder.setAccessibleName("Shared folder")
        self.folder.setPlaceholderText(r"\\server\share\folder, or a folder on this computer")
        self.folder.textChanged.connect(self._folder_typed)
        self.choose_button = QPushButton("Choose…", box)
        self.choose_button.setAccessibleName("Choose a folder on this computer or a mapped drive")
        self.choose_button.clicked.connect(self.choose_folder)
        row = QWidget(box)
        row_layout = QHBoxLayout(row)
        row_layout.setContentsMargins(0, 0, 0, 0)
        row_layout.addWidget(self.folder, 1)
        row_layout.addWidget(self.choose_button)
        self.smb_user = QLineEdit(box)
        self.smb_user.setAccessibleName("Network user name")
        self.smb_user.setPlaceholderText(r"OFFICE\jdoe (only for \\server paths)")
        self.smb_password = QLineEdit(box)
        self.smb_password.setEchoMode(QLineEdit.EchoMode.Password)
        self.smb_password.setAccessibleName("Network password")
        self.smb_password.setPlaceholderText("kept in this computer's keyring")
        self.keyring_note = QLabel(NO_KEYRING_NOTICE, box)
        self.keyring_note.setWordWrap(True)
        self.keyring_note.setStyleSheet(f"color: {ERROR_COLOR};")
        self.keyring_note.setAccessibleName("Keyring notice")
        self.save_folder_button = QPushButton("Use this folder", box)
        self.save_folder_button.setAccessibleName("Use this folder for the team")
        self.save_folder_button.clicked.connect(self.save_folder)
        form = QFormLayout(box)
        form.addRow("&Folder", row)
        form.addRow("Network &user", self.smb_user)
        form.addRow("Pass&word", self.smb_password)
        form.addRow(self.keyring_note)
        form.addRow("", self.save_folder_button)
        for widget in (self.smb_user, self.smb_password):
            label = form.labelForField(widget)
            if isinstance(label, QLabel):
                label.setBuddy(widget)
        label = form.labelForField(row)
        if isinstance(label, QLabel):
            label.setBuddy(self.folder)
        return box

    def _build_team_box(self) -> QGroupBox:
        box = QGroupBox("Team", self)
        self.team_text = QLabel(box)
        self.team_text.setWordWrap(True)
        self.team_text.setAccessibleName("Team")
        self.create_button = QPushButton("&Create team", box)
        self.create_button.setAccessibleName("Create team: the first computer makes the team key")
        self.create_button.setToolTip("The first computer of the team: makes the team key")
        self.create_button.clicked.connect(self.create_team)
        self.join_button = QPushButton("&Join team…", box)
        self.join_button.setAccessibleName("Join team with a key file")
        self.join_button.clicked.connect(self.join_team)
        self.export_button = QPushButton("E&xport key file…", box)
        self.export_button.setAccessibleName("Export the team key file for another computer")
        self.export_button.clicked.connect(self.export_key)
        self.key_text = QLabel(box)
        self.key_text.setWordWrap(True)
        self.key_text.setAccessibleName("Team key")
        self.interval = QSpinBox(box)
        self.interval.setRange(0, 120)
        self.interval.setSuffix(" min")
        self.interval.setSpecialValueText("never")
        self.interval.setAccessibleName("Sync automatically every, in minutes (0: never)")
        self.interval.setValue(
            int(settings.get(self.store, INTERVAL_SETTING, DEFAULT_INTERVAL_MIN))
        )
        self.interval.valueChanged.connect(self._interval_changed)
        buttons = QHBoxLayout()
        buttons.addWidget(self.create_button)
        buttons.addWidget(self.join_button)
        buttons.addWidget(self.export_button)
        buttons.addStretch(1)
        every = QHBoxLayout()
        every_label = QLabel("Sync automatically &every", box)
        every_label.setBuddy(self.interval)
        every.addWidget(every_label)
        every.addWidget(self.interval)
        every.addStretch(1)
        layout = QVBoxLayout(box)
        layout.addWidget(self.team_text)
        layout.addLayout(buttons)
        layout.addWidget(self.key_text)
        layout.addLayout(every)
        return box

    def _build_status_box(self) -> QGroupBox:
        box = QGroupBox("Team status", self)
        self.device_text = QLabel(box)
        self.device_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.device_text.setAccessibleName("This computer's device id")
        self.reach_text = QLabel(box)
        self.reach_text.setWordWrap(True)
        self.reach_text.setAccessibleName("Folder reachable")
        self.synced_text = QLabel(box)
        self.synced_text.setAccessibleName("Last synced")
        self.outgoing_text = QLabel(box)
        self.outgoing_text.setAccessibleName("Changes to send")
        self.key_wait_text = QLabel(box)
        self.key_wait_text.setWordWrap(True)
        self.key_wait_text.setAccessibleName("Waiting for the team key")
        grid = QGridLayout()
        for row, (title, widget) in enumerate(
            (
                ("This computer", self.device_text),
                ("Folder", self.reach_text),
                ("Last synced", self.synced_text),
                ("To send", self.outgoing_text),
                ("Team key", self.key_wait_text),
            )
        ):
            label = QLabel(title, box)
            label.setStyleSheet("color: #555;")
            grid.addWidget(label, row, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(widget, row, 1)
        grid.setColumnStretch(1, 1)
        self.devices = DeviceModel(self)
        self.devices_view = _table(box, self.devices, "Computers in the team")
        header = self.devices_view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, 4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.sync_button = QPushButton("&Sync now", box)
        self.sync_button.setAccessibleName("Sync now")
        self.sync_button.setDefault(True)
        self.sync_button.clicked.connect(self.sync_now)
        self.progress = QProgressBar(box)
        self.progress.setAccessibleName("Sync progress")
        self.progress.setRange(0, 0)
        self.progress.setMaximumWidth(140)
        self.progress.setTextVisible(False)
        self.progress.hide()
        self.progress_label = QLabel(box)
        self.progress_label.setAccessibleName("Sync progress message")
        sync_row = QHBoxLayout()
        sync_row.addWidget(self.sync_button)
        sync_row.addWidget(self.progress)
        sync_row.addWidget(self.progress_label, 1)
        layout = QVBoxLayout(box)
        layout.addLayout(grid)
        layout.addWidget(self.devices_view, 1)
        layout.addLayout(sync_row)
        return box

    def _build_report_box(self) -> QGroupBox:
        box = QGroupBox("Last sync", self)
        self.report_text = QLabel("No sync yet on this computer.", box)
        self.report_text.setWordWrap(True)
        self.report_text.setAccessibleName("Last sync summary")
        self.report = ReportModel(self)
        self.report_view = _table(box, self.report, "Last sync: problems and skipped files")
        header = self.report_view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        layout = QVBoxLayout(box)
        layout.addWidget(self.report_text)
        layout.addWidget(self.report_view, 1)
        layout.addStretch(0)
        self.report_view.hide()
        return box

    # Showing ---------------------------------------------------------------------------
    def load(self) -> None:
        """Fill from the store (no share access): folder, team, key, last summary."""
        row = team_service.team(self.store)
        in_team = row is not None
        if row is not None and not self.folder.hasFocus():
            self.folder.setText(row.folder)
            self.folder.setCursorPosition(0)
            self.smb_user.setText(row.smb_user)
        self.create_button.setEnabled(not in_team)
        self.export_button.setEnabled(in_team)
        self.save_folder_button.setEnabled(in_team)
        self.sync_button.setEnabled(in_team)
        self._folder_typed(self.folder.text())
        self.interval.blockSignals(True)  # File ▸ Settings may have changed it
        self.interval.setValue(
            int(settings.get(self.store, INTERVAL_SETTING, DEFAULT_INTERVAL_MIN))
        )
        self.interval.blockSignals(False)
        if row is None:
            self.team_text.setText(
                "This computer is not in a team yet. On the team's first computer choose "
                "the shared folder and <b>Create team</b>; on every other computer choose "
                "the same folder and <b>Join team</b> with a key file exported from a "
                "computer already in the team."
            )
            self.key_text.setText("")
        else:
            self.team_text.setText(f"In team <b>{row.team_id[-8:]}</b> through this folder.")
            custody = team_keys.custody(row.team_id)
            if custody is team_keys.Custody.KEYRING:
                self.key_text.setText("The team key is kept in this computer's keyring.")
                self.key_text.setStyleSheet("")
            elif custody is team_keys.Custody.SESSION_ONLY:
                self.key_text.setText(team_keys.SESSION_ONLY_NOTICE)
                self.key_text.setStyleSheet(f"color: {ERROR_COLOR};")
            else:
                self.key_text.setText(
                    "This computer does not have the team key: use Join team with a key "
                    "file exported from another computer of the team."
                )
                self.key_text.setStyleSheet(f"color: {ERROR_COLOR};")
        status = self.controller.status
        if status is None:
            self._show_local_status(row)
        else:
            self.show_status(status)
        if self.controller.outcome is not None and self.controller.outcome.summary is not None:
            self.show_report(self.controller.outcome.summary, self.controller.outcome)
        elif row is not None and row.last_sync_at is not None:
            self.report_text.setText(
                f"Last synced {local_datetime(row.last_sync_at)} (before Employer Desk started)."
            )
        self._show_busy()

    def _show_local_status(self, row) -> None:  # noqa: ANN001
        from app.sync.changes import device_id

        self.device_text.setText(device_id(self.store))
        self.reach_text.setText("not checked yet" if row else "no folder chosen")
        self.synced_text.setText(local_datetime(row.last_sync_at) if row else "never")
        self.outgoing_text.setText("")
        self.key_wait_text.setText("")

    def show_status(self, status: team_service.TeamStatus) -> None:
        self.device_text.setText(status.device_id)
        if not status.in_team:
            self.reach_text.setText("no folder chosen")
        elif status.reachable:
            self.reach_text.setText(f"<span style='color:{OK_COLOR}'>reachable</span>")
        else:
            reason = status.unreachable_reason or "it did not answer"
            self.reach_text.setText(
                f"<span style='color:{ERROR_COLOR}'><b>not reachable</b></span>: {reason}. "
                "Employer Desk keeps trying on its own."
            )
        self.synced_text.setText(local_datetime(status.last_sync_at) or "never")
        n = status.changes_to_publish
        self.outgoing_text.setText(
            f"{n} change{'s' if n != 1 else ''} made here, not yet in the folder"
        )
        self.devices.set_rows(status.devices)
        waiting = self.controller.outcome.waiting_for_key if self.controller.outcome else []
        if status.in_team and status.key is None:
            self.key_wait_text.setText(
                "<b>missing on this computer</b>: nothing can be sent or read until you "
                "join with a key file."
            )
        elif waiting:
            self.key_wait_text.setText("; ".join(waiting))
        elif status.key is not None:
            self.key_wait_text.setText(f"held ({status.key.value})")
        else:
            self.key_wait_text.setText("")

    def show_report(self, summary: SyncSummary, outcome: SyncOutcome | None = None) -> None:
        when = clock(outcome.finished_at) if outcome and outcome.finished_at else ""
        head = f"At {when}: " if when else ""
        lines = report_lines(summary)
        tail = "" if lines else ". Nothing skipped, nothing waiting."
        self.report_text.setText(head + summary_line(summary) + tail)
        self.report.set_rows(lines)
        self.report_view.setVisible(bool(lines))

    def _show_busy(self) -> None:
        busy = self.controller.current == "sync"
        self.progress.setVisible(busy)
        in_team = self.controller.in_team
        self.sync_button.setEnabled(in_team and not busy)
        working = self.controller.busy and self.controller.current in ("create", "join", "export")
        self.create_button.setEnabled(not in_team and not working)
        self.join_button.setEnabled(not working)
        if not busy and not working:
            self.progress_label.setText("")

    def show_message(self, text: str, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(
            f"color: {ERROR_COLOR}; font-weight: 600;" if error else f"color: {OK_COLOR};"
        )
        self.message.setVisible(bool(text))

    def _folder_typed(self, text: str) -> None:
        smb = is_unc(text)
        self.smb_user.setEnabled(smb)
        self.smb_password.setEnabled(smb)
        self.keyring_note.setVisible(smb and not secrets.is_secure())

    # Actions ---------------------------------------------------------------------------
    def choose_folder(self) -> None:
        start = self.folder.text() if Path(self.folder.text()).is_dir() else str(Path.home())
        chosen = QFileDialog.getExistingDirectory(self, "The team's shared folder", start)
        if chosen:
            self.folder.setText(chosen)

    def _folder_values(self) -> tuple[str, str, str | None] | None:
        folder = self.folder.text().strip()
        if not folder:
            self.show_message("Choose the team's shared folder first.", error=True)
            self.folder.setFocus()
            return None
        smb = is_unc(folder)
        user = self.smb_user.text().strip() if smb else ""
        password = self.smb_password.text() if smb and self.smb_password.text() else None
        return folder, user, password

    def create_team(self) -> None:
        values = self._folder_values()
        if values is None:
            return
        folder, user, password = values
        store = self.store
        self.show_message("")
        self.controller.run(
            "create",
            lambda progress, cancel: team_service.create_team(
                store, folder, smb_user=user, smb_password=password
            ),
        )

    def join_team(self) -> None:
        values = self._folder_values()
        if values is None:
            return
        answer = JoinDialog.ask(self)
        if answer is None:
            return
        folder, user, password = values
        key_file, passphrase = answer
        store = self.store
        self.show_message("")
        self.controller.run(
            "join",
            lambda progress, cancel: team_service.join_team(
                store, folder, key_file, passphrase, smb_user=user, smb_password=password
            ),
        )

    def export_key(self) -> None:
        answer = ExportDialog.ask(self)
        if answer is None:
            return
        out, passphrase = answer
        store = self.store
        self.controller.run(
            "export", lambda progress, cancel: team_service.export_key(store, out, passphrase)
        )

    def save_folder(self) -> None:
        values = self._folder_values()
        if values is None:
            return
        folder, user, password = values
        try:
            kept = team_service.set_folder(self.store, folder, smb_user=user, smb_password=password)
        except team_service.TeamError as exc:
            self.show_message(str(exc), error=True)
            return
        note = "" if kept else " " + NO_KEYRING_NOTICE
        if password is not None:
            self.smb_password.clear()
        self.show_message(f"The team's folder is now {folder}.{note}")
        self.controller.sync_now()

    def sync_now(self) -> None:
        self.show_message("")
        self.controller.sync_now()

    def _interval_changed(self, minutes: int) -> None:
        settings.put(self.store, INTERVAL_SETTING, minutes)
        self.controller.set_interval(minutes)

    # Results ---------------------------------------------------------------------------
    def _job_started(self, kind: str) -> None:
        self._show_busy()
        words = {
            "create": "Creating the team…",
            "join": "Joining the team…",
            "export": "Writing the key file…",
            "sync": "Syncing…",
        }
        if kind in words:
            self.progress_label.setText(words[kind])

    def _sync_done(self, outcome: SyncOutcome) -> None:
        if outcome.status is not None:
            self.show_status(outcome.status)
        if outcome.summary is not None:
            self.show_report(outcome.summary, outcome)
        if outcome.error:
            self.show_message(outcome.error, error=True)
        elif outcome.in_team and not outcome.reachable:
            self.show_message(
                "The shared folder is not reachable now. Your work is safe on this computer; "
                "Employer Desk tries again on its own.",
                error=True,
            )
        self._show_busy()

    def _job_done(self, kind: str, result: object) -> None:
        if kind == "status" and isinstance(result, team_service.TeamStatus):
            self.show_status(result)
        elif kind in ("create", "join") and isinstance(result, team_service.KeyNotice):
            self.load()
            if kind == "create":
                text = (
                    "Team created. " + result.message + " Next: Export key file… and give it to "
                    "each computer that joins."
                )
            else:
                text = "Joined the team. " + result.message
            self.show_message(text, error=result.custody is not team_keys.Custody.KEYRING)
            self.smb_password.clear()
            self.controller.sync_now()
        elif kind == "export" and isinstance(result, Path):
            self.show_message(
                f"Key file written: {result}. Give it, and say the passphrase, to the person "
                "joining."
            )
        self._show_busy()

    def _job_failed(self, kind: str, message: str) -> None:
        if kind != "sync":
            self.show_message(message, error=True)
        self._show_busy()


__all__ = ["NO_KEYRING_NOTICE", "TeamPanel", "summary_line"]
