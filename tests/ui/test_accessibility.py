"""Every control a BSR can reach by keyboard has a name a screen reader can say."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from app.services.employers import employers
from app.ui.employers.contacts import ContactDialog
from app.ui.employers.new_employer import NewEmployerDialog
from app.ui.profile_dialog import FirstRunDialog, SettingsDialog

CONTROLS = (
    QLineEdit,
    QPlainTextEdit,
    QComboBox,
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
)


#: Pieces Qt builds inside its own controls (a combo's drop-down list, a line edit's clear
#: button, a table's corner button and headers); Qt names them for assistive technology.
QT_PARTS = {"QComboBoxListView", "QLineEditIconButton", "QTableCornerButton", "QHeaderView"}


def unnamed(root: QWidget) -> list[str]:
    """Controls under `root` with neither an accessible name nor a visible text."""
    missing = []
    for kind in CONTROLS:
        for widget in root.findChildren(kind):
            parent = widget.parent()
            if parent is not None and (
                parent.inherits("QAbstractSpinBox") or parent.inherits("QComboBox")
            ):
                continue  # the inner editor of a named spin box or combo
            if widget.metaObject().className() in QT_PARTS or widget.inherits("QTabBar"):
                continue
            if widget.objectName().startswith("qt_"):
                continue  # Qt's own parts, named by Qt
            text = widget.text() if isinstance(widget, QAbstractButton) else ""
            if not (widget.accessibleName() or text):
                missing.append(
                    f"{widget.metaObject().className()} in {parent.metaObject().className()}"
                )
    return missing


def test_main_window_with_every_page_built(qtbot, window):
    from app.ui import registry

    for spec in registry.PAGES:
        if spec.key in ("today", "employers"):
            window.show_page(spec.key)
            qtbot.waitUntil(window.pages[spec.key].isVisible, timeout=30_000)
            done = (
                getattr(window.pages[spec.key], "is_filled", None)
                or window.pages[spec.key].is_loaded
            )
            qtbot.waitUntil(done, timeout=30_000)
    page = window.pages["employers"]
    page.open_employer(page.model.id_at(0))
    for spec in page.detail.specs:
        if spec.key in ("profile", "contacts", "activity", "follow_ups"):
            page.detail.section(spec.key)
    missing = [m for m in unnamed(window.search_bar) + unnamed(window.sidebar)]
    missing += unnamed(window.pages["today"])
    missing += unnamed(page.notice) + unnamed(page.table)
    missing += unnamed(page.detail.delete_button.parentWidget())
    for key in ("profile", "contacts", "activity", "follow_ups"):
        missing += unnamed(page.detail.sections[key])
    assert missing == []


def test_dialogs(qtbot, context):
    employer = employers.list_rows(context.store)[0]
    for dialog in (
        NewEmployerDialog(context),
        ContactDialog(context, employer.id),
        FirstRunDialog(context),
        SettingsDialog(context),
    ):
        qtbot.addWidget(dialog)
        assert unnamed(dialog) == [], type(dialog).__name__
