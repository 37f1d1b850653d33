"""The RFI form as a file: write it pre-filled for an employer, read a returned one into the record."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from app import forms
from app.core.models import Employer
from app.core.models.rfi import AnswerSource
from app.core.rfi import RfiDefinition
from app.documents import rfi_form, rfi_form_reader
from app.services.agency import settings
from app.services.rfi import rfi as rfi_service
from app.store import private
from app.store.engine import Store


@dataclass(frozen=True)
class ImportResult:
    employer_id: str
    employer_name: str
    changes: list[rfi_service.AnswerChange]
    missing: list[str]


def sender_line(store: Store) -> str:
    """The BSR's name and contact details, printed where the employer sends the form back."""
    me = settings.me(store)
    if me is None:
        return ""
    return ", ".join(p for p in (me.name, me.email, me.phone) if p)


def form_pdf(store: Store, employer_id: str, definition: RfiDefinition | None = None) -> bytes:
    """The fillable RFI for this employer, pre-filled with everything already known."""
    definition = definition or forms.RFI.load()
    with store.session() as session:
        employer = session.get(Employer, employer_id)
        if employer is None or employer.deleted_at is not None:
            raise LookupError(f"No employer with id {employer_id}.")
        name = employer.display_name
    known = rfi_service.known_values(store, employer_id, definition)
    header = rfi_form.FormHeader(
        employer_id=employer_id,
        employer_name=name,
        agency_name=forms.PROGRAMS.load().agency.name,
        sender_line=sender_line(store),
    )
    return rfi_form.build(definition, header, known)


def write_form(store: Store, employer_id: str, out: Path) -> Path:
    """Write the form to `out` through a temporary file, so a half-written PDF never remains."""
    data = form_pdf(store, employer_id)
    private.private_folder(out.parent)
    tmp = out.with_name(f".{out.name}.tmp")
    private.write_bytes(tmp, data)
    tmp.replace(out)
    return out


def entry_preset(raw: dict[str, Any], definition: RfiDefinition) -> dict[str, Any]:
    """Answers read from a refused PDF, to correct by hand: values longer than their field
    allows are left out (the BSR types the real answer), the rest are kept to fix."""
    fields = {f.id: f for f in definition.fields}
    return {
        key: value
        for key, value in raw.items()
        if not (isinstance(value, str) and key in fields and len(value) > fields[key].max_length)
    }


def import_form(
    store: Store,
    source: Path | bytes,
    entered_by: str | None = None,
    received_on: date | None = None,
    definition: RfiDefinition | None = None,
) -> ImportResult:
    """Read a returned RFI PDF into the employer it was made for; nothing to choose or retype.

    Raises rfi_form.RfiFormError (not our form / unreadable), LookupError (employer not in
    this store) or rfi_service.RfiAnswersError (answers that need correcting; nothing saved).
    """
    definition = definition or forms.RFI.load()
    employer_id, raw = rfi_form_reader.read(source, definition)
    with store.session() as session:
        employer = session.get(Employer, employer_id)
        if employer is None or employer.deleted_at is not None:
            raise LookupError(
                "This form was made for an employer that is not in your records "
                f"(id {employer_id}). Sync with the team folder, then import it again."
            )
        name = employer.display_name
    if employer.merged_into:
        employer_id = employer.merged_into
    changes = rfi_service.record_answers(
        store,
        employer_id,
        raw,
        source=AnswerSource.PDF.value,
        entered_by=entered_by,
        received_on=received_on,
        definition=definition,
    )
    missing = [
        f"Q{f.number} {f.label}" for f in rfi_service.missing(store, employer_id, definition)
    ]
    return ImportResult(employer_id, name, changes, missing)
