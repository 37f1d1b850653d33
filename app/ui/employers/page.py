"""The Employers page: filters, the list, and the open employer's detail pane side by side."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QByteArray, QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.core.pipeline import STAGE_LABELS, stage_label
from app.services.agency import org
from app.services.employers import employers
from app.services.employers.employers import EmployerFilter, EmployerRow
from app.ui import registry
from app.ui.context import AppContext
from app.ui.employers.model import EmployerTableModel
from app.ui.employers.table import count_text, employer_table
from app.ui.models import ID_ROLE
from app.ui.people import fit_column
from app.ui.threads import Job
from app.ui.widgets import ChoiceField, NoticeBar, literal_label

SEARCH_DELAY_MS = 150
#: Tables whose changes can alter a line of the employer list.
LIST_TABLES = {
    "employer",
    "contact",
    "activity",
    "followup",
    "settings",
    "placement",
    "fit_override",
}


class EmployerDetail(QWidget):
    """The open employer: a header and one tab per registered section."""

    delete_requested = Signal()

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.employer_id: str | None = None
        self.title = QLabel("No employer open", self)
        self.title.setStyleSheet("font-size: 17px; font-weight: 600;")
        self.title.setWordWrap(True)
        self.title.setAccessibleName("Open employer")
        self.subtitle = QLabel("Choose an employer in the list, or press Ctrl+N to add one.", self)
        self.subtitle.setStyleSheet("color: #555;")
        self.subtitle.setWordWrap(True)
        self.fit = QLabel(self)
        self.fit.setWordWrap(True)
        self.fit.setAccessibleName("Fit")
        self.delete_button = QPushButton("Delete employer", self)
        self.delete_button.setAccessibleName("Delete employer")
        self.delete_button.setToolTip("Delete this employer (you can undo with Ctrl+Z)")
        self.delete_button.clicked.connect(self.delete_requested)
        self.delete_button.setEnabled(False)
        header = QHBoxLayout()
        titles = QVBoxLayout()
        titles.addWidget(self.title)
        titles.addWidget(self.subtitle)
        titles.addWidget(self.fit)
        header.addLayout(titles, 1)
        header.addWidget(self.delete_button, 0, Qt.AlignmentFlag.AlignTop)
        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName("Employer details")
        #: Built sections by key. A tab's section is built the first time it is shown, so
        #: opening the page never waits for areas (and their imports) nobody looked at yet.
        self.sections: dict[str, QWidget] = {}
        self.specs = [spec for spec in registry.EMPLOYER_SECTIONS if spec.factory]
        self._slots: list[QWidget] = []
        for spec in self.specs:
            slot = QWidget(self.tabs)
            slot_layout = QVBoxLayout(slot)
            slot_layout.setContentsMargins(0, 0, 0, 0)
            self._slots.append(slot)
            self.tabs.addTab(slot, literal_label(spec.title))
        self.tabs.currentChanged.connect(self._tab_shown)
        if self.specs:
            self.section(self.specs[0].key)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 0, 0, 0)
        layout.addLayout(header)
        layout.addWidget(self.tabs, 1)

    def section(self, key: str) -> QWidget:
        """The section for `key`, built (and shown the open employer) on first use."""
        if key in self.sections:
            return self.sections[key]
        index = next(n for n, spec in enumerate(self.specs) if spec.key == key)
        factory = self.specs[index].factory
        assert factory is not None
        section = registry.load(factory)(self.context, self._slots[index])
        self._slots[index].layout().addWidget(section)
        self.sections[key] = section
        section.set_employer(self.employer_id)  # type: ignore[attr-defined]
        return section

    def _tab_shown(self, index: int) -> None:
        if 0 <= index < len(self.specs):
            self.section(self.specs[index].key)

    def set_employer(self, employer_id: str | None) -> None:
        self.employer_id = employer_id
        for section in self.sections.values():
            section.set_employer(employer_id)  # type: ignore[attr-defined]
        self.refresh_header()

    def refresh(self) -> None:
        for section in self.sections.values():
            section.refresh()  # type: ignore[attr-defined]
        self.refresh_header()

    def refresh_header(self) -> None:
        employer = (
            employers.get_employer(self.context.store, self.employer_id)
            if self.employer_id
            else None
        )
        if employer is None or employer.is_deleted:
            self.title.setText("No employer open")
            self.subtitle.setText("Choose an employer in the list, or press Ctrl+N to add one.")
            self.fit.setText("")
            self.delete_button.setEnabled(False)
            return
        dba = employer.dba_name
        show_dba = dba and dba.casefold() not in employer.legal_name.casefold()
        self.title.setText(
            f"{employer.legal_name} (dba {dba})" if show_dba else employer.legal_name
        )
        parts = [stage_label(employer.stage), employer.address_line, employer.main_phone]
        self.subtitle.setText("  ·  ".join(p for p in parts if p))
        self.fit.setText(fit_column.header_html(fit_column.of(employer.id)))
        self.delete_button.setEnabled(True)

    def focus_first(self) -> None:
        current = self.tabs.currentWidget()
        if current is not None:
            current.setFocus()
            current.focusNextChild()


class EmployersPage(QWidget):
    """Search, filter, sort, open, create, delete and undo. Every edit is saved as it is made."""

    employer_opened = Signal(str)
    reloaded = Signal(int)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.search_text = ""
        self._deleted: list[tuple[str, str]] = []
        self.notice = NoticeBar(self)
        self._build_filters()
        self.model = EmployerTableModel(self)
        self.table = employer_table(self.model, self)
        self.table.activated.connect(self._activated)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.detail = EmployerDetail(context, self)
        self.detail.delete_requested.connect(self.delete_current)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("employerSplitter")
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([680, 500])
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 4)
        layout.addWidget(self.notice)
        layout.addLayout(self.filter_row)
        layout.addWidget(self.splitter, 1)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.reload)
        self._change_timer = QTimer(self)
        self._change_timer.setSingleShot(True)
        self._change_timer.setInterval(0)
        self._change_timer.timeout.connect(self._apply_changes)
        self._changed_tables: set[str] = set()
        context.signals.data_changed.connect(self._data_changed)
        undo = QShortcut(QKeySequence.StandardKey.Undo, self)
        undo.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        undo.activated.connect(self.undo_delete)
        delete = QShortcut(QKeySequence.StandardKey.Delete, self.table)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(self.delete_current)
        self._load_filter_choices()
        #: The first fill of the whole list runs off the interface thread: the page (and the
        #: window around it) paints at once and the rows arrive when read.
        self._first_load: Job | None = None
        self._first_load_pending = False
        self._load_in_background()

    def _load_in_background(self) -> None:
        store = self.context.store
        self.count_label.setText("Loading employers…")

        def work(_progress: Any, _cancel: Any) -> list[EmployerRow]:
            return employers.list_rows(store, EmployerFilter())

        job = Job(work, name="employer-list")
        job.finished.connect(self._first_rows)
        job.failed.connect(self._first_load_failed)
        self._first_load = job
        self._first_load_pending = True
        job.start()

    def show_start_rows(self, rows: list[EmployerRow]) -> None:
        """Rows read before the store was open (`app.ui.employers.start_list`): shown at once,
        until the page's own first read, under way, replaces them with the same rows."""
        if self._first_load_pending:
            self.model.set_rows(rows)
            self.count_label.setText(count_text(len(rows), filtered=False))

    def _first_rows(self, rows: list[EmployerRow]) -> None:
        if not self._first_load_pending:
            return  # the list was read again meanwhile (a search, a filter): that one stands
        self._first_load_pending = False
        fit_column.update(self.context.store)
        self._show_rows(rows, self.current_filter(), None)

    def _first_load_failed(self, _exc: BaseException) -> None:
        if self._first_load_pending:
            self.reload()  # on this thread, so the error reaches the user as any other

    def is_loaded(self) -> bool:
        """False while the first read of the list is still under way."""
        return not self._first_load_pending

    def _loads_running(self) -> bool:
        return self._first_load is not None and self._first_load.is_running()

    # Filters ------------------------------------------------------------------------
    def _build_filters(self) -> None:
        self.stage_filter = ChoiceField("Filter by stage", self)
        self.office_filter = ChoiceField("Filter by job center", self)
        self.owner_filter = ChoiceField("Filter by owner", self)
        self.industry_filter = ChoiceField("Filter by industry", self)
        for combo in self.filter_combos():
            combo.choice_made.connect(lambda _v: self.reload())
            combo.setMinimumContentsLength(12)
            combo.setSizeAdjustPolicy(
                ChoiceField.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
        self.clear_button = QPushButton("Clear filters", self)
        self.clear_button.setAccessibleName("Clear filters")
        self.clear_button.clicked.connect(self.clear_filters)
        self.count_label = QLabel(self)
        self.count_label.setAccessibleName("Number of employers shown")
        self.new_button = QPushButton("New employer…", self)
        self.new_button.setAccessibleName("New employer")
        self.new_button.setToolTip("Ctrl+N")
        self.new_button.clicked.connect(self.new_employer)
        row = QHBoxLayout()
        for combo in self.filter_combos():
            row.addWidget(combo)
        row.addWidget(self.clear_button)
        row.addSpacing(12)
        row.addWidget(self.count_label)
        row.addStretch(1)
        row.addWidget(self.new_button)
        self.filter_row = row

    def filter_combos(self) -> list[ChoiceField]:
        return [self.stage_filter, self.office_filter, self.owner_filter, self.industry_filter]

    def _load_filter_choices(self) -> None:
        store = self.context.store
        me = self.context.me_id
        self.stage_filter.set_choices(
            [("All stages", "")] + [(label, stage.value) for stage, label in STAGE_LABELS.items()]
        )
        self.office_filter.set_choices(
            [("All job centers", "")] + [(o.name, o.id) for o in org.offices(store)]
        )
        people = sorted(org.staff(store), key=lambda s: (s.id != me, s.name))
        self.owner_filter.set_choices(
            [("Anyone's", "")]
            + [(f"{s.name} (me)" if s.id == me else s.name, s.id) for s in people]
        )
        self.industry_filter.set_choices(
            [("All industries", "")] + [(i, i) for i in employers.industries(store)]
        )

    def current_filter(self) -> EmployerFilter:
        return EmployerFilter(
            text=self.search_text,
            stage=self.stage_filter.currentData() or "",
            office_id=self.office_filter.currentData() or "",
            owner_id=self.owner_filter.currentData() or "",
            industry=self.industry_filter.currentData() or "",
        )

    def set_filter(self, **values: str) -> None:
        """Choose filter values by field name (stage, office_id, owner_id, industry) and reload."""
        combos = {
            "stage": self.stage_filter,
            "office_id": self.office_filter,
            "owner_id": self.owner_filter,
            "industry": self.industry_filter,
        }
        for name, value in values.items():
            combos[name].select(value)
        self.reload()

    def clear_filters(self) -> None:
        for combo in self.filter_combos():
            combo.setCurrentIndex(0)
        self.reload()

    # Search and list ----------------------------------------------------------------
    def search(self, text: str, immediate: bool = False) -> None:
        """Search as you type: the list follows after a short pause (or at once)."""
        self.search_text = text
        self._first_load_pending = False  # the search's own read replaces the whole list
        if immediate:
            self._search_timer.stop()
            self.reload()
        else:
            self._search_timer.start()

    def reload(self) -> None:
        """Re-read the list for the current search and filters, keeping the open employer selected."""
        self._search_timer.stop()
        self._first_load_pending = False
        flt = self.current_filter()
        limit = employers.SEARCH_LIMIT if flt.text.strip() else None
        rows = employers.list_rows(self.context.store, flt, limit=limit)
        fit_column.update(self.context.store)
        self._show_rows(rows, flt, limit)

    def _show_rows(self, rows: list[EmployerRow], flt: EmployerFilter, limit: int | None) -> None:
        keep = self.selected_id() or self.detail.employer_id
        self.model.set_rows(rows)
        filtered = bool(
            flt.text.strip() or flt.stage or flt.office_id or flt.owner_id or flt.industry
        )
        self.count_label.setText(count_text(len(rows), filtered, limit))
        if keep:
            self._select(keep)
        self.reloaded.emit(len(rows))

    def refresh(self) -> None:
        self._load_filter_choices()
        self.reload()
        self.detail.refresh()

    def selected_id(self) -> str | None:
        index = self.table.currentIndex()
        return self.model.id_at(index.row()) if index.isValid() else None

    def _select(self, employer_id: str) -> bool:
        row = self.model.row_of(employer_id)
        if row < 0:
            return False
        index = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index)
        return True

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            return
        employer_id = current.data(ID_ROLE)
        if employer_id and employer_id != self.detail.employer_id:
            self._show(employer_id)

    def _show(self, employer_id: str | None) -> None:
        self.detail.set_employer(employer_id)
        if employer_id:
            self.employer_opened.emit(employer_id)

    def open_employer(self, employer_id: str) -> None:
        """Show an employer in the detail pane (and select it in the list when it is listed)."""
        if not self._select(employer_id) or self.detail.employer_id != employer_id:
            self._show(employer_id)

    def _activated(self, index: QModelIndex) -> None:
        """Enter or double-click: open the employer and move into its details."""
        employer_id = index.data(ID_ROLE)
        if employer_id != self.detail.employer_id:
            self._show(employer_id)
        self.detail.focus_first()

    def focus_results(self) -> None:
        self.table.setFocus()
        if not self.table.currentIndex().isValid() and self.model.rowCount() > 0:
            self._select(self.model.id_at(0))

    def _data_changed(self, table: str) -> None:
        if table in LIST_TABLES:
            self._changed_tables.add(table)
            self._change_timer.start()

    def _apply_changes(self) -> None:
        tables, self._changed_tables = self._changed_tables, set()
        fit_column.update(self.context.store)  # the header's fit line reads it
        if "employer" in tables or "settings" in tables:
            self._load_filter_choices()
            self.detail.refresh()
        else:
            self.detail.refresh_header()
        self.reload()

    # Create, delete, undo -----------------------------------------------------------
    def new_employer(self) -> str | None:
        from app.ui.employers.new_employer import NewEmployerDialog

        created = NewEmployerDialog.ask(self.context, self)
        if created:
            self._apply_changes()
            self.open_employer(created)
        return created

    def delete_current(self) -> None:
        employer_id = self.detail.employer_id
        if employer_id is None:
            return
        employer = employers.get_employer(self.context.store, employer_id)
        name = employer.legal_name if employer else "Employer"
        row = self.model.row_of(employer_id)
        employers.delete_employer(self.context.store, employer_id)
        self._deleted.append((employer_id, name))
        neighbour = None
        if row >= 0 and self.model.rowCount() > 1:
            neighbour = self.model.id_at(row + 1 if row + 1 < self.model.rowCount() else row - 1)
        self.detail.set_employer(None)
        self.table.selectionModel().clearCurrentIndex()
        self.context.signals.data_changed.emit("employer")
        self.reload()
        if neighbour:
            self._select(neighbour)
        self.notice.show_notice(f"Employer deleted: {name}", "Undo (Ctrl+Z)", self.undo_delete)
        self.table.setFocus()

    def undo_delete(self) -> bool:
        """Bring back the employer deleted last; False when there is nothing to undo."""
        if not self._deleted:
            return False
        employer_id, name = self._deleted.pop()
        employers.restore_employer(self.context.store, employer_id)
        self.notice.dismiss()
        self.context.signals.data_changed.emit("employer")
        self.reload()
        self.open_employer(employer_id)
        self.context.signals.status_message.emit(f"Restored {name}.")
        return True

    # Layout memory ------------------------------------------------------------------
    def save_state(self) -> dict[str, Any]:
        return {
            "splitter": self.splitter.sizes(),
            "header": bytes(self.table.horizontalHeader().saveState().toBase64().data()).decode(),
        }

    def restore_state(self, state: dict[str, Any]) -> None:
        if state.get("splitter"):
            self.splitter.setSizes([int(x) for x in state["splitter"]])
        if state.get("header"):
            self.table.horizontalHeader().restoreState(
                QByteArray.fromBase64(state["header"].encode())
            )
