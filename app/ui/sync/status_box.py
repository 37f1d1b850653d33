"""Team status as the BSR reads it: this computer, the folder, what waits, the team's computers."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.services.team import team as team_service
from app.ui.models import local_datetime
from app.ui.sync.models import DeviceModel
from app.ui.widgets import ERROR_COLOR

OK_COLOR = "#2e7d32"


def table_view(parent: QWidget, model, name: str) -> QTableView:  # noqa: ANN001
    """A read-only, whole-row table for the Sync page's lists."""
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


class StatusBox(QGroupBox):
    """The "Team status" box: facts, the computers of the team, and the Sync now button."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__("Team status", parent)
        self.device_text = QLabel(self)
        self.device_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.device_text.setAccessibleName("This computer")
        self.reach_text = QLabel(self)
        self.reach_text.setWordWrap(True)
        self.reach_text.setAccessibleName("Folder reachable")
        self.synced_text = QLabel(self)
        self.synced_text.setAccessibleName("Last synced")
        self.outgoing_text = QLabel(self)
        self.outgoing_text.setAccessibleName("Changes to send")
        self.key_wait_text = QLabel(self)
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
            label = QLabel(title, self)
            label.setStyleSheet("color: #555;")
            grid.addWidget(label, row, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(widget, row, 1)
        grid.setColumnStretch(1, 1)
        self.devices = DeviceModel(self)
        self.devices_view = table_view(self, self.devices, "Computers in the team")
        header = self.devices_view.horizontalHeader()
        header.setStretchLastSection(False)  # the computer's name takes the room
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, 4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.sync_button = QPushButton("&Sync now", self)
        self.sync_button.setAccessibleName("Sync now")
        self.sync_button.setDefault(True)
        self.progress = QProgressBar(self)
        self.progress.setAccessibleName("Sync progress")
        self.progress.setRange(0, 0)
        self.progress.setMaximumWidth(140)
        self.progress.setTextVisible(False)
        self.progress.hide()
        self.progress_label = QLabel(self)
        self.progress_label.setAccessibleName("Sync progress message")
        sync_row = QHBoxLayout()
        sync_row.addWidget(self.sync_button)
        sync_row.addWidget(self.progress)
        sync_row.addWidget(self.progress_label, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addWidget(self.devices_view, 1)
        layout.addLayout(sync_row)

    def show_computer(self, device_id: str, label: str) -> None:
        """Who uses this computer and its name; the device id for whoever needs it."""
        self.device_text.setText(label or "not named yet (it names itself at the next sync)")
        self.device_text.setToolTip(f"Device id {device_id}")

    def show_local(self, device_id: str, row, label: str = "") -> None:  # noqa: ANN001
        """Before the folder answered: what the store alone knows."""
        self.show_computer(device_id, label)
        self.reach_text.setText("not checked yet" if row else "no folder chosen")
        self.synced_text.setText(local_datetime(row.last_sync_at) if row else "never")
        self.outgoing_text.setText("")
        self.key_wait_text.setText("")

    def show_status(
        self, status: team_service.TeamStatus, waiting: list[str], label: str = ""
    ) -> None:
        """The folder's answer; `waiting` lists what waits for a team key."""
        self.show_computer(status.device_id, label)
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


__all__ = ["OK_COLOR", "StatusBox", "table_view"]
