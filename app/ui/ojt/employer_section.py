"""The OJT tab of an employer: its agreements, and a new one from one of its hires in one step."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.services.ojt import overview
from app.services.ojt.agreements import AgreementFilter
from app.ui.context import AppContext
from app.ui.ojt.dialogs import NewAgreementDialog
from app.ui.ojt.models import AgreementModel, ProgressDelegate, fit_columns
from app.ui.people.tables import selected_id, table_view


class EmployerOjtSection(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.employer_id: str | None = None
        self.dialog: NewAgreementDialog | None = None
        self.model = AgreementModel(self)
        self.view = table_view(self.model, "OJT agreements with this employer", self)
        self.view.setItemDelegateForColumn(AgreementModel.MONEY, ProgressDelegate(self.view))
        self.view.doubleClicked.connect(lambda _i: self.open_selected())
        fit_columns(self.view)
        self.view.setColumnHidden(0, True)  # the employer is the one on screen
        self.view.horizontalHeader().resizeSection(3, 80)
        self.summary = QLabel(self)
        self.new_button = QPushButton("New OJT agreement…", self)
        self.new_button.setToolTip("A draft agreement for one of this employer's hires")
        self.new_button.clicked.connect(self.new_agreement)
        self.open_button = QPushButton("Open in OJT && Packets", self)
        self.open_button.clicked.connect(self.open_selected)
        self.summary.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addLayout(buttons)
        layout.addWidget(self.view)
        context.signals.data_changed.connect(
            lambda table: self.set_employer(self.employer_id) if table.startswith("ojt") else None
        )

    def set_employer(self, employer_id: str | None) -> None:
        self.employer_id = employer_id
        rows = (
            overview.rows(self.context.store, AgreementFilter(employer_id=employer_id))
            if employer_id
            else []
        )
        self.model.set_rows(rows)
        if rows:
            self.view.selectRow(0)
        paid = sum(r.reimbursed_cents for r in rows)
        self.summary.setText(
            f"{len(rows)} agreement{'s' if len(rows) != 1 else ''}, "
            f"${paid / 100:,.2f} reimbursed so far"
            if rows
            else "No OJT agreement with this employer yet."
        )
        self.open_button.setEnabled(bool(rows))
        self.new_button.setEnabled(employer_id is not None)

    def new_agreement(self) -> str | None:
        self.dialog = NewAgreementDialog(self.context, self.employer_id, self)
        made = self.dialog.agreement_id if self.dialog.exec() else None
        self.dialog = None
        if made:
            self.set_employer(self.employer_id)
            self._open(made)
        return made

    def open_selected(self) -> None:
        agreement_id = selected_id(self.view)
        if agreement_id:
            self._open(agreement_id)

    def _open(self, agreement_id: str) -> None:
        window: Any = self.window()
        page = window.show_page("ojt") if hasattr(window, "show_page") else None
        if page is not None:
            page.open_agreement(agreement_id)
