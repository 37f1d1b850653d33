"""Team set-up and status: the shared folder, create/join/export, devices, Sync now, last report."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.services.agency import settings
from app.services.team import computers
from app.services.team import team as team_service
from app.sync import keys as team_keys
from app.sync.engine import SyncSummary
from app.ui.context import AppContext
from app.ui.models import local_datetime
from app.ui.sync.dialogs import ExportDialog, JoinDialog
from app.ui.sync.folder_box import NO_KEYRING_NOTICE, FolderBox
from app.ui.sync.models import ReportModel, report_lines
from app.ui.sync.status_box import OK_COLOR, StatusBox, table_view
from app.ui.sync.worker import (
    DEFAULT_INTERVAL_MIN,
    INTERVAL_SETTING,
    SyncController,
    SyncOutcome,
    clock,
)
from app.ui.widgets import ERROR_COLOR


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
        self.folder_box = FolderBox(box)
        # The fields, by the names the rest of the panel (and its tests) use.
        self.folder = self.folder_box.folder
        self.smb_user = self.folder_box.smb_user
        self.smb_password = self.folder_box.smb_password
        self.keyring_note = self.folder_box.keyring_note
        self.save_folder_button = self.folder_box.use_button
        self.save_folder_button.clicked.connect(self.save_folder)
        QVBoxLayout(box).addWidget(self.folder_box)
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

    def _build_status_box(self) -> StatusBox:
        self.status_box = box = StatusBox(self)
        for name in ("device_text", "reach_text", "synced_text", "outgoing_text"):
            setattr(self, name, getattr(box, name))
        self.key_wait_text, self.devices, self.devices_view = (
            box.key_wait_text,
            box.devices,
            box.devices_view,
        )
        self.sync_button, self.progress, self.progress_label = (
            box.sync_button,
            box.progress,
            box.progress_label,
        )
        self.sync_button.clicked.connect(self.sync_now)
        return box

    def _build_report_box(self) -> QGroupBox:
        box = QGroupBox("Last sync", self)
        self.report_text = QLabel("No sync yet on this computer.", box)
        self.report_text.setWordWrap(True)
        self.report_text.setAccessibleName("Last sync summary")
        self.report = ReportModel(self)
        self.report_view = table_view(box, self.report, "Last sync: problems and skipped files")
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

        self.status_box.show_local(device_id(self.store), row, computers.this_computer(self.store))

    def show_status(self, status: team_service.TeamStatus) -> None:
        outcome = self.controller.outcome
        self.status_box.show_status(
            status,
            outcome.waiting_for_key if outcome else [],
            computers.this_computer(self.store),
        )

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
        self.folder_box.typed(text)

    # Actions ---------------------------------------------------------------------------
    def choose_folder(self) -> None:
        self.folder_box.choose_folder()

    def _folder_values(self) -> tuple[str, str, str | None] | None:
        values = self.folder_box.values()
        if values is None:
            self.show_message("Choose the team's shared folder first.", error=True)
            self.folder.setFocus()
        return values

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
