"""The paper dialog of the Events page: a language choice for flyers and handouts (the job
center's languages by default), Print or Save as PDF."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader
from PySide6.QtWidgets import QFileDialog

from app.ui.events.papers import PaperDialog
from tests.events.test_flyers import networking
from tests.events.test_page import make_page


def flat(path: Path) -> str:
    return " ".join(PdfReader(path).pages[0].extract_text().split())


def test_the_flyer_dialog_offers_each_language_and_defaults_to_the_job_centers(
    qtbot, store, tmp_path, monkeypatch
) -> None:
    page, known = make_page(qtbot, store)
    page.select_event(known.event_id)
    dialog = page.detail.paper_dialog("flyer")
    qtbot.addWidget(dialog)
    assert not dialog.language.isHidden()
    labels = [dialog.language.itemText(i) for i in range(dialog.language.count())]
    assert labels == ["English", "Español", "English + Español (both on one sheet)"]
    assert dialog.language.currentData() == "both"  # Little Village
    dialog.set_language("es")
    out = tmp_path / "volante.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    assert dialog.file_name().endswith("(es).pdf")
    with qtbot.waitSignal(dialog.accepted):
        dialog.save_button.click()
    text = flat(out)
    assert "Puestos disponibles" in text and "Now hiring" not in text
    assert "Página 1 de 1" in text


def test_save_paper_takes_the_job_centers_languages_or_the_one_asked(qtbot, store, tmp_path):
    page, known = make_page(qtbot, store)
    page.select_event(known.event_id)
    page.detail.save_paper("handout", tmp_path / "both.pdf")
    assert "Now hiring" in flat(tmp_path / "both.pdf")
    assert "Puestos disponibles" in flat(tmp_path / "both.pdf")
    page.detail.save_paper("flyer", tmp_path / "en.pdf", lang="en")
    assert "Puestos disponibles" not in flat(tmp_path / "en.pdf")


def test_an_employer_event_has_invitations_and_the_report_no_language(qtbot, store) -> None:
    event_id = networking(store)
    page, _ = make_page(qtbot, store)
    page.refresh()
    page.select_event(event_id)
    assert page.detail.buttons["flyer"].text() == "&Invitation…"
    assert page.detail.buttons["handout"].accessibleName() == "Half-page invitation"
    dialog = PaperDialog(page.context, event_id, "flyer", page)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Invitation"
    assert dialog.language.currentData() == "en"  # Malcolm X prints English by default
    report = PaperDialog(page.context, event_id, "report", page)
    qtbot.addWidget(report)
    assert report.language.isHidden() and report.choice() is None
