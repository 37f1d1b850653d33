"""Merge duplicates: the same employer typed on two computers, side by side, folded into one."""

from __future__ import annotations

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.core.models import Employer
from app.core.pipeline import stage_label
from app.core.validation import FieldError
from app.services.employers import employers, merge
from app.ui.context import AppContext
from app.ui.models import short_date
from app.ui.sync.models import ComparedField, ComparisonModel, PairModel
from app.ui.sync.worker import SyncController
from app.ui.widgets import ErrorLabel, literal_label

#: (label, attribute) compared side by side.
FIELDS = (
    ("Legal name", "legal_name"),
    ("Doing business as", "dba_name"),
    ("Industry", "industry"),
    ("Main phone", "main_phone"),
    ("Street", "street"),
    ("City", "city"),
    ("ZIP", "zip_code"),
    ("Website", "website"),
    ("Stage", "stage"),
    ("Notes", "notes"),
)


def compare(first: Employer, second: Employer, counts: dict[str, tuple[int, int]]) -> list:
    """The rows of the side-by-side view, with how much hangs on each record."""

    def text(record: Employer, attr: str) -> str:
        value = getattr(record, attr) or ""
        return stage_label(value) if attr == "stage" and value else str(value)

    rows = [ComparedField(label, text(first, attr), text(second, attr)) for label, attr in FIELDS]
    rows.append(ComparedField("Added", short_date(first.created_at), short_date(second.created_at)))
    for n, label in enumerate(("Contacts", "Activities")):
        rows.append(ComparedField(label, str(counts[first.id][n]), str(counts[second.id][n])))
    return rows


def ask_confirm(parent: QWidget, text: str) -> bool:
    """A plain yes/no before merging (replaced in tests)."""
    answer = QMessageBox.question(parent, "Merge employers", text)
    return answer == QMessageBox.StandardButton.Yes


class MergePanel(QWidget):
    """Candidate pairs on the left, the chosen pair side by side on the right."""

    def __init__(
        self, context: AppContext, controller: SyncController, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.controller = controller
        self.pair: merge.DuplicatePair | None = None
        self._records: dict[str, Employer] = {}
        intro = QLabel(
            "Employers added on two computers before they synced arrive twice. Pick a pair, "
            "choose the record to keep, and <b>Merge</b>: contacts and activities move to it, "
            "its empty fields are filled from the other, and the merge reaches every computer.",
            self,
        )
        intro.setWordWrap(True)
        self.pairs = PairModel(self)
        self.pairs_view = self._view(self.pairs, "Possible duplicate employers")
        self.pairs_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.pairs_view.selectionModel().selectionChanged.connect(lambda *_: self._pair_chosen())
        header = self.pairs_view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        self.comparison = ComparisonModel(self)
        self.comparison_view = self._view(self.comparison, "The two employers side by side")
        self.comparison_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.comparison_view.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.ResizeToContents
        )
        self.keep_first = QRadioButton(self)
        self.keep_second = QRadioButton(self)
        self.keep_group = QButtonGroup(self)
        self.keep_group.addButton(self.keep_first)
        self.keep_group.addButton(self.keep_second)
        self.merge_button = QPushButton("&Merge", self)
        self.merge_button.setAccessibleName("Merge the two employers into the one kept")
        self.merge_button.clicked.connect(lambda _=False: self.merge_selected())
        self.refresh_button = QPushButton("Look &again", self)
        self.refresh_button.setAccessibleName("Look for duplicate employers again")
        self.refresh_button.clicked.connect(self.refresh)
        self.count_text = QLabel(self)
        self.count_text.setAccessibleName("Possible duplicates found")
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setAccessibleName("Merge result")
        self.message.hide()
        self.error = ErrorLabel(self)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        top.addWidget(self.count_text, 1)
        top.addWidget(self.refresh_button)
        left_layout.addLayout(top)
        left_layout.addWidget(self.pairs_view, 1)
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.comparison_view, 1)
        keep_label = QLabel("Keep:", right)
        keep = QHBoxLayout()
        keep.addWidget(keep_label)
        keep.addWidget(self.keep_first)
        keep.addWidget(self.keep_second)
        keep.addStretch(1)
        keep.addWidget(self.merge_button)
        right_layout.addLayout(keep)
        right_layout.addWidget(self.error)
        split = QSplitter(self)
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        split.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(intro)
        layout.addWidget(self.message)
        layout.addWidget(split, 1)
        # Looking for pairs reads every employer: only while the tab is in view.
        self._stale = True
        controller.sync_done.connect(lambda _o: self.mark_stale())
        context.signals.data_changed.connect(
            lambda table: self.mark_stale() if table == "employer" else None
        )

    def mark_stale(self) -> None:
        self._stale = True
        if self.isVisible():
            self.refresh()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt name
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def _view(self, model, name: str) -> QTableView:  # noqa: ANN001
        view = QTableView(self)
        view.setModel(model)
        view.setAccessibleName(name)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setAlternatingRowColors(True)
        view.verticalHeader().hide()
        view.setWordWrap(False)
        return view

    def refresh(self) -> None:
        """Look for duplicate pairs again (the 200 most alike)."""
        self._stale = False
        chosen = self.pair
        found = merge.find_duplicate_employers(self.context.store, limit=200)
        self.pairs.set_rows(found)
        n = len(found)
        self.count_text.setText(
            "No possible duplicates."
            if n == 0
            else f"{n} possible duplicate pair" + ("s" if n != 1 else "")
        )
        row = self.pairs.row_of(f"{chosen.first_id}|{chosen.second_id}") if chosen else -1
        if row < 0 and n:
            row = 0
        if row >= 0:
            self.pairs_view.selectRow(row)
        self._pair_chosen()

    def select_pair(self, first_id: str, second_id: str) -> bool:
        if self._stale:
            self.refresh()
        row = self.pairs.row_of(f"{first_id}|{second_id}")
        if row < 0:
            row = self.pairs.row_of(f"{second_id}|{first_id}")
        if row >= 0:
            self.pairs_view.selectRow(row)
        return row >= 0

    def _pair_chosen(self) -> None:
        rows = self.pairs_view.selectionModel().selectedRows()
        self.pair = self.pairs.row_at(rows[0].row()) if rows else None
        self.error.show_message("")
        enabled = self.pair is not None
        for widget in (self.keep_first, self.keep_second, self.merge_button):
            widget.setEnabled(enabled)
        if self.pair is None:
            self.comparison.set_rows([])
            self.comparison.set_titles("First", "Second")
            self.keep_first.setText("")
            self.keep_second.setText("")
            return
        store = self.context.store
        first = employers.get_employer(store, self.pair.first_id)
        second = employers.get_employer(store, self.pair.second_id)
        if first is None or second is None:
            self.comparison.set_rows([])
            return
        self._records = {first.id: first, second.id: second}
        counts = {
            e.id: (len(employers.contacts(store, e.id)), len(employers.activities(store, e.id)))
            for e in (first, second)
        }
        self.comparison.set_titles(first.legal_name, second.legal_name)
        self.comparison.set_rows(compare(first, second, counts))
        self.keep_first.setText(literal_label(f"“{first.legal_name}” (left)"))
        self.keep_first.setAccessibleName(f"Keep {first.legal_name}, the left one")
        self.keep_second.setText(literal_label(f"“{second.legal_name}” (right)"))
        self.keep_second.setAccessibleName(f"Keep {second.legal_name}, the right one")
        # Keep the record more hangs on; on a tie the older one.
        weight = {k: sum(v) for k, v in counts.items()}
        second_wins = weight[second.id] > weight[first.id] or (
            weight[second.id] == weight[first.id] and second.created_at < first.created_at
        )
        (self.keep_second if second_wins else self.keep_first).setChecked(True)

    def survivor_and_duplicate(self) -> tuple[str, str] | None:
        if self.pair is None:
            return None
        if self.keep_second.isChecked():
            return self.pair.second_id, self.pair.first_id
        return self.pair.first_id, self.pair.second_id

    def merge_selected(self, confirm: bool = True) -> merge.MergeResult | None:
        chosen = self.survivor_and_duplicate()
        if chosen is None:
            return None
        survivor_id, duplicate_id = chosen
        keep = self._records[survivor_id].legal_name
        drop = self._records[duplicate_id].legal_name
        if confirm and not ask_confirm(
            self,
            f"Keep “{keep}” and fold “{drop}” into it? Its contacts and activities move to "
            f"“{keep}”; every computer of the team gets the merge at its next sync.",
        ):
            return None
        try:
            result = merge.merge_employers(self.context.store, survivor_id, duplicate_id)
        except FieldError as exc:
            self.pair = None
            self.refresh()
            self.error.show_message(exc.message)
            return None
        moved = sum(result.moved.values())
        self.message.show()
        self.message.setText(
            f"Merged “{drop}” into “{keep}”: {moved} linked record{'s' if moved != 1 else ''} "
            "moved. It reaches the other computers with the next sync."
        )
        self.pair = None
        self.refresh()
        self.context.signals.data_changed.emit("employer")
        self.controller.sync_now()
        return result


__all__ = ["FIELDS", "MergePanel", "ask_confirm", "compare"]
