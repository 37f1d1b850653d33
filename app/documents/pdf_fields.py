"""The form fields of a returned PDF, read only when the file is whole and says the same thing twice.

A damaged PDF must never change an answer. pypdf quietly repairs broken files
(rebuilding the cross-reference table, dropping a cut-off update), which can
bring back an older answer, so the file is read strictly: every object the
cross-reference table names must load, PDFium must open it with the same pages,
and nothing but whitespace may follow the last %%EOF. A filled form also keeps
each answer twice: the value (/V) and the appearance a PDF reader drew (/AP,
/AS). A byte changed in one of them makes the two disagree, and the file is
refused rather than read.
"""

from __future__ import annotations

import io
import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any


class PdfUnreadable(ValueError):
    """A file that is not a whole PDF; the message says what is wrong and what to do."""


class PdfEncrypted(PdfUnreadable):
    """A PDF locked with a password."""


class PdfNotPdf(PdfUnreadable):
    """A file that is not a PDF at all."""


DAMAGED = (
    "This PDF is damaged ({why}), so its answers cannot be trusted. Ask the employer to send "
    "the filled-in form again (saved from their PDF reader, not scanned or re-printed)."
)
ENCRYPTED = (
    "This PDF is protected with a password, so Employer Desk cannot read its answers. Ask the "
    "employer to save the filled-in form again without a password and send it again."
)
NOT_PDF = "This file is not a PDF. Ask the employer to send the filled-in RFI form (a .pdf file)."

_EOF_TAIL = re.compile(rb"%%EOF[\s\x00]*\Z")


@dataclass(frozen=True)
class FormField:
    """One terminal field: its full name, value and what its widgets show."""

    name: str
    kind: str  # /Tx, /Btn, /Ch ...
    value: Any
    states: tuple[str, ...]  # /AS of each button widget
    shown: tuple[str, ...]  # text drawn in each text widget's appearance, when readable


def damaged(why: str) -> PdfUnreadable:
    return PdfUnreadable(DAMAGED.format(why=why))


def open_pdf(data: bytes) -> Any:
    """A strict pypdf reader over a PDF whose structure is whole; PdfUnreadable otherwise."""
    from pypdf import PdfReader

    if not data.lstrip(b"\x00\t\r\n ")[:1024].startswith(b"%PDF-"):
        raise PdfNotPdf(NOT_PDF)
    if not _EOF_TAIL.search(data[-4096:]):
        raise damaged("it does not end where a PDF ends: it was cut short or has data added")
    try:
        with _repairs() as repairs:
            reader = PdfReader(io.BytesIO(data), strict=True)
            if reader.is_encrypted and not reader.decrypt(""):
                raise PdfEncrypted(ENCRYPTED)
            _load_every_object(reader)
            pages = len(reader.pages)
        if repairs:
            raise damaged(repairs[0][:120])
    except PdfUnreadable:
        raise
    except Exception as exc:  # noqa: BLE001 - pypdf raises many kinds for broken files
        if type(exc).__name__ == "FileNotDecryptedError":
            raise PdfEncrypted(ENCRYPTED) from exc
        raise damaged(_why(exc)) from exc
    _check_with_pdfium(data, pages)
    return reader


_REPAIRED = re.compile(r"xref|invalid|startxref|object header|decompress|error", re.I)


@contextmanager
def _repairs() -> Iterator[list[str]]:
    """What pypdf repaired while reading (it logs a warning and goes on); its log stays quiet."""
    found: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            message = record.getMessage()
            if _REPAIRED.search(message):
                found.append(message)

    logger = logging.getLogger("pypdf")
    handler = Collect(logging.WARNING)
    propagate = logger.propagate
    logger.addHandler(handler)
    logger.propagate = False
    try:
        yield found
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate


def _why(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:120]


def _load_every_object(reader: Any) -> None:
    """Resolve every object the cross-reference table lists; strict mode refuses a bad one."""
    for generation, numbers in reader.xref.items():
        for number in numbers:
            if reader.get_object(_ref(reader, number, generation)) is None:
                raise damaged(f"object {number} cannot be read")
    for number in getattr(reader, "xref_objStm", {}):
        if reader.get_object(_ref(reader, number, 0)) is None:
            raise damaged(f"object {number} cannot be read")


def _ref(reader: Any, number: int, generation: int) -> Any:
    from pypdf.generic import IndirectObject

    return IndirectObject(number, generation, reader)


def _check_with_pdfium(data: bytes, pages: int) -> None:
    """PDFium (the engine of Chrome's viewer) must open the file and see the same pages."""
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise PdfEncrypted(ENCRYPTED) from exc
        raise damaged(_why(exc)) from exc
    try:
        if len(document) != pages:
            raise damaged(f"two readers find {len(document)} and {pages} pages")
    finally:
        document.close()


def form_fields(reader: Any) -> dict[str, FormField]:
    """Every terminal field of the form by full name; a damaged field tree is PdfUnreadable."""
    try:
        with _repairs() as repairs:
            root = reader.trailer["/Root"].get_object()
            form = root.get("/AcroForm")
            found: dict[str, FormField] = {}
            fields = form.get_object().get("/Fields", []) if form is not None else []
            for field in _walk(fields, ""):
                if field.name in found:
                    raise damaged(f"the field {field.name} appears twice")
                found[field.name] = field
        if repairs:
            raise damaged(repairs[0][:120])
        return found
    except PdfUnreadable:
        raise
    except Exception as exc:  # noqa: BLE001 - a broken field tree raises many kinds
        raise damaged(_why(exc)) from exc


def _walk(fields: Any, prefix: str, inherited_kind: str = "") -> Iterator[FormField]:
    for ref in fields:
        node = ref.get_object()
        part = node.get("/T")
        name = f"{prefix}.{part}" if prefix and part is not None else str(part or prefix)
        kind = str(node.get("/FT", inherited_kind))
        kids = [k.get_object() for k in node.get("/Kids", [])]
        named_kids = [k for k in kids if "/T" in k]
        if named_kids:
            yield from _walk(node["/Kids"], name, kind)
            continue
        widgets = kids or [node]
        value = node.get("/V")
        yield FormField(
            name=name,
            kind=kind,
            value=value,
            states=tuple(str(w.get("/AS", "")) for w in widgets if "/AS" in w),
            shown=tuple(t for w in widgets if (t := _shown_text(w)) is not None),
        )


def _shown_text(widget: Any) -> str | None:
    """The text a widget's normal appearance draws, or None when it cannot be told."""
    from pypdf.generic import ContentStream

    appearance = widget.get("/AP")
    if appearance is None:
        return None
    normal = appearance.get_object().get("/N")
    if normal is None or not hasattr(normal.get_object(), "get_data"):
        return None
    stream = normal.get_object()
    data = stream.get_data()
    if b"Tj" not in data and b"TJ" not in data and b"'" not in data:
        return ""
    parts: list[str] = []
    for operands, operator in ContentStream(stream, widget.indirect_reference).operations:
        if operator in (b"Tj", b"'", b'"'):
            parts.append(_text(operands[-1]))
        elif operator == b"TJ":
            parts.extend(_text(item) for item in operands[0] if not isinstance(item, int | float))
    return "".join(parts)


def _text(operand: Any) -> str:
    if isinstance(operand, bytes):
        return operand.decode("cp1252", "replace")
    return str(operand)


def same_text(value: str, shown: str) -> bool:
    """A value and its appearance agree once line breaks and spacing (how it was drawn) are set aside."""
    return "".join(value.split()) == "".join(shown.split())
