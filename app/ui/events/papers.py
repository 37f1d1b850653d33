"""The dialog that prints or saves an event's paper: flyer (or employers' invitation),
half-page handout, or event report; flyers and handouts in the language chosen."""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app import forms
from app.core.flyer_wording import EMPLOYER_KINDS
from app.services.events import event_documents, events, flyers
from app.ui.context import AppContext

#: Paper kinds and what a BSR calls them; an employers' event's flyer is an invitation.
NAMES = {"flyer": "Flyer", "handout": "Handout", "report": "Event report"}


def paper_name(kind: str, event_kind: str) -> str:
    if event_kind in EMPLOYER_KINDS and kind == "flyer":
        return "Invitation"
    if event_kind in EMPLOYER_KINDS and kind == "handout":
        return "Half-page invitation"
    return NAMES[kind]


def language_choices() -> list[tuple[str, str]]:
    """(label, choice) for each language of forms/flyers.toml, and both on one sheet."""
    wording = forms.FLYERS.load()
    one = [(wording[code]("language"), code) for code in flyers.CHOICES if code != flyers.BOTH]
    both = " + ".join(label for label, _ in one) + " (both on one sheet)"
    return [*one, (both, flyers.BOTH)]


def english_name(code: str) -> str:
    return {"en": "English", "es": "Spanish"}.get(code, code)


def write_pdf(data: bytes, path: Path) -> None:
    """Write through a temporary name, so a failed save leaves no half file."""
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(data)
    tmp.replace(path)


class PaperDialog(QDialog):
    """Language (flyers and handouts), then Print or Save as PDF."""

    def __init__(
        self, context: AppContext, event_id: str, kind: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.event_id = event_id
        self.kind = kind
        info = events.detail(context.store, event_id)
        english = forms.FLYERS.load()["en"]
        self.title = flyers.flyer_data(context.store, event_id).title_in(english)
        self.name = paper_name(kind, info.kind.value)
        self.setWindowTitle(self.name)
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)
        heading = QLabel(f"<b>{self.name}</b>: {escape(self.title)}", self)
        heading.setWordWrap(True)
        layout.addWidget(heading)
        form = QFormLayout()
        self.language = QComboBox(self)
        self.language.setAccessibleName("Language")
        for label, choice in language_choices():
            self.language.addItem(label, choice)
        default = flyers.default_languages(context.store, event_id)
        self.set_language(flyers.BOTH if len(default) > 1 else default[0])
        if kind != "report":
            form.addRow("&Language:", self.language)
            office = flyers.organizing_office(context.store, info)
            usual = " and ".join(english_name(code) for code in default)
            note = QLabel(
                f"{office.name if office else 'This job center'} prints {usual} unless you "
                "choose otherwise. The wording can be corrected in the forms folder "
                "(flyers.toml).",
                self,
            )
            note.setWordWrap(True)
            note.setStyleSheet("color: #555555;")
            form.addRow(note)
        else:
            self.language.hide()
        layout.addLayout(form)
        buttons = QDialogButtonBox(self)
        self.print_button = QPushButton("&Print…", self)
        self.save_button = QPushButton("&Save as PDF…", self)
        buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.rejected.connect(self.reject)
        self.print_button.clicked.connect(self.print_paper)
        self.save_button.clicked.connect(self.choose_file)
        layout.addWidget(buttons)

    def set_language(self, choice: str) -> None:
        self.language.setCurrentIndex(max(0, self.language.findData(choice)))

    def choice(self) -> str | None:
        return None if self.kind == "report" else self.language.currentData()

    def pdf(self) -> bytes:
        if self.kind == "report":
            return event_documents.report_pdf(self.context.store, self.event_id)
        return flyers.flyer_pdf(
            self.context.store, self.event_id, handout=self.kind == "handout", lang=self.choice()
        )

    def file_name(self) -> str:
        suffix = {"es": " (es)", flyers.BOTH: " (en-es)"}.get(self.choice() or "", "")
        return f"{self.name} - {self.title}{suffix}.pdf"

    def print_paper(self) -> None:
        from app.ui.printing import print_pdf

        print_pdf(self.pdf(), self, f"{self.name} - {self.title}")
        self.accept()

    def choose_file(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, "Save as PDF", self.file_name(), "PDF (*.pdf)")
        if name and self.save(Path(name)):
            self.accept()

    def save(self, path: Path) -> bool:
        try:
            write_pdf(self.pdf(), path)
        except OSError as exc:
            QMessageBox.warning(self, "Not saved", f"{path} could not be written: {exc.strerror}.")
            return False
        self.context.signals.status_message.emit(f"Saved {path.name}")
        return True
