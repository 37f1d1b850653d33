"""Windows and pages on real store files, driven through their own methods and signals."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from app.ui.context import AppContext


@pytest.fixture
def context(demo_store) -> AppContext:
    return AppContext(store=demo_store)


@pytest.fixture
def window(qtbot, demo_store) -> Iterator:
    """The main window attached to a copy of the demo store, shown and active."""
    from app.ui.main_window import MainWindow

    win = MainWindow(demo_store.path)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.attach_store(demo_store)
    win.activateWindow()
    yield win
    win.context = None  # the store fixture closes the store
    win.close()
