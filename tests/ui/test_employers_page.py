"""The Employers page: create, edit, validation, search, filters, delete and undo."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import QDateTime, Qt

from app.core.pipeline import Stage
from app.services.agency import org, settings
from app.services.employers import employers
from app.store.engine import open_store
from app.ui.employers.contacts import ConfirmDelete, ContactDialog, ContactsModel
from app.ui.employers.follow_ups import FollowUpModel
from app.ui.employers.model import EmployerTableModel
from app.ui.employers.new_employer import NewEmployerDialog
from app.ui.employers.page import EmployersPage
from app.ui.employers.profile import NotFitDialog
from app.ui.employers.timeline import ActivityModel


@pytest.fixture
def page(qtbot, context) -> EmployersPage:
    widget = EmployersPage(context)
    qtbot.addWidget(widget)
    widget.resize(1300, 700)
    widget.show()
    qtbot.waitExposed(widget)
    qtbot.waitUntil(widget.is_loaded, timeout=30_000)
    return widget


def first_employer(page: EmployersPage) -> str:
    employer_id = page.model.id_at(0)
    page.open_employer(employer_id)
    return employer_id


def type_and_finish(qtbot, field, text: str) -> None:
    """Type into a field as a user would, then leave it (Return = editingFinished)."""
    field.edit.setFocus()
    field.edit.selectAll()
    field.edit.clear()
    qtbot.keyClicks(field.edit, text)
    if not field.multiline:
        qtbot.keyClick(field.edit, Qt.Key.Key_Return)


def test_the_list_fills_after_the_page_is_shown(qtbot, context):
    """The first read of the whole list runs off the interface thread: the page shows at
    once, empty and saying so, and the rows arrive with `reloaded`."""
    widget = EmployersPage(context)
    qtbot.addWidget(widget)
    with qtbot.waitSignal(widget.reloaded, timeout=30_000) as filled:
        widget.show()
        assert widget.model.rowCount() == 0 or widget.is_loaded()
        if not widget.is_loaded():
            assert widget.count_label.text() == "Loading employers…"
    assert filled.args == [60]
    assert widget.is_loaded() and widget.model.rowCount() == 60
    assert widget.count_label.text() == "60 employers"


def test_a_search_before_the_first_read_ends_wins(qtbot, context):
    widget = EmployersPage(context)
    qtbot.addWidget(widget)
    word = employers.list_rows(context.store)[0].name.split()[0]
    widget.search(word, immediate=True)  # read on this thread; the background read is dropped
    expected = employers.list_rows(context.store, employers.EmployerFilter(text=word), limit=500)
    assert widget.is_loaded()
    qtbot.waitUntil(lambda: not widget._loads_running(), timeout=30_000)
    assert [widget.model.id_at(r) for r in range(widget.model.rowCount())] == [
        r.id for r in expected
    ]


def test_list_shows_every_live_employer_and_passes_the_model_tester(page, context, qtmodeltester):
    assert page.model.rowCount() == len(employers.list_rows(context.store)) == 60
    assert page.count_label.text() == "60 employers"
    qtmodeltester.check(page.model)
    page.table.sortByColumn(1, Qt.SortOrder.DescendingOrder)
    stages = [page.model.row_at(r).stage for r in range(page.model.rowCount())]
    labels = [page.model.index(r, 1).data() for r in range(page.model.rowCount())]
    assert labels == sorted(labels, key=str.casefold, reverse=True)
    assert len(stages) == 60
    qtmodeltester.check(page.model)


def test_sorting_keeps_the_selected_employer_selected(page):
    chosen = page.model.id_at(5)
    page.open_employer(chosen)
    page.table.sortByColumn(3, Qt.SortOrder.AscendingOrder)
    assert page.selected_id() == chosen
    page.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    assert page.selected_id() == chosen


def test_model_holds_ten_thousand_rows(qtmodeltester):
    from app.services.employers.employers import EmployerRow

    rows = [
        EmployerRow(
            f"id{n:05d}",
            f"Employer {n}",
            "",
            "prospect",
            "Retail",
            "Ana",
            "Little Village",
            "(312) 555-0100",
            "60623",
            None,
            date(2026, 1, 1) + timedelta(days=n % 400),
        )
        for n in range(10_000)
    ]
    model = EmployerTableModel()
    model.set_rows(rows)
    assert model.rowCount() == 10_000
    model.sort(EmployerTableModel.NEXT_FOLLOW_UP, Qt.SortOrder.DescendingOrder)
    assert model.row_at(0).next_follow_up == max(r.next_follow_up for r in rows)
    qtmodeltester.check(model)


def test_new_employer_validates_every_field_before_saving(qtbot, context):
    before = len(employers.list_rows(context.store))
    dialog = NewEmployerDialog(context)
    qtbot.addWidget(dialog)
    dialog.show()
    fields = dialog.fields
    fields["legal_name"].set_text("Humboldt Park Bakery LLC")
    fields["fein"].set_text("12-34")
    fields["main_phone"].set_text("555")
    fields["zip_code"].set_text("6062")
    fields["website"].set_text("not a site")
    dialog.create_button.click()
    assert dialog.result() == 0 and dialog.created_id is None
    assert "9 digits" in fields["fein"].error_message
    assert fields["main_phone"].error_message
    assert "ZIP" in fields["zip_code"].error_message
    assert fields["website"].error_message
    assert fields["fein"].error.isVisible()
    assert len(employers.list_rows(context.store)) == before  # nothing saved
    fields["fein"].set_text("123456789")
    fields["main_phone"].set_text("773 555 0142")
    fields["zip_code"].set_text("60651")
    fields["website"].set_text("humboldtbakery.com")
    with qtbot.waitSignal(context.signals.data_changed, timeout=30_000):
        dialog.create_button.click()
    assert dialog.created_id is not None
    saved = employers.get_employer(context.store, dialog.created_id)
    assert saved.fein == "12-3456789"
    assert saved.main_phone == "(773) 555-0142"
    assert saved.owner_id == context.me_id  # new employers are mine by default
    assert fields["fein"].error_message == ""


def test_new_employer_flags_a_bad_box_as_soon_as_it_is_left(qtbot, context):
    dialog = NewEmployerDialog(context)
    qtbot.addWidget(dialog)
    dialog.show()
    type_and_finish(qtbot, dialog.fields["fein"], "12")
    assert "9 digits" in dialog.fields["fein"].error_message
    type_and_finish(qtbot, dialog.fields["fein"], "987654321")
    assert dialog.fields["fein"].error_message == ""
    assert dialog.fields["fein"].text() == "98-7654321"


def test_ctrl_n_on_the_page_creates_and_opens_the_employer(page, context, monkeypatch):
    def fake_ask(ctx, parent=None):
        return employers.create_employer(ctx.store, {"legal_name": "Aaa Fresh Tortilleria"}).id

    monkeypatch.setattr(
        NewEmployerDialog, "ask", classmethod(lambda cls, c, p=None: fake_ask(c, p))
    )
    created = page.new_employer()
    assert page.detail.employer_id == created
    assert page.selected_id() == created
    assert page.count_label.text() == "61 employers"


def test_profile_edit_commits_on_editing_finished_and_survives_reopening(qtbot, page, context):
    employer_id = first_employer(page)
    profile = page.detail.section("profile")
    with qtbot.waitSignal(context.signals.data_changed, timeout=30_000):
        type_and_finish(qtbot, profile.fields["main_phone"], "312.555.0177")
    assert profile.fields["main_phone"].text() == "(312) 555-0177"
    type_and_finish(qtbot, profile.fields["notes"], "Night shift needs forklift drivers")
    profile.fields["city"].edit.setFocus()  # leaving the notes box commits it
    type_and_finish(qtbot, profile.fields["employees_total"], "1,200")
    other = open_store(context.store.path)
    try:
        saved = employers.get_employer(other, employer_id)
    finally:
        other.close()
    assert saved.main_phone == "(312) 555-0177"
    assert saved.notes == "Night shift needs forklift drivers"
    assert saved.employees_total == 1200
    qtbot.waitUntil(
        lambda: page.model.row_at(page.model.row_of(employer_id)).phone == "(312) 555-0177",
        timeout=30_000,
    )


@pytest.mark.parametrize(
    ("field", "bad", "words"),
    [
        ("fein", "12-345", "9 digits"),
        ("main_phone", "312-555", "phone"),
        ("zip_code", "606", "ZIP"),
        ("legal_name", "   ", "required"),
        ("employees_total", "lots", "whole number"),
        ("naics_code", "31a", "NAICS"),
    ],
)
def test_bad_value_is_flagged_at_its_field_and_never_saved(qtbot, page, context, field, bad, words):
    employer_id = first_employer(page)
    before = employers.get_employer(context.store, employer_id)
    profile = page.detail.section("profile")
    type_and_finish(qtbot, profile.fields[field], bad)
    widget = profile.fields[field]
    assert words.casefold() in widget.error_message.casefold()
    assert widget.error.isVisible() and widget.error.text() == widget.error_message
    assert widget.edit.accessibleDescription() == widget.error_message
    assert widget.text() == bad  # left for the BSR to fix
    after = employers.get_employer(context.store, employer_id)
    assert getattr(after, field) == getattr(before, field)
    assert after.updated_at == before.updated_at


def test_stage_not_a_fit_asks_the_reason_and_cancel_changes_nothing(page, context, monkeypatch):
    employer_id = first_employer(page)
    profile = page.detail.section("profile")
    stage_before = employers.get_employer(context.store, employer_id).stage
    monkeypatch.setattr(NotFitDialog, "ask", classmethod(lambda cls, parent, name: None))
    index = profile.stage.findData(Stage.NOT_A_FIT.value)
    profile.stage.setCurrentIndex(index)
    profile.stage.activated.emit(index)
    assert employers.get_employer(context.store, employer_id).stage == stage_before
    assert profile.stage.currentData() == stage_before
    monkeypatch.setattr(
        NotFitDialog,
        "ask",
        classmethod(lambda cls, parent, name: "Lays off new hires within weeks"),
    )
    profile.stage.setCurrentIndex(index)
    profile.stage.activated.emit(index)
    saved = employers.get_employer(context.store, employer_id)
    assert saved.stage == Stage.NOT_A_FIT.value
    assert saved.not_fit_reason == "Lays off new hires within weeks"
    assert profile.not_fit.isVisible() and profile.not_fit.text() == saved.not_fit_reason


def test_owner_choice_is_saved_at_once(page, context):
    employer_id = first_employer(page)
    profile = page.detail.section("profile")
    someone = org.staff(context.store)[-1]
    index = profile.owner.findData(someone.id)
    profile.owner.setCurrentIndex(index)
    profile.owner.activated.emit(index)
    assert employers.get_employer(context.store, employer_id).owner_id == someone.id


def test_search_as_you_type_through_the_text_filter(qtbot, page, context):
    target = employers.create_employer(
        context.store, {"legal_name": "Zyzzyva Provisions Inc.", "notes": "loading dock on Kostner"}
    )
    page.refresh()
    with qtbot.waitSignal(page.reloaded, timeout=30_000) as blocker:
        page.search("zyzz")
    assert blocker.args == [1]
    assert page.model.id_at(0) == target.id
    with qtbot.waitSignal(page.reloaded, timeout=30_000):
        page.search("kostner")  # notes are searched too
    assert page.model.id_at(0) == target.id
    employers.add_contact(
        context.store, target.id, {"name": "Quetzalli Obregon", "phone": "312 555 0188"}
    )
    with qtbot.waitSignal(page.reloaded, timeout=30_000):
        page.search("quetzalli")  # contacts are searched
    assert [page.model.id_at(r) for r in range(page.model.rowCount())] == [target.id]
    page.search("", immediate=True)
    assert page.model.rowCount() == 61


def test_typing_fast_reloads_once(qtbot, page):
    counts: list[int] = []
    page.reloaded.connect(counts.append)
    for prefix in ("b", "br", "bro", "brow"):
        page.search(prefix)
    qtbot.waitUntil(lambda: len(counts) == 1, timeout=30_000)
    assert page.search_text == "brow"
    expected = employers.list_rows(page.context.store, employers.EmployerFilter(text="brow"))
    assert [page.model.id_at(r) for r in range(page.model.rowCount())] == [r.id for r in expected]
    assert counts == [len(expected)]


@pytest.mark.parametrize("which", ["stage", "office_id", "owner_id", "industry"])
def test_each_filter_narrows_the_list(page, context, which):
    rows = employers.list_rows(context.store)
    attribute = {
        "stage": "stage",
        "office_id": "office",
        "owner_id": "owner",
        "industry": "industry",
    }[which]
    sample = rows[0]
    if which == "office_id":
        value = next(o.id for o in org.offices(context.store) if o.name == sample.office)
    elif which == "owner_id":
        value = next(s.id for s in org.staff(context.store) if s.name == sample.owner)
    else:
        value = getattr(sample, attribute)
    page.set_filter(**{which: value})
    shown = [page.model.row_at(r) for r in range(page.model.rowCount())]
    expected = [r for r in rows if getattr(r, attribute) == getattr(sample, attribute)]
    assert 0 < len(shown) < len(rows)
    assert {r.id for r in shown} == {r.id for r in expected}
    assert page.count_label.text().endswith("found")
    page.clear_filters()
    assert page.model.rowCount() == len(rows)


def test_filters_combine_with_search(qtbot, page, context):
    rows = employers.list_rows(context.store)
    industry = rows[0].industry
    word = rows[0].name.split()[0]
    page.set_filter(industry=industry)
    page.search(word, immediate=True)
    expected = employers.list_rows(
        context.store, employers.EmployerFilter(text=word, industry=industry)
    )
    assert [page.model.id_at(r) for r in range(page.model.rowCount())] == [r.id for r in expected]


def test_delete_then_undo_with_the_button(qtbot, page, context):
    employer_id = first_employer(page)
    page.detail.delete_button.click()
    assert employers.get_employer(context.store, employer_id).deleted_at is not None
    assert page.model.row_of(employer_id) == -1
    assert page.notice.isVisible() and "deleted" in page.notice.message.text()
    page.notice.action.click()
    assert employers.get_employer(context.store, employer_id).deleted_at is None
    assert page.model.row_of(employer_id) >= 0
    assert page.detail.employer_id == employer_id
    assert not page.notice.isVisible()


def test_delete_then_undo_with_ctrl_z(qtbot, page, context):
    employer_id = first_employer(page)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    assert employers.get_employer(context.store, employer_id).deleted_at is not None
    assert page.model.rowCount() == 59
    page.activateWindow()
    qtbot.waitUntil(page.table.hasFocus, timeout=30_000)
    qtbot.keyClick(page.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert employers.get_employer(context.store, employer_id).deleted_at is None
    assert page.model.rowCount() == 60
    assert page.undo_delete() is False  # nothing more to undo


def test_the_list_keeps_the_selection_when_it_reloads(page, context):
    employer_id = page.model.id_at(7)
    page.open_employer(employer_id)
    employers.create_employer(context.store, {"legal_name": "Aardvark Pallets"})
    context.signals.data_changed.emit("employer")
    page._apply_changes()
    assert page.selected_id() == employer_id
    assert page.detail.employer_id == employer_id


def test_enter_opens_the_selected_employer(qtbot, page):
    page.focus_results()
    page.table.selectRow(3)
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert page.detail.employer_id == page.model.id_at(3)
    assert page.detail.isAncestorOf(page.focusWidget())


def test_every_control_has_an_accessible_name(page):
    from PySide6.QtWidgets import QAbstractButton, QComboBox, QLineEdit, QPlainTextEdit, QTableView

    first_employer(page)
    for kind in (QLineEdit, QPlainTextEdit, QComboBox, QAbstractButton, QTableView):
        for widget in page.findChildren(kind):
            if widget.parent() is not None and widget.parent().inherits("QAbstractSpinBox"):
                continue
            if widget.inherits("QTabBar") or widget.objectName().startswith("qt_"):
                continue
            assert widget.accessibleName() or (
                isinstance(widget, QAbstractButton) and widget.text()
            ), f"{type(widget).__name__} {widget.objectName()} has no accessible name"


# Contacts, activity and follow-ups ------------------------------------------------------


def test_contacts_add_validates_then_saves(qtbot, page, context, qtmodeltester):
    employer_id = first_employer(page)
    section = page.detail.section("contacts")
    count = section.model.rowCount()
    dialog = ContactDialog(context, employer_id, None, page)
    qtbot.addWidget(dialog)
    dialog.fields["name"].set_text("Marisol Vega")
    dialog.fields["email"].set_text("marisol@@vega")
    dialog.fields["phone"].set_text("12")
    dialog.add_button.click()
    assert dialog.saved_id is None
    assert "not valid" in dialog.fields["email"].error_message
    assert dialog.fields["phone"].error_message
    assert len(employers.contacts(context.store, employer_id)) == count
    dialog.fields["email"].set_text("marisol@vegafoods.com")
    dialog.fields["phone"].set_text("(773) 555-0150")
    dialog.add_button.click()
    assert dialog.saved_id is not None
    qtbot.waitUntil(lambda: section.model.rowCount() == count + 1, timeout=30_000)
    names = [section.model.row_at(r).name for r in range(section.model.rowCount())]
    assert "Marisol Vega" in names
    qtmodeltester.check(section.model)


def test_contact_edit_commits_each_field_and_delete_asks(qtbot, page, context, monkeypatch):
    employer_id = first_employer(page)
    contact = employers.add_contact(context.store, employer_id, {"name": "Oscar Reyes"})
    dialog = ContactDialog(context, employer_id, contact, page)
    qtbot.addWidget(dialog)
    dialog.show()
    type_and_finish(qtbot, dialog.fields["email"], "not-an-email")
    assert dialog.fields["email"].error_message
    assert (
        next(c for c in employers.contacts(context.store, employer_id) if c.id == contact.id).email
        == ""
    )
    type_and_finish(qtbot, dialog.fields["role"], "Plant Manager")
    saved = next(c for c in employers.contacts(context.store, employer_id) if c.id == contact.id)
    assert saved.role == "Plant Manager"
    dialog.reject()
    section = page.detail.section("contacts")
    section.refresh()
    section.table.selectRow(section.model.row_of(contact.id))
    monkeypatch.setattr(ConfirmDelete, "ask", classmethod(lambda cls, parent, name: False))
    section.delete_button.click()
    assert any(c.id == contact.id for c in employers.contacts(context.store, employer_id))
    monkeypatch.setattr(ConfirmDelete, "ask", classmethod(lambda cls, parent, name: True))
    section.delete_button.click()
    assert not any(c.id == contact.id for c in employers.contacts(context.store, employer_id))
    assert section.model.row_of(contact.id) == -1


def test_contacts_model_passes_the_tester(qtmodeltester, context):
    model = ContactsModel()
    rows = employers.list_rows(context.store)
    model.set_rows(employers.contacts(context.store, rows[0].id))
    qtmodeltester.check(model)


def test_logging_a_meeting_shows_newest_first_and_moves_a_prospect(
    qtbot, page, context, qtmodeltester
):
    prospect = employers.create_employer(context.store, {"legal_name": "Aaa Prospect Foods"})
    page.refresh()
    page.open_employer(prospect.id)
    section = page.detail.section("activity")
    assert section.model.rowCount() == 0
    assert section.log() is False
    assert section.summary.error_message  # an empty summary is refused
    section.kind.select("meeting_in_person")
    section.summary.set_text("Met the owner at the bakery")
    section.outcome.setText("Will send RFI")
    section.when.setDateTime(QDateTime.currentDateTime().addDays(-2))
    assert section.log() is True
    section.kind.select("call")
    section.summary.set_text("Called HR about second shift")
    assert section.log() is True
    assert section.model.rowCount() == 2
    assert section.model.index(0, 1).data() == "Call"
    assert section.model.index(0, 2).data() == "Called HR about second shift"
    assert section.model.index(1, 1).data() == "Meeting (in person)"
    assert section.model.index(1, 2).data() == "Met the owner at the bakery  →  Will send RFI"
    times = [section.model.row_at(r).occurred_at for r in range(2)]
    assert times == sorted(times, reverse=True)
    assert employers.get_employer(context.store, prospect.id).stage == Stage.FIRST_MEETING.value
    qtbot.waitUntil(
        lambda: page.detail.section("profile").stage.currentData() == Stage.FIRST_MEETING.value,
        timeout=30_000,
    )
    qtmodeltester.check(section.model)
    assert isinstance(section.model, ActivityModel)


def test_follow_ups_add_and_mark_done(qtbot, page, context, qtmodeltester):
    prospect = employers.create_employer(context.store, {"legal_name": "Aaa Follow Foods"})
    page.refresh()
    page.open_employer(prospect.id)
    section = page.detail.section("follow_ups")
    assert section.add() is False and section.what.error_message
    section.what.set_text("Send the RFI reminder")
    assert section.add() is True
    assert section.model.rowCount() == 1
    qtmodeltester.check(section.model)
    follow_up = section.model.row_at(0)
    assert follow_up.due_on == date.today() + timedelta(days=7)
    section.table.selectRow(0)
    section.done_button.click()
    assert employers.follow_ups(context.store, prospect.id)[0].done is True
    # The Done box works too, both ways.
    section.model.setData(
        section.model.index(0, 0), Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole
    )
    assert employers.follow_ups(context.store, prospect.id)[0].done is False
    assert section.model.index(0, 0).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked


def test_overdue_follow_up_is_marked_in_words(context, qtmodeltester):
    employer = employers.create_employer(context.store, {"legal_name": "Late Co"})
    employers.add_follow_up(
        context.store, employer.id, date.today() - timedelta(days=3), "Call back"
    )
    model = FollowUpModel()
    model.set_rows(employers.follow_ups(context.store, employer.id))
    assert "overdue" in model.index(0, 1).data()
    assert model.index(0, 1).data(Qt.ItemDataRole.ForegroundRole) is not None
    qtmodeltester.check(model)


def test_last_open_employer_is_reported(qtbot, page):
    employer_id = page.model.id_at(2)
    with qtbot.waitSignal(page.employer_opened, timeout=30_000) as blocker:
        page.table.selectRow(2)
    assert blocker.args == [employer_id]


def test_a_profile_refresh_leaves_the_box_being_typed_in_alone(qtbot, page, context):
    employer_id = first_employer(page)
    profile = page.detail.section("profile")
    profile.fields["source"].edit.setFocus()
    profile.fields["source"].set_text("Half typed")
    employers.update_employer_field(context.store, employer_id, "city", "Cicero")
    profile.refresh()
    assert profile.fields["source"].text() == "Half typed"
    assert profile.fields["city"].text() == "Cicero"
    assert settings.get(context.store, settings.QUIET_DAYS) == 30


def test_switching_employer_commits_the_box_being_typed_in(qtbot, page, context):
    first = page.model.id_at(0)
    page.open_employer(first)
    profile = page.detail.section("profile")
    profile.fields["source"].edit.setFocus()
    profile.fields["source"].set_text("Met at the Pilsen job fair")
    profile.fields["zip_code"].set_text("bad zip")
    page.open_employer(page.model.id_at(1))  # e.g. from the Today page, focus never left the box
    assert employers.get_employer(context.store, first).source == "Met at the Pilsen job fair"
    assert employers.get_employer(context.store, first).zip_code != "bad zip"


def test_detail_tabs_are_built_when_first_shown(page):
    employer_id = first_employer(page)
    detail = page.detail
    assert list(detail.sections) == ["profile"]
    detail.tabs.setCurrentIndex([s.key for s in detail.specs].index("contacts"))
    contacts = detail.sections["contacts"]
    assert contacts.employer_id == employer_id  # shown the open employer when built
    other = page.model.id_at(1)
    page.open_employer(other)
    assert contacts.employer_id == other


def test_profile_tab_order_follows_the_reading_order(page):
    first_employer(page)
    profile = page.detail.section("profile")
    chain = []
    widget = profile.stage
    while widget not in chain:
        chain.append(widget)
        widget = widget.nextInFocusChain()
    order = [
        profile.stage,
        profile.not_fit.edit,
        profile.owner,
        profile.office,
        profile.fields["legal_name"].edit,
        profile.fields["dba_name"].edit,
        profile.fields["fein"].edit,
        profile.fields["main_phone"].edit,
        profile.fields["zip_code"].edit,
        profile.fields["notes"].edit,
    ]
    positions = [chain.index(w) for w in order]
    assert positions == sorted(positions)
