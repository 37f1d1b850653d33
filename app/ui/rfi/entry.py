"""The RFI entry dialog, built from forms/rfi.toml: answers given on the phone or by email.

Opens pre-filled with what is known; only the answers the BSR changes are saved,
so history shows who said what and when. Problems are shown beside their fields
and nothing is saved until every answer is right.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app import forms
from app.core.models.rfi import AnswerSource
from app.core.rfi import POSITION_KEYS, POSITION_LABELS, AnswerField, RfiDefinition
from app.core.rfi_answers import format_wage
from app.services.rfi import rfi as rfi_service
from app.ui.context import AppContext
from app.ui.dates import date_edit_format, input_date
from app.ui.widgets import ERROR_COLOR, literal_label

_EMPTY = "—"


class FieldEditor:
    """One answer's widget, reading and writing the raw text the services parse."""

    def __init__(self, f: AnswerField, parent: QWidget) -> None:
        self.field = f
        self.error = QLabel(parent)
        self.error.setStyleSheet(f"color: {ERROR_COLOR};")
        self.error.setWordWrap(True)
        self.error.hide()
        self.checks: list[QCheckBox] = []
        tip = f"{f.label}" + (f"\n{f.help}" if f.help else "")
        if f.type == "yesno":
            self.widget: QWidget = QComboBox(parent)
            self.widget.addItems([_EMPTY, "Yes", "No"])
        elif f.type == "choice" and not f.multiple:
            self.widget = QComboBox(parent)
            self.widget.addItems([_EMPTY, *f.options])
        elif f.type == "choice":
            self.widget = QWidget(parent)
            box = QVBoxLayout(self.widget)
            box.setContentsMargins(0, 0, 0, 0)
            for option in f.options:
                check = QCheckBox(literal_label(option), self.widget)
                check.setAccessibleName(f"{f.label}: {option}")
                box.addWidget(check)
                self.checks.append(check)
        elif f.type == "positions":
            table = QTableWidget(f.rows, len(POSITION_KEYS), parent)
            table.setHorizontalHeaderLabels([POSITION_LABELS[k] for k in POSITION_KEYS])
            table.setMinimumHeight(30 + 26 * min(f.rows, 6))
            table.horizontalHeader().setStretchLastSection(True)
            table.setColumnWidth(0, 180)
            self.widget = table
        elif f.lines > 1:
            self.widget = QPlainTextEdit(parent)
            self.widget.setTabChangesFocus(True)
            self.widget.setFixedHeight(24 * f.lines + 8)
        else:
            self.widget = QLineEdit(parent)
            if f.type == "date":
                self.widget.setPlaceholderText("MM/DD/YYYY")
        self.widget.setAccessibleName(f.label)
        self.widget.setToolTip(tip)
        self.initial: Any = None

    def set_value(self, value: Any) -> None:
        f, w = self.field, self.widget
        if f.type == "yesno":
            assert isinstance(w, QComboBox)
            w.setCurrentIndex(0 if value is None else (1 if value else 2))
        elif f.type == "choice" and not f.multiple:
            assert isinstance(w, QComboBox)
            w.setCurrentIndex(f.options.index(value) + 1 if value in f.options else 0)
        elif f.type == "choice":
            chosen = set(value or [])
            for check, option in zip(self.checks, f.options, strict=True):
                check.setChecked(option in chosen)
        elif f.type == "positions":
            assert isinstance(w, QTableWidget)
            rows = value or []
            w.setRowCount(max(f.rows, len(rows) + 1))
            for r in range(w.rowCount()):
                row = rows[r] if r < len(rows) else {}
                for c, key in enumerate(POSITION_KEYS):
                    raw = row.get(key)
                    text = (
                        format_wage(raw)
                        if key == "wage_cents"
                        else ("" if raw is None else str(raw))
                    )
                    w.setItem(r, c, QTableWidgetItem(text))
        elif f.type == "date":
            assert isinstance(w, QLineEdit)
            w.setText(input_date(date.fromisoformat(value)) if value else "")
        elif isinstance(w, QPlainTextEdit):
            w.setPlainText("" if value is None else str(value))
        else:
            assert isinstance(w, QLineEdit)
            w.setText("" if value is None else str(value))
        self.initial = self.raw()

    def raw(self) -> Any:
        """What is in the widget, as the services' parser takes it."""
        f, w = self.field, self.widget
        if isinstance(w, QComboBox):
            text = w.currentText()
            return None if text == _EMPTY else text
        if f.type == "choice":
            return [o for check, o in zip(self.checks, f.options, strict=True) if check.isChecked()]
        if isinstance(w, QTableWidget):
            rows = []
            for r in range(w.rowCount()):
                cells = {}
                for c, key in enumerate(POSITION_KEYS):
                    item = w.item(r, c)
                    cells["wage" if key == "wage_cents" else key] = (
                        item.text().strip() if item else ""
                    )
                if any(cells.values()):
                    rows.append(cells)
            return rows
        if isinstance(w, QPlainTextEdit):
            return w.toPlainText().strip()
        assert isinstance(w, QLineEdit)
        return w.text().strip()

    def changed(self) -> bool:
        return self.raw() != self.initial

    def show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.setVisible(bool(message))


class RfiEntryDialog(QDialog):
    """Every RFI question on one scrolling form; Ctrl+Enter saves."""

    def __init__(
        self,
        context: AppContext,
        employer_id: str,
        parent: QWidget | None = None,
        definition: RfiDefinition | None = None,
        preset: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.employer_id = employer_id
        self.definition = definition or forms.RFI.load()
        self.changes: list[rfi_service.AnswerChange] = []
        self.setWindowTitle("Enter RFI answers")
        self.setAccessibleName("Enter RFI answers")
        self.resize(760, 640)
        known = rfi_service.known_values(context.store, employer_id, self.definition)
        missing = rfi_service.missing(context.store, employer_id, self.definition)
        self.editors: dict[str, FieldEditor] = {}

        top = QHBoxLayout()
        self.source = QComboBox(self)
        for s in AnswerSource:
            self.source.addItem(s.label, s.value)
        self.source.setCurrentIndex(list(AnswerSource).index(AnswerSource.PHONE))
        self.source.setAccessibleName("How the answers came")
        self.received = QDateEdit(QDate.currentDate(), self)
        self.received.setCalendarPopup(True)
        self.received.setDisplayFormat(date_edit_format())
        self.received.setAccessibleName("Date received")
        top.addWidget(QLabel("Answers came by", self))
        top.addWidget(self.source)
        top.addWidget(QLabel("on", self))
        top.addWidget(self.received)
        top.addStretch(1)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setText(
            f"{len(missing)} answer{'s' if len(missing) != 1 else ''} still missing, marked with *."
            if missing
            else "Every required answer is known; change what the employer corrected."
        )
        self.problem = QLabel(self)
        self.problem.setStyleSheet(f"color: {ERROR_COLOR}; font-weight: 600;")
        self.problem.setWordWrap(True)
        self.problem.hide()

        body = QWidget(self)
        column = QVBoxLayout(body)
        missing_ids = {f.id for f in missing}
        for question in self.definition.questions:
            group = QGroupBox(f"Question {question.number}", body)
            group.setToolTip(question.help)
            form = QFormLayout(group)
            form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
            asked = QLabel(question.text, group)
            asked.setWordWrap(True)
            asked.setStyleSheet("font-weight: 600;")
            form.addRow(asked)
            for f in question.fields:
                editor = FieldEditor(f, group)
                editor.set_value(known.get(f.id))
                self.editors[f.id] = editor
                label = f.label if question.is_group else "Answer"
                if f.id in missing_ids:
                    label += " *"
                holder = QWidget(group)
                stack = QVBoxLayout(holder)
                stack.setContentsMargins(0, 0, 0, 0)
                stack.addWidget(editor.widget)
                stack.addWidget(editor.error)
                if f.type == "positions":
                    form.addRow(holder)
                else:
                    form.addRow(label, holder)
            column.addWidget(group)
        column.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(body)
        scroll.setAccessibleName("RFI questions")

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText("&Save answers")
        self.save_button.setAccessibleName("Save answers")
        self.save_button.setShortcut("Ctrl+Return")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setAccessibleName("Cancel")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.problem)
        layout.addWidget(scroll, 1)
        layout.addWidget(buttons)
        if preset:
            self.load(preset)

    def load(self, raw: dict[str, Any]) -> None:
        """Put answers read elsewhere (a PDF with mistakes) into the form, for correcting."""
        for answer_id, value in raw.items():
            editor = self.editors.get(answer_id)
            if editor is None or value in (None, "", []):
                continue
            initial = editor.initial
            f = editor.field
            if f.type == "positions" and isinstance(value, list):
                rows = [
                    {
                        "title": r.get("title") or "",
                        "openings": r.get("openings"),
                        "wage_cents": None,
                        "hours_per_week": r.get("hours_per_week"),
                        "shifts": r.get("shifts") or "",
                    }
                    for r in value
                    if any(r.values())
                ]
                editor.set_value(rows)
                table = editor.widget
                assert isinstance(table, QTableWidget)
                for n, r in enumerate(v for v in value if any(v.values())):
                    table.setItem(n, 2, QTableWidgetItem(str(r.get("wage") or "")))
            elif f.type in ("yesno",) or (f.type == "choice" and not f.multiple):
                widget = editor.widget
                assert isinstance(widget, QComboBox)
                text = str(value).lstrip("/")
                match = widget.findText(text, Qt.MatchFlag.MatchFixedString)
                widget.setCurrentIndex(match if match >= 0 else 0)
            elif f.type == "choice":
                editor.set_value(value)
            elif isinstance(editor.widget, QPlainTextEdit):
                editor.widget.setPlainText(str(value))
            elif isinstance(editor.widget, QLineEdit):
                editor.widget.setText(str(value))
            editor.initial = initial  # what came in counts as a change to save

    def values(self) -> dict[str, Any]:
        """Only the answers the BSR gave or changed."""
        return {k: e.raw() for k, e in self.editors.items() if e.changed()}

    def save(self) -> bool:
        for editor in self.editors.values():
            editor.show_error("")
        self.problem.hide()
        received = self.received.date().toPython()
        try:
            self.changes = rfi_service.record_answers(
                self.context.store,
                self.employer_id,
                self.values(),
                source=self.source.currentData(),
                entered_by=self.context.me_id,
                received_on=received,
                definition=self.definition,
            )
        except rfi_service.RfiAnswersError as exc:
            for problem in exc.problems:
                editor = self.editors.get(problem.answer_id)
                if editor is not None:
                    editor.show_error(problem.message)
            first = exc.problems[0]
            self.problem.setText(
                f"Nothing was saved: {len(exc.problems)} answer"
                f"{'s need' if len(exc.problems) != 1 else ' needs'} correcting "
                f"(first: question {first.number}, {first.label})."
            )
            self.problem.show()
            if first.answer_id in self.editors:
                self.editors[first.answer_id].widget.setFocus()
            return False
        self.context.signals.data_changed.emit("rfi_answer")
        self.context.signals.data_changed.emit("employer")
        self.context.signals.status_message.emit(
            f"RFI answers saved: {len(self.changes)} new or changed."
        )
        self.accept()
        return True
