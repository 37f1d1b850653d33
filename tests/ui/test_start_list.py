"""A window left on the Employers page lists them again before the store is open, sorted
as left, and the page that takes over once it is open shows the same lines."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QWidget

from app.services.agency import settings
from app.services.employers import employers
from app.services.employers.start_list import StartList
from app.store.health import ProblemKind, StoreProblem
from app.ui.employers.model import EmployerTableModel
from app.ui.employers.table import employer_table
from app.ui.launch import StoreErrorDialog, finish, start_window
from app.ui.main_window import MainWindow


def _cells(model: EmployerTableModel) -> list[tuple]:
    """Every line as shown: each cell's text, colour and tooltip."""

    def cell(row: int, column: int) -> tuple:
        index = model.index(row, column, QModelIndex())
        brush = model.data(index, Qt.ItemDataRole.ForegroundRole)
        return (
            model.data(index),
            brush.color().name() if brush is not None else None,
            model.data(index, Qt.ItemDataRole.ToolTipRole),
        )

    return [tuple(cell(r, c) for c in range(model.columnCount())) for r in range(model.rowCount())]


def _header_sorted_by_stage(qtbot) -> str:  # noqa: ANN001
    """The header state a page sorted by stage, last to first, saves."""
    holder = QWidget()
    qtbot.addWidget(holder)
    table = employer_table(EmployerTableModel(holder), holder)
    table.sortByColumn(EmployerTableModel.STAGE, Qt.SortOrder.DescendingOrder)
    return bytes(table.horizontalHeader().saveState().toBase64().data()).decode()


def test_list_is_shown_before_the_store_opens_and_the_page_takes_it_over(
    qtbot, demo_store, monkeypatch
):
    assert settings.me(demo_store) is not None  # the demo's BSR: no first-run questions
    state = {
        "page": "employers",
        "pages": {"employers": {"header": _header_sorted_by_stage(qtbot)}},
    }
    settings.put(demo_store, settings.WINDOW_STATE, state)
    listed = len(employers.list_rows(demo_store))
    path = demo_store.path
    demo_store.close()
    window = start_window(path, demo=False)
    qtbot.addWidget(window)
    seen: dict = {}

    def at_start_list(_start: object) -> None:  # runs after the window has shown it
        seen["context"] = window.context
        seen["listed"] = window.listed_employers()
        seen["page"] = window.current_page_key()
        seen["cells"] = _cells(window.start_list.model)

    window.start_reader.done.connect(at_start_list)
    with qtbot.waitSignal(window.store_ready, timeout=60_000):
        pass
    assert seen["context"] is None and seen["page"] == "employers"
    assert seen["listed"] == listed
    stages = [line[EmployerTableModel.STAGE][0] for line in seen["cells"]]
    assert stages == sorted(stages, key=str.casefold, reverse=True)  # the saved sort
    page = window.pages["employers"]
    assert window.start_list is None and window.current_page_key() == "employers"
    qtbot.waitUntil(page.is_loaded, timeout=30_000)  # the page's own read, the usual way
    assert _cells(page.model) == seen["cells"]
    assert page.count_label.text() == f"{listed:,} employers"
    window.close()
    finish(window)


def test_nothing_read_from_a_refused_store_stays_on_screen(qtbot, tmp_path, monkeypatch):
    window = MainWindow(tmp_path / "store.sqlite")
    qtbot.addWidget(window)
    window.show()
    window.show_start_list(StartList(rows=[], fits={}, window_state={"page": "employers"}))
    assert window.current_page_key() == "employers" and window.start_list is not None
    asked = []
    monkeypatch.setattr(
        StoreErrorDialog,
        "ask",
        classmethod(lambda cls, parent, problem: asked.append(parent.current_page_key()) or False),
    )
    window.store_failed(StoreProblem(ProblemKind.DAMAGED, window.store_path, "damaged"))
    assert asked == [None] and window.start_list is None


def test_search_typed_while_the_store_opens_applies_once_it_is_open(qtbot, demo_store):
    window = MainWindow(demo_store.path)
    qtbot.addWidget(window)
    window.show()
    rows = employers.list_rows(demo_store)
    window.show_start_list(StartList(rows=rows, fits={}, window_state={"page": "employers"}))
    word = rows[0].name.split()[0]
    qtbot.keyClicks(window.search, word)  # nothing to search with yet: the list stays
    assert window.listed_employers() == len(rows) and "employers" not in window.pages
    window.attach_store(demo_store)
    page = window.pages["employers"]
    assert window.current_page_key() == "employers" and page.search_text == word
    qtbot.waitUntil(lambda: page.model.rowCount() < len(rows), timeout=30_000)
    assert rows[0].id in [page.model.id_at(n) for n in range(page.model.rowCount())]
    window.context = None  # the fixture closes the store
    window.close()
