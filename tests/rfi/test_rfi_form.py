"""The RFI PDF: fields, tooltips, the employer id inside, and the round trip through pypdf."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter

from app import forms
from app.core.pipeline import Stage
from app.core.rfi_answers import format_wage, option_key, parse_all
from app.documents import rfi_form
from app.services.employers import employers
from app.services.rfi import rfi as rfi_service
from app.services.rfi import rfi_documents
from tests.rfi.answers import full_answers

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def employer(store):
    return employers.create_employer(
        store,
        {"legal_name": "Pilsen Bakery LLC", "fein": "36-1234567", "employees_at_site": "30"},
        stage=Stage.FIRST_MEETING,
    )


def pdf_values(answers: dict) -> dict[str, str]:
    """What an employer types into each box of the form, for the given raw answers."""
    definition = forms.RFI.load()
    parsed, problems = parse_all(definition, answers)
    assert not problems
    out: dict[str, str] = {}
    for f in definition.fields:
        value = parsed.get(f.id)
        if value is None:
            continue
        if f.type == "yesno":
            out[f.id] = "/yes" if value else "/no"
        elif f.type == "choice" and f.multiple:
            for option in value:
                out[f"{f.id}__{option_key(option)}"] = "/Yes"
        elif f.type == "choice":
            out[f.id] = f"/{option_key(value)}"
        elif f.type == "positions":
            for n, row in enumerate(value, 1):
                out[f"{f.id}_{n}_title"] = row["title"]
                out[f"{f.id}_{n}_openings"] = str(row["openings"])
                out[f"{f.id}_{n}_wage_cents"] = format_wage(row["wage_cents"])
                out[f"{f.id}_{n}_hours_per_week"] = str(row["hours_per_week"])
                out[f"{f.id}_{n}_shifts"] = row["shifts"]
        elif f.type == "date":
            y, m, d = value.split("-")
            out[f.id] = f"{m}/{d}/{y}"
        else:
            out[f.id] = str(value)
    return out


def fill(pdf: bytes, values: dict[str, str]) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    for page in writer.pages:
        writer.update_page_form_field_values(page, values, auto_regenerate=False)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def test_form_is_letter_with_header_tooltips_and_the_employer_id(store, employer) -> None:
    pdf = rfi_documents.form_pdf(store, employer.id)
    reader = PdfReader(io.BytesIO(pdf))
    assert all(
        (float(p.mediabox.width), float(p.mediabox.height)) == (612, 792) for p in reader.pages
    )
    text = "".join(p.extract_text() for p in reader.pages)
    assert "Central States SER" in text and "Request for Information" in text
    assert "Pilsen Bakery LLC" in text
    for q in forms.RFI.load().questions:
        assert f"{q.number}." in text
    fields = reader.get_fields()
    assert fields[rfi_form.ID_FIELD]["/V"] == employer.id
    assert reader.metadata["/Keywords"] == f"{rfi_form.KEYWORD_PREFIX}{employer.id}"
    # Pre-filled from the record.
    assert fields["fein"]["/V"] == "36-1234567"
    assert fields["employees_at_site"]["/V"] == "30"
    assert fields["legal_name"]["/V"] == "Pilsen Bakery LLC"
    # Each field's tooltip holds its question.
    tips = {}
    for page in reader.pages:
        for annot in page.get("/Annots", []):
            a = annot.get_object()
            name = a.get("/T") or a.get("/Parent", {}).get("/T")
            if name and "/TU" in a:
                tips[str(name)] = str(a["/TU"])
    assert tips["fein"].startswith("2. What is your Federal Employer Identification Number")
    assert tips["employees_at_site"].startswith("6. How many people do you employ")
    assert "(Employees at the hiring worksite)" in tips["employees_at_site"]


def test_round_trip_fill_import_same_answers(store, employer) -> None:
    pdf = rfi_documents.form_pdf(store, employer.id)
    filled = fill(pdf, pdf_values(full_answers()))
    result = rfi_documents.import_form(store, filled)
    assert result.employer_id == employer.id
    assert result.missing == []
    expected, _ = parse_all(forms.RFI.load(), full_answers())
    expected = {k: v for k, v in expected.items() if v is not None}
    assert rfi_service.answers(store, employer.id) == expected
    changed = {c.answer_id for c in result.changes}
    assert "legal_name" not in changed and "fein" not in changed  # pre-filled, unchanged
    assert {"employees_total", "open_positions", "services_wanted", "hiring_start"} <= changed
    # A second form now comes pre-filled with everything; importing it changes nothing.
    again = rfi_documents.import_form(store, rfi_documents.form_pdf(store, employer.id))
    assert again.changes == []


def test_a_pdf_that_is_not_our_form_is_refused(store, tmp_path: Path) -> None:
    from reportlab.pdfgen.canvas import Canvas

    path = tmp_path / "other.pdf"
    c = Canvas(str(path))
    c.drawString(72, 720, "A letter")
    c.save()
    with pytest.raises(rfi_form.RfiFormError, match="not an RFI form made by Employer Desk"):
        rfi_documents.import_form(store, path)
    (tmp_path / "junk.pdf").write_bytes(b"not a pdf at all")
    with pytest.raises(rfi_form.RfiFormError, match="not a PDF"):
        rfi_documents.import_form(store, tmp_path / "junk.pdf")


def test_bad_answer_in_the_pdf_saves_nothing(store, employer) -> None:
    pdf = rfi_documents.form_pdf(store, employer.id)
    values = pdf_values(full_answers()) | {"employees_total": "lots", "worksite_zip": "606"}
    with pytest.raises(rfi_service.RfiAnswersError) as caught:
        rfi_documents.import_form(store, fill(pdf, values))
    assert [p.answer_id for p in caught.value.problems] == ["worksite_zip", "employees_total"]
    assert rfi_service.answers(store, employer.id) == {}


def _cli(*args: str, home: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, EMPLOYER_DESK_HOME=str(home))
    return subprocess.run(
        [sys.executable, "-m", "app", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_cli_form_import_and_eligibility(store, employer, tmp_path: Path) -> None:
    store_file = str(store.path)
    out = tmp_path / "rfi.pdf"
    made = _cli("--store", store_file, "rfi", "form", employer.id, "--out", str(out), home=tmp_path)
    assert made.returncode == 0, made.stderr
    filled = tmp_path / "filled.pdf"
    filled.write_bytes(fill(out.read_bytes(), pdf_values(full_answers())))
    imported = _cli("--store", store_file, "rfi", "import", str(filled), home=tmp_path)
    assert imported.returncode == 0, imported.stderr
    assert "Pilsen Bakery LLC" in imported.stdout
    assert "Q6 Employees in total (all locations): — -> 42" in imported.stdout
    report = _cli("--store", store_file, "eligibility", employer.id, "--json", home=tmp_path)
    assert report.returncode == 0, report.stderr
    data = json.loads(report.stdout)
    assert {p["program"]: p["result"] for p in data["programs"]}["referrals"] == "eligible"
    assert data["missing"] == []
    missing = _cli(
        "--store", store_file, "rfi", "import", str(tmp_path / "nope.pdf"), home=tmp_path
    )
    assert missing.returncode == 1 and "does not exist" in missing.stderr
