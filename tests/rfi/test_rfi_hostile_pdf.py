"""Hostile RFI PDFs: over-long answers are refused by the form's own lengths, a damaged or locked
file is refused with its own message, and no damage ever changes an answer."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader, PdfWriter

from app import forms
from app.core.forms_data import FormsDataError
from app.core.pipeline import Stage
from app.core.rfi import rfi_from_mapping
from app.documents import rfi_form, rfi_form_reader
from app.services.employers import employers
from app.services.rfi import rfi as rfi_service
from app.services.rfi import rfi_documents
from tests.rfi.answers import full_answers
from tests.rfi.test_rfi_form import _cli, fill, pdf_values

DEFINITION = forms.RFI.load()


@pytest.fixture
def employer(store):
    return employers.create_employer(
        store, {"legal_name": "Pilsen Bakery LLC"}, stage=Stage.FIRST_MEETING
    )


@pytest.fixture(scope="module")
def filled() -> bytes:
    """A real filled RFI form, made once (no store needed to read it back)."""
    header = rfi_form.FormHeader("0193abcd-0000-7000-8000-000000000001", "Pilsen Bakery", "Agency")
    pdf = rfi_form.build(DEFINITION, header, {"legal_name": "Pilsen Bakery LLC"})
    return fill(pdf, pdf_values(full_answers()))


@pytest.fixture(scope="module")
def original(filled: bytes) -> tuple[str, dict]:
    return rfi_form_reader.read(filled, DEFINITION)


@pytest.mark.parametrize("length", [100_000, 2_000_000])
def test_an_answer_longer_than_its_field_is_refused_and_saves_nothing(
    store, employer, length: int
) -> None:
    """Before: values of 100,000 and 2,000,000 characters replaced the legal name."""
    pdf = rfi_documents.form_pdf(store, employer.id)
    values = pdf_values(full_answers()) | {"legal_name": "A" * length}
    with pytest.raises(rfi_service.RfiAnswersError) as caught:
        rfi_documents.import_form(store, fill(pdf, values))
    lines = [p.line() for p in caught.value.problems]
    assert lines == [
        f"Question 1, Legal business name: at most 120 characters (this answer has {length:,})."
    ]
    assert rfi_service.answers(store, employer.id) == {}
    with store.session() as session:
        from app.core.models import Employer

        assert session.get(Employer, employer.id).legal_name == "Pilsen Bakery LLC"


def test_the_cli_names_the_refused_field(store, employer, tmp_path: Path) -> None:
    pdf = rfi_documents.form_pdf(store, employer.id)
    path = tmp_path / "long.pdf"
    path.write_bytes(fill(pdf, pdf_values(full_answers()) | {"fein": "1" * 5_000}))
    done = _cli("--store", str(store.path), "rfi", "import", str(path), home=tmp_path)
    assert done.returncode == 1
    assert "Question 2" in done.stderr and "at most 20 characters" in done.stderr


def test_every_text_box_takes_the_length_the_form_file_gives(filled: bytes) -> None:
    reader = PdfReader(io.BytesIO(filled))
    boxes = {
        str(a["/T"]): int(a["/MaxLen"])
        for page in reader.pages
        for a in (x.get_object() for x in page.get("/Annots", []))
        if "/MaxLen" in a and "/T" in a
    }
    assert boxes["legal_name"] == 120 and boxes["benefits"] == 600 and boxes["fein"] == 20
    for f in DEFINITION.fields:
        if f.type == "text":
            assert boxes[f.id] == f.max_length


def test_max_length_in_the_form_file_is_checked() -> None:
    question = {"id": "fein", "number": 1, "text": "FEIN?", "type": "text", "max_length": 0}
    with pytest.raises(FormsDataError, match="max_length"):
        rfi_from_mapping({"question": [question]})


def test_a_password_protected_pdf_gets_its_own_message(filled: bytes, tmp_path: Path) -> None:
    """Before: "This file is not a readable PDF"."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(filled)))
    writer.encrypt(user_password="secret", algorithm="AES-128")
    out = io.BytesIO()
    writer.write(out)
    with pytest.raises(rfi_form.RfiFormLocked, match="protected with a password"):
        rfi_form_reader.read(out.getvalue(), DEFINITION)


def test_a_pdf_saved_again_by_a_reader_as_an_update_is_read(filled: bytes) -> None:
    """An incremental update (how PDF readers save a filled form) is whole and is read."""
    writer = PdfWriter(io.BytesIO(filled), incremental=True)
    writer.update_page_form_field_values(writer.pages[0], {"legal_name": "Pilsen Bakery Inc"})
    out = io.BytesIO()
    writer.write(out)
    data = out.getvalue()
    assert data.startswith(filled)
    _, raw = rfi_form_reader.read(data, DEFINITION)
    assert raw["legal_name"] == "Pilsen Bakery Inc"


def _changed_value(filled: bytes) -> bytes:
    """One letter of the legal name's value changed; its appearance still shows the old one."""
    return filled.replace(b"/V (Pilsen Bakery LLC)", b"/V (Pilsen Bakery LLQ)", 1)


def test_an_answer_changed_inside_the_file_is_refused(filled: bytes) -> None:
    assert _changed_value(filled) != filled
    with pytest.raises(rfi_form.RfiFormDamaged, match="differs from what the form shows"):
        rfi_form_reader.read(_changed_value(filled), DEFINITION)


@pytest.mark.parametrize(
    "damage",
    [
        lambda d: d[: len(d) // 2],
        lambda d: d + b"\x00garbage after the end",
        lambda d: d.replace(b"startxref\n", b"startxref\n9", 1),
        lambda d: d.replace(b"\n5 0 obj", b"\n" + bytes(7), 1),
    ],
    ids=["truncated", "junk appended", "xref offset wrong", "object header zeroed"],
)
def test_damaged_structure_is_refused(filled: bytes, damage) -> None:
    with pytest.raises(rfi_form.RfiFormError, match="damaged|not a PDF"):
        rfi_form_reader.read(damage(filled), DEFINITION)


def damage(data: bytes, kind: str, at: int, bit: int, size: int, junk: bytes) -> bytes:
    """One kind of damage: flip a bit, cut the file short, zero a range, or append junk."""
    at %= len(data)
    if kind == "flip":
        return data[:at] + bytes([data[at] ^ (1 << bit)]) + data[at + 1 :]
    if kind == "truncate":
        return data[:at]
    if kind == "zero":
        return data[:at] + bytes(len(data[at : at + size])) + data[at + size :]
    return data + junk


def test_a_form_whose_answer_boxes_are_lost_is_refused(filled: bytes) -> None:
    """Before: one flipped bit in the catalog's /AcroForm key read as a form with every
    answer blank."""
    broken = filled.replace(b"/AcroForm", b"/@croForm", 1)
    assert broken != filled
    with pytest.raises(rfi_form.RfiFormDamaged, match="none of its answer boxes"):
        rfi_form_reader.read(broken, DEFINITION)


@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    kind=st.sampled_from(["flip", "truncate", "zero", "append"]),
    at=st.integers(0, 10**6),
    bit=st.integers(0, 7),
    size=st.integers(1, 64),
    junk=st.binary(min_size=1, max_size=64),
)
def test_random_damage_is_refused_or_changes_nothing(
    filled: bytes, original: tuple, kind: str, at: int, bit: int, size: int, junk: bytes
) -> None:
    """Before: 2 of 12 randomly damaged PDFs were accepted and changed an answer."""
    broken = damage(filled, kind, at, bit, size, junk)
    try:
        got = rfi_form_reader.read(broken, DEFINITION)
    except rfi_form.RfiFormError as exc:
        assert str(exc)
        return
    assert got == original


@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.data())
def test_damage_inside_the_answers_is_refused_or_changes_nothing(
    filled: bytes, original: tuple, data
) -> None:
    """Random damage aimed at the bytes of the answers themselves (values, names, box states)."""
    import re

    spots = [
        i
        for m in re.finditer(rb"/(?:V|AS|T)\s*[(/]([^)/\s>]*)", filled)
        for i in range(m.start(1), m.end(1))
    ]
    at = data.draw(st.sampled_from(spots))
    bit = data.draw(st.integers(0, 7))
    broken = filled[:at] + bytes([filled[at] ^ (1 << bit)]) + filled[at + 1 :]
    try:
        got = rfi_form_reader.read(broken, DEFINITION)
    except (rfi_form.RfiFormError, Exception) as exc:  # noqa: BLE001
        assert isinstance(exc, rfi_form.RfiFormError), repr(exc)
        return
    assert got == original
