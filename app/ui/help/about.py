"""Help ▸ About: version, where the data, the log and the shared folder are, and
"Copy diagnostics" for an email to whoever supports Employer Desk."""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from app import APP_NAME, __version__
from app.store.paths import log_file, user_data_dir
from app.ui.context import AppContext


class AboutDialog(QDialog):
    """What a support person asks first, in one window; diagnostics copied with one button."""

    COPY_TEXT = "&Copy diagnostics"

    def __init__(
        self,
        context: AppContext | None,
        store_path: Path,
        demo: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.store_path = store_path
        self.demo = demo
        self.setWindowTitle(f"About {APP_NAME}")
        self.setAccessibleName(f"About {APP_NAME}")
        self.facts = QLabel(self.facts_html(), self)
        self.facts.setObjectName("aboutFacts")
        self.facts.setWordWrap(True)
        self.facts.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.note = QLabel(
            "Copy diagnostics puts a short report on the clipboard, to paste into an email to "
            "whoever supports Employer Desk: versions, the size of your data, sync state and the "
            "last lines of the log. It holds no names, phones or emails.",
            self,
        )
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #555;")
        self.copied = QLabel("", self)
        self.copied.setAccessibleName("Diagnostics copied")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.copy_button = buttons.addButton(self.COPY_TEXT, QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.setAccessibleName("Copy diagnostics")
        self.copy_button.setEnabled(context is not None)
        self.copy_button.clicked.connect(self.copy_diagnostics)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.facts)
        layout.addWidget(self.note)
        layout.addWidget(self.copied)
        layout.addWidget(buttons)
        self.resize(560, 0)

    def facts_html(self) -> str:
        rows = [("Version", __version__)]
        if self.context is not None:
            from app.services.support.diagnostics import about

            facts = about(self.context.store)
            shared = facts.shared_folder or "none: this computer is not in a team"
            rows += [
                ("Data folder", str(facts.data_folder)),
                ("Your data", self._store_label(facts.store)),
                ("Log file", str(facts.log_file)),
                ("Shared folder", shared),
                ("Data format (schema)", ", ".join(facts.schema)),
            ]
        else:
            rows += [
                ("Data folder", str(user_data_dir())),
                ("Your data", self._store_label(self.store_path)),
                ("Log file", str(log_file())),
            ]
        body = "".join(
            f"<tr><td><b>{escape(k)}</b>&nbsp;&nbsp;</td><td>{escape(v)}</td></tr>" for k, v in rows
        )
        return (
            f"<h3>{escape(APP_NAME)} {escape(__version__)}</h3>"
            "<p>Employer partnerships for Business Services Representatives.</p>"
            f"<table>{body}</table>"
        )

    def _store_label(self, path: Path) -> str:
        return f"{path} (demo data, deleted when you quit)" if self.demo else str(path)

    def copy_diagnostics(self) -> str:
        """Put the diagnostics on the clipboard; returns what was copied."""
        from app.services.support.diagnostics import diagnostics

        if self.context is None:
            return ""
        text = diagnostics(self.context.store, demo=self.demo)
        QGuiApplication.clipboard().setText(text)
        self.copied.setText("Copied. Paste it into your email (Ctrl+V).")
        return text

    @classmethod
    def ask(
        cls, context: AppContext | None, store_path: Path, demo: bool, parent: QWidget | None
    ) -> None:
        cls(context, store_path, demo, parent).exec()
