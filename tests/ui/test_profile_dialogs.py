"""First run asks who this BSR is; Settings edits that profile and the Today thresholds."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app.services.agency import org, settings
from app.ui.context import AppContext
from app.ui.profile_dialog import FirstRunDialog, SettingsDialog


def test_first_run_offers_the_three_job_centers_and_the_programs(qtbot, store):
    dialog = FirstRunDialog(AppContext(store=store))
    qtbot.addWidget(dialog)
    offices = [dialog.form.office.itemText(i) for i in range(1, dialog.form.office.count())]
    assert sorted(offices) == ["Little Village", "Malcolm X West Side", "North Riverside"]
    assert set(dialog.form.program_checks) == {p.code for p in org.programs(store)}


def test_first_run_refuses_bad_answers_at_their_fields(qtbot, store):
    dialog = FirstRunDialog(AppContext(store=store))
    qtbot.addWidget(dialog)
    dialog.start_button.click()
    assert "required" in dialog.form.name.error_message
    assert settings.me(store) is None
    dialog.form.name.set_text("Rosa Delgado")
    dialog.form.email.set_text("rosa@")
    dialog.start_button.click()
    assert dialog.form.email.error_message
    assert settings.me(store) is None
    dialog.form.email.set_text("rdelgado@example.org")
    dialog.start_button.click()
    assert "job center" in dialog.form.office_error.text()
    assert dialog.result() == 0 and settings.me(store) is None


def test_first_run_saves_the_profile(qtbot, store):
    dialog = FirstRunDialog(AppContext(store=store))
    qtbot.addWidget(dialog)
    form = dialog.form
    form.name.set_text("Rosa Delgado")
    form.email.set_text("rdelgado@example.org")
    form.phone.set_text("312 555 0123")
    form.office.setCurrentIndex(form.office.findText("Little Village"))
    form.program_checks["dhs"].setChecked(True)
    dialog.start_button.click()
    assert dialog.result() == 1
    me = settings.me(store)
    assert me.name == "Rosa Delgado" and me.phone == "(312) 555-0123"
    assert me.program_codes == ["dhs"]
    assert me.office_id == next(o.id for o in org.offices(store) if o.name == "Little Village")


def test_escape_closes_the_first_run_dialog_without_saving(qtbot, store):
    dialog = FirstRunDialog(AppContext(store=store))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.form.name.set_text("Somebody")
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible() and settings.me(store) is None


def test_settings_edits_profile_and_thresholds_as_they_are_made(qtbot, demo_store):
    context = AppContext(store=demo_store)
    dialog = SettingsDialog(context)
    qtbot.addWidget(dialog)
    dialog.show()
    form = dialog.form
    assert form.name.text() == settings.me(demo_store).name
    form.name.edit.setFocus()
    form.name.edit.selectAll()
    qtbot.keyClicks(form.name.edit, "Rocio G. Benavides")
    qtbot.keyClick(form.name.edit, Qt.Key.Key_Return)
    assert settings.me(demo_store).name == "Rocio G. Benavides"
    form.phone.edit.setFocus()
    qtbot.keyClicks(form.phone.edit, "0000")
    qtbot.keyClick(form.phone.edit, Qt.Key.Key_Return)
    assert form.phone.error_message
    assert settings.me(demo_store).phone == "(312) 555-0102"
    form.phone.set_text("(312) 555-0102")
    form.phone.finish()
    assert form.phone.error_message == ""
    form.program_checks["dhs"].setChecked(True)
    assert "dhs" in settings.me(demo_store).program_codes
    dialog.quiet_days.setValue(14)
    dialog.stuck_days.setValue(45)
    assert settings.get(demo_store, settings.QUIET_DAYS) == 14
    assert settings.get(demo_store, settings.STUCK_DAYS) == 45
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_first_run_shows_every_problem_at_once(qtbot, store):
    dialog = FirstRunDialog(AppContext(store=store))
    qtbot.addWidget(dialog)
    dialog.form.email.set_text("bad@")
    dialog.form.phone.set_text("12")
    dialog.start_button.click()
    form = dialog.form
    assert form.name.error_message and form.email.error_message and form.phone.error_message
    assert form.office_error.text() == "Choose your job center."
    assert settings.me(store) is None
