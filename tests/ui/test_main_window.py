"""The main window: sidebar, search field, shortcuts, menus, About, and its layout coming back."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app import __version__
from app.services.agency import settings
from app.services.employers import employers
from app.store.engine import open_store
from app.store.paths import log_dir
from app.ui import registry
from app.ui.employers.new_employer import NewEmployerDialog
from app.ui.main_window import MainWindow, NotBuiltPage
from app.ui.profile_dialog import FirstRunDialog


def test_sidebar_lists_every_area_and_builds_pages_only_when_shown(window):
    titles = [window.sidebar.item(r).text() for r in range(window.sidebar.count())]
    assert titles == [s.title.replace("&&", "&") for s in registry.PAGES]
    assert window.current_page_key() == "today"
    assert "events" not in window.pages
    for spec in registry.PAGES:
        window.sidebar.setCurrentRow([s.key for s in registry.PAGES].index(spec.key))
        assert window.current_page_key() == spec.key
        if spec.factory is None:
            assert isinstance(window.pages[spec.key], NotBuiltPage)
            labels = window.pages[spec.key].findChildren(type(window.loading))
            assert any("not built yet" in label.text() for label in labels)
        else:
            assert not isinstance(window.pages[spec.key], NotBuiltPage)


def test_search_field_is_focused_at_start_and_ctrl_f_returns_to_it(qtbot, window):
    qtbot.waitUntil(window.search.hasFocus, timeout=30_000)
    window.show_page("today")
    window.sidebar.setFocus()
    qtbot.keyClick(window.sidebar, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.search.hasFocus()


def test_typing_in_search_switches_to_employers_and_filters(qtbot, window):
    window.show_page("today")
    window.search.setFocus()
    page = window.page("employers")
    with qtbot.waitSignal(page.reloaded, timeout=30_000):
        qtbot.keyClicks(window.search, word := _a_name_word(window))
    assert window.current_page_key() == "employers"
    expected = employers.list_rows(window.context.store, employers.EmployerFilter(text=word))
    assert page.model.rowCount() == len(expected) > 0
    assert window.search.hasFocus()  # typing goes on in the search box
    qtbot.keyClick(window.search, Qt.Key.Key_Return)
    assert page.table.hasFocus() and page.selected_id() == expected[0].id


def test_ctrl_n_opens_the_new_employer_dialog(qtbot, window, monkeypatch):
    asked = []

    def fake(cls, context, parent=None):
        asked.append(parent)
        return employers.create_employer(context.store, {"legal_name": "Aaa Ctrl N Co"}).id

    monkeypatch.setattr(NewEmployerDialog, "ask", classmethod(fake))
    qtbot.keyClick(window.search, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert len(asked) == 1
    assert window.current_page_key() == "employers"
    page = window.pages["employers"]
    assert (
        employers.get_employer(window.context.store, page.detail.employer_id).legal_name
        == "Aaa Ctrl N Co"
    )


def test_file_menu_has_registry_entries_settings_and_quit(window):
    menu = window.menuBar().actions()[0].menu()
    texts = [a.text().replace("&", "") for a in menu.actions() if not a.isSeparator()]
    for spec in registry.FILE_ACTIONS:
        assert spec.title.replace("&", "") in texts
    assert "Settings…" in texts and "Quit" in texts and "New employer…" in texts


def test_about_names_version_store_and_log_folder(window):
    from app.ui.help.about import AboutDialog

    text = AboutDialog(window.context, window.store_path, parent=window).facts.text()
    assert __version__ in text
    assert str(window.store_path) in text
    assert str(log_dir()) in text


def test_window_layout_page_and_last_employer_come_back(qtbot, demo_store):
    first = MainWindow(demo_store.path)
    qtbot.addWidget(first)
    first.show()
    first.attach_store(demo_store)
    page = first.show_page("employers")
    qtbot.waitUntil(page.is_loaded, timeout=30_000)
    chosen = page.model.id_at(4)
    page.table.selectRow(4)
    first.resize(790, 610)
    page.splitter.setSizes([400, 300])
    page.table.setColumnWidth(0, 333)
    sizes = page.splitter.sizes()
    first.close()
    assert settings.get(demo_store, settings.LAST_EMPLOYER) == chosen
    state = settings.get(demo_store, settings.WINDOW_STATE)
    assert state["page"] == "employers"

    again = open_store(demo_store.path)
    try:
        second = MainWindow(again.path)
        qtbot.addWidget(second)
        second.show()
        second.attach_store(again)
        assert (second.width(), second.height()) == (790, 610)
        assert second.current_page_key() == "employers"
        restored = second.pages["employers"]
        assert restored.detail.employer_id == chosen  # open at once, selected once listed
        qtbot.waitUntil(restored.is_loaded, timeout=30_000)
        assert restored.detail.employer_id == chosen
        assert restored.selected_id() == chosen
        assert restored.splitter.sizes() == sizes
        assert restored.table.columnWidth(0) == 333
        second.context = None
        second.close()
    finally:
        again.close()


def test_first_run_asks_who_this_is(qtbot, store, monkeypatch):
    asked = []
    monkeypatch.setattr(
        FirstRunDialog, "ask", classmethod(lambda cls, ctx, parent=None: asked.append(ctx))
    )
    win = MainWindow(store.path)
    qtbot.addWidget(win)
    win.show()
    win.attach_store(store)
    assert len(asked) == 1
    win.context = None
    win.close()


def test_no_first_run_question_once_the_profile_exists(qtbot, demo_store, monkeypatch):
    asked = []
    monkeypatch.setattr(
        FirstRunDialog, "ask", classmethod(lambda cls, ctx, parent=None: asked.append(ctx))
    )
    win = MainWindow(demo_store.path)
    qtbot.addWidget(win)
    win.attach_store(demo_store)
    assert asked == []
    win.context = None
    win.close()


def test_today_enter_opens_the_employer_in_the_window(qtbot, window):
    today_page = window.show_page("today")
    qtbot.waitUntil(today_page.is_filled, timeout=30_000)
    section = next(s for s in today_page.sections.values() if s.model.rowCount() > 0)
    section.table.setFocus()
    section.table.selectRow(0)
    expected = section.model.employer_at(0)
    qtbot.keyClick(section.table, Qt.Key.Key_Return)
    assert window.current_page_key() == "employers"
    assert window.pages["employers"].detail.employer_id == expected


def _a_name_word(window) -> str:
    """A word of a demo employer's name that not every employer shares (the longest one)."""
    name = employers.list_rows(window.context.store)[7].name
    return max(name.replace(",", " ").split(), key=len).lower()


def test_search_box_keys_down_goes_to_results_and_escape_clears(qtbot, window):
    page = window.page("employers")
    window.search.setFocus()
    with qtbot.waitSignal(page.reloaded, timeout=30_000):
        qtbot.keyClicks(window.search, _a_name_word(window))
    shown = page.model.rowCount()
    assert 0 < shown < 60
    qtbot.keyClick(window.search, Qt.Key.Key_Escape)
    assert window.search.text() == ""
    qtbot.waitUntil(lambda: page.model.rowCount() == 60, timeout=30_000)
    window.search.setFocus()
    qtbot.keyClick(window.search, Qt.Key.Key_Down)
    assert page.table.hasFocus() and page.selected_id() is not None


def test_typing_does_not_reload_the_whole_page_per_key(qtbot, window):
    page = window.show_page("employers")
    qtbot.waitUntil(page.is_loaded, timeout=30_000)
    loads: list[int] = []
    page.reloaded.connect(loads.append)
    window.search.setFocus()
    qtbot.keyClicks(window.search, "grill")
    qtbot.waitUntil(lambda: len(loads) >= 1, timeout=30_000)
    assert len(loads) == 1  # one debounced search, no reload per keystroke
