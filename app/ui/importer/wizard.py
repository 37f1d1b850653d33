"""File > Import spreadsheet…: choose a file, check the columns, see the rows as stored, read the
report, then import in a worker thread with progress and Cancel. Nothing is written before the
last page, and the import is one transaction (Cancel leaves the store as it was)."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QStyledItemDelegate,
    QTableView,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from app.services.importing import (
    TARGETS,
    ImportCancelled,
    ImportFileError,
    ImportPlan,
    ImportRefused,
    apply_plan,
    initial_mapping,
    load_table,
    plan_import,
)
from app.services.importing.mapping import Table, validate_mapping
from app.services.importing.restore import (
    RestorePlan,
    apply_restore,
    is_export_file,
    plan_restore,
)
from app.ui.importer.models import MappingModel, RowsModel
from app.ui.threads import Job

log = logging.getLogger(__name__)

if TYPE_CHECKING:
    from app.ui.context import AppContext

FILE_FILTER = (
    "Spreadsheets (*.xlsx *.xls *.ods *.csv);;Employer Desk export (*.json);;All files (*)"
)


def _table_view(name: str, model: Any) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setAccessibleName(name)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setAlternatingRowColors(True)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    view.horizontalHeader().setStretchLastSection(True)
    return view


def _message(label: QLabel, text: str) -> None:
    label.setText(text)
    label.setVisible(bool(text))


class FilePage(QWizardPage):
    """Step 1: the file."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.setTitle("Choose the spreadsheet")
        self.setSubTitle(
            "Excel (.xlsx, .xls), OpenDocument (.ods) or CSV. Nothing is changed until the last step."
        )
        self.path_edit = QLineEdit()
        self.path_edit.setAccessibleName("Spreadsheet file")
        self.path_edit.setPlaceholderText("Path to the file")
        browse = QPushButton("&Browse…")
        browse.setAccessibleName("Browse for the spreadsheet")
        browse.clicked.connect(self.browse)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #a00;")
        self.error.setAccessibleName("Problem with the file")
        self.error.hide()
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(browse)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.error)
        layout.addStretch(1)
        self.path_edit.textChanged.connect(self.completeChanged)

    def browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Import spreadsheet", "", FILE_FILTER)
        if path:
            self.path_edit.setText(path)

    def isComplete(self) -> bool:
        return bool(self.path_edit.text().strip())

    def validatePage(self) -> bool:
        path = Path(self.path_edit.text().strip())
        self._wizard.restore = None
        try:
            if is_export_file(path):  # an Employer Desk export: restored record by record
                self._wizard.restore = plan_restore(self._wizard.context.store, path)
            else:
                self._wizard.table = load_table(path)
        except ImportFileError as exc:
            _message(self.error, exc.message)
            return False
        _message(self.error, "")
        return True

    def nextId(self) -> int:
        if self._wizard.restore is not None:
            return self._wizard.report_id
        return super().nextId()


class TargetDelegate(QStyledItemDelegate):
    """A drop-down of fields for the "Imported as" column."""

    def createEditor(self, parent: QWidget, option: Any, index: Any) -> QWidget:
        combo = QComboBox(parent)
        combo.setAccessibleName("Field for this column")
        for key, label in TARGETS.items():
            combo.addItem(label, key)
        return combo

    def setEditorData(self, editor: QWidget, index: Any) -> None:
        assert isinstance(editor, QComboBox)
        editor.setCurrentIndex(max(0, editor.findData(index.data(Qt.ItemDataRole.EditRole))))

    def setModelData(self, editor: QWidget, model: Any, index: Any) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class MappingPage(QWizardPage):
    """Step 2: which column is which field (guessed, or remembered from last time)."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.setTitle("Check the columns")
        self.model: MappingModel | None = None
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.view = _table_view("Column mapping", None)
        self.view.setItemDelegateForColumn(MappingModel.TARGET, TargetDelegate(self.view))
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.AllEditTriggers
            & ~QAbstractItemView.EditTrigger.CurrentChanged
        )
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #a00;")
        self.error.setAccessibleName("Problem with the columns")
        self.error.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.error)

    def initializePage(self) -> None:
        table = self._wizard.table
        assert table is not None
        mapping, saved = initial_mapping(self._wizard.context.store, table.headers)
        samples = []
        for i in range(len(table.headers)):
            values = [r[i] for r in table.rows[:50] if i < len(r) and r[i]]
            samples.append(", ".join(dict.fromkeys(values[:3])))
        self.model = MappingModel(table.headers, samples, mapping)
        self.model.dataChanged.connect(lambda *_: self.completeChanged.emit())
        self.view.setModel(self.model)
        self.view.resizeColumnsToContents()
        self.view.setColumnWidth(MappingModel.TARGET, 300)
        where = f" (sheet {table.sheet})" if table.sheet else ""
        how = (
            "These columns were imported before; the same choices are used."
            if saved
            else "Each column's field was guessed from its name; change any that are wrong."
        )
        notes = " ".join(table.notes)
        self.note.setText(f"{len(table.rows)} rows{where}. {how} {notes}".strip())
        self.setSubTitle("Double-click or press F2 on “Imported as” to change a field.")

    def set_target(self, row: int, target: str) -> None:
        assert self.model is not None
        self.model.setData(self.model.index(row, MappingModel.TARGET), target)

    def isComplete(self) -> bool:
        table = self._wizard.table
        if self.model is None or table is None:
            return False
        problems = validate_mapping(table.headers, self.model.mapping)
        _message(self.error, " ".join(problems))
        return not problems

    def validatePage(self) -> bool:
        assert self.model is not None
        self._wizard.mapping = self.model.mapping
        return True


class _PlanningPage(QWizardPage):
    """A page that (re)makes the plan in a worker thread when shown."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.progress = QProgressBar()
        self.progress.setAccessibleName("Progress")
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setAccessibleName("Status")


class PreviewPage(_PlanningPage):
    """Step 3: the first employers exactly as they will be stored."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self.setTitle("Preview")
        self.setSubTitle(
            "The first employers as they will be stored. Nothing has been written yet."
        )
        self.model = RowsModel([])
        self.view = _table_view("Preview of the first employers", self.model)
        layout = QVBoxLayout(self)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.view, 1)

    def initializePage(self) -> None:
        self._wizard.plan = None
        self.completeChanged.emit()
        self.status.setText("Reading the rows and looking for employers you already have…")
        self._wizard.make_plan(self)

    def show_plan(self, plan: ImportPlan) -> None:
        columns = list(plan.preview[0]) if plan.preview else ["Action"]
        self.model = RowsModel(columns, [list(r.values()) for r in plan.preview])
        self.view.setModel(self.model)
        self.view.resizeColumnsToContents()
        self.status.setText(plan.summary() + ".")
        self.completeChanged.emit()

    def show_error(self, message: str) -> None:
        self.status.setText(message)

    def isComplete(self) -> bool:
        return self._wizard.plan is not None


class ReportPage(QWizardPage):
    """Step 4: created, updated, possible duplicates (tick to merge), rejected rows."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.setTitle("Report")
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName("Summary")
        self.duplicates = RowsModel(["Merge?", "Employer", "Looks like", "Why"], checkable=True)
        self.dup_view = _table_view("Possible duplicates", self.duplicates)
        self.rejected = RowsModel(["Row", "Column", "Reason"])
        self.rej_view = _table_view("Rejected rows", self.rejected)
        self.accept_box = QCheckBox("&Import the other rows and leave the rejected ones out")
        self.accept_box.setAccessibleName("Accept the rejected rows")
        self.accept_box.toggled.connect(self.completeChanged)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(
            QLabel("Possible duplicates (tick the ones that are one business to merge them):")
        )
        layout.addWidget(self.dup_view, 2)
        self.rej_label = QLabel("Rejected rows (row number in the sheet, column, reason):")
        layout.addWidget(self.rej_label)
        layout.addWidget(self.rej_view, 1)
        layout.addWidget(self.accept_box)

    def initializePage(self) -> None:
        restore = self._wizard.restore
        if restore is not None:
            self.summary.setText(
                f"Employer Desk export {restore.source}: {restore.summary()}."
                + "".join(f"\n{n}" for n in restore.notes)
            )
            self.duplicates.set_rows([])
            self.rejected.set_rows(
                [[r.row, f"{r.column}: {r.field}", r.reason] for r in restore.rejected]
            )
            for widget in (self.rej_view, self.rej_label, self.accept_box):
                widget.setVisible(bool(restore.rejected))
            self.accept_box.setChecked(False)
            return
        plan = self._wizard.plan
        assert plan is not None
        text = f"{plan.summary()}."
        if plan.notes:
            text += "\n" + "\n".join(plan.notes)
        self.summary.setText(text)
        self.duplicates.set_rows(
            [["", d.a_label, d.b_label, "; ".join(d.evidence)] for d in plan.duplicates]
        )
        self.dup_view.resizeColumnsToContents()
        self.dup_view.resizeRowsToContents()
        self.rejected.set_rows([[r.row, r.column, r.reason] for r in plan.rejected])
        self.rej_view.setVisible(bool(plan.rejected))
        self.rej_label.setVisible(bool(plan.rejected))
        self.accept_box.setVisible(bool(plan.rejected))
        self.accept_box.setChecked(False)

    def chosen_merges(self) -> list[tuple[str, str]]:
        plan = self._wizard.plan
        if plan is None or self._wizard.restore is not None:
            return []
        return [plan.duplicates[i].pair for i in self.duplicates.checked_rows()]

    def isComplete(self) -> bool:
        plan = self._wizard.restore or self._wizard.plan
        return plan is not None and (not plan.rejected or self.accept_box.isChecked())

    def validatePage(self) -> bool:
        self._wizard.merges = self.chosen_merges()
        self._wizard.accept_partial = self.accept_box.isChecked()
        return True


class RunPage(_PlanningPage):
    """Step 5: the import itself, in one transaction, with progress and Cancel."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self.setTitle("Importing")
        self.cancel_button = QPushButton("&Cancel import")
        self.cancel_button.setAccessibleName("Cancel the import")
        self.cancel_button.clicked.connect(wizard.cancel_job)
        layout = QVBoxLayout(self)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.cancel_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)
        self.done = False

    def initializePage(self) -> None:
        self.done = False
        self.status.setText("Importing…")
        self._wizard.run_import(self)

    def isComplete(self) -> bool:
        return self.done


class ImportWizard(QWizard):
    """The import, step by step; every slow step runs in a worker thread."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.table: Table | None = None
        self.mapping: tuple[str, ...] = ()
        self.plan: ImportPlan | None = None
        self.restore: RestorePlan | None = None
        self.merges: list[tuple[str, str]] = []
        self.accept_partial = False
        self.result_text = ""
        self.job: Job | None = None
        self.setWindowTitle("Import spreadsheet")
        self.setAccessibleName("Import spreadsheet")
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.resize(960, 620)
        self.file_page = FilePage(self)
        self.mapping_page = MappingPage(self)
        self.preview_page = PreviewPage(self)
        self.report_page = ReportPage(self)
        self.run_page = RunPage(self)
        ids = [
            self.addPage(page)
            for page in (
                self.file_page,
                self.mapping_page,
                self.preview_page,
                self.report_page,
                self.run_page,
            )
        ]
        self.report_id = ids[3]
        self.report_page.setButtonText(QWizard.WizardButton.CommitButton, "&Import")
        self.report_page.setCommitPage(True)

    # Worker jobs ---------------------------------------------------------------

    def _start(self, job: Job, page: _PlanningPage) -> None:
        if self.job is not None:
            self.job.cancel()  # a plan made again (Back, Next) replaces the one in progress
        self.job = job
        page.progress.setRange(0, 0)
        job.progress.connect(
            lambda counts: (
                page.progress.setRange(0, max(counts[1], 1)),
                page.progress.setValue(counts[0]),
            )
        )
        job.start()

    def make_plan(self, page: PreviewPage) -> None:
        assert self.table is not None
        table, mapping, store = self.table, self.mapping, self.context.store
        job = Job(
            lambda progress, cancel: plan_import(
                store, table, mapping, progress=progress, cancel=cancel
            )
        )

        def done(plan: ImportPlan) -> None:
            if self.job is not job:
                return  # replaced by a newer plan
            plan.source = Path(self.file_page.path_edit.text()).name
            self.plan = plan
            page.show_plan(plan)

        def failed(exc: BaseException) -> None:
            if self.job is job:
                page.show_error(_explain(exc))

        job.finished.connect(done)
        job.failed.connect(failed)
        self._start(job, page)

    def run_import(self, page: RunPage) -> None:
        if self.restore is not None:
            self._run_restore(page)
            return
        assert self.plan is not None
        store, plan, merges, partial = (
            self.context.store,
            self.plan,
            self.merges,
            self.accept_partial,
        )
        table, mapping = self.table, self.mapping

        def work(progress: Any, cancel: Any) -> Any:
            final = plan
            if merges:
                final = plan_import(store, table, mapping, merges=merges, cancel=cancel)  # type: ignore[arg-type]
                final.source = plan.source
            return apply_plan(
                store, final, accept_partial=partial, progress=progress, cancel=cancel
            )

        job = Job(work)

        def done(result: Any) -> None:
            self.result_text = (
                f"Imported: {result.created} new employers, {result.updated} updated, "
                f"{result.contacts_added} contacts added"
                + (f", {result.merged} duplicates merged" if result.merged else "")
                + "."
            )
            self._finish(page, self.result_text)
            self.context.signals.data_changed.emit("employer")
            self.context.signals.status_message.emit(self.result_text)

        job.finished.connect(done)
        job.failed.connect(lambda exc: self._finish(page, _explain(exc)))
        self._start(job, page)

    def _run_restore(self, page: RunPage) -> None:
        store, restore, partial = self.context.store, self.restore, self.accept_partial
        assert restore is not None
        job = Job(
            lambda progress, cancel: apply_restore(
                store, restore, accept_partial=partial, progress=progress, cancel=cancel
            )
        )

        def done(result: Any) -> None:
            self.result_text = f"Imported: {result.summary()}."
            self._finish(page, self.result_text)
            self.context.signals.data_changed.emit("employer")

        job.finished.connect(done)
        job.failed.connect(lambda exc: self._finish(page, _explain(exc)))
        self._start(job, page)

    def _finish(self, page: RunPage, text: str) -> None:
        page.status.setText(text)
        page.progress.setRange(0, 1)
        page.progress.setValue(1)
        page.cancel_button.setEnabled(False)
        page.done = True
        page.completeChanged.emit()

    def cancel_job(self) -> None:
        if self.job is not None and self.job.is_running():
            self.job.cancel()

    def reject(self) -> None:
        """Closing the wizard cancels work in progress and waits (bounded) for the rollback."""
        if self.job is not None and self.job.is_running() and not self.job.stop():
            log.warning("the import did not stop in time; it ends with the app")
        super().reject()


def _explain(exc: BaseException) -> str:
    if isinstance(exc, ImportCancelled):
        return "Cancelled. Nothing was imported; your employers are as they were."
    if isinstance(exc, ImportFileError | ImportRefused):
        return exc.message
    return f"The import failed and nothing was imported ({type(exc).__name__}: {exc})."


def run_import(context: AppContext, window: QWidget) -> None:
    """File > Import spreadsheet…"""
    wizard = ImportWizard(context, window)
    wizard.exec()
