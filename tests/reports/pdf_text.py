"""Reading generated PDFs back as text, and what employer papers must never show."""

from __future__ import annotations

import io
import re

from pypdf import PdfReader

from app.services.agency.public import internal_terms

ID_PATTERN = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def text_of(pdf: bytes) -> tuple[int, str]:
    reader = PdfReader(io.BytesIO(pdf))
    text = "\n".join(page.extract_text() for page in reader.pages)
    return len(reader.pages), " ".join(text.split())


def assert_fit_for_employers(text: str) -> None:
    """No record ids, no internal category names."""
    assert not ID_PATTERN.search(text), ID_PATTERN.search(text)
    for term in [*internal_terms(), "justice", "DHS", "Pathways"]:
        assert term.casefold() not in text.casefold(), term
