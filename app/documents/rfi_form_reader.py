"""Reading a returned RFI form: the employer id and the answers, from a PDF that may have
been filled in any reader, saved again, damaged or altered. Nothing is read from a file
that does not hold together. The form itself is written by `app.documents.rfi_form`.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from app.core.rfi import POSITION_KEYS, RfiDefinition
from app.core.rfi_answers import option_key
from app.documents.rfi_form import (
    ID_FIELD,
    KEYWORD_PREFIX,
    SIGNATURE_FIELDS,
    RfiFormDamaged,
    RfiFormError,
    RfiFormLocked,
)

#: A returned RFI form is about 60 KB; anything this large is not one.
MAX_PDF_BYTES = 20 * 1024 * 1024


def field_names(definition: RfiDefinition) -> set[str]:
    """Every field name `build` puts on the form."""
    names = {ID_FIELD, *SIGNATURE_FIELDS}
    for f in definition.fields:
        if f.type == "positions":
            names.update(f"{f.id}_{n}_{key}" for n in range(1, f.rows + 1) for key in POSITION_KEYS)
        elif f.type == "choice" and f.multiple:
            names.update(f"{f.id}__{option_key(o)}" for o in f.options)
        else:
            names.add(f.id)
    return names


def _pdf_bytes(source: bytes | Path | str) -> bytes:
    if isinstance(source, bytes):
        data = source
    else:
        try:
            path = Path(source)
            if path.stat().st_size > MAX_PDF_BYTES:
                raise RfiFormError(
                    f"{path.name} is {path.stat().st_size // (1024 * 1024)} MB; a filled-in RFI form "
                    "is well under 1 MB, so this is not one. Ask the employer to send the form again."
                )
            data = path.read_bytes()
        except OSError as exc:
            raise RfiFormError(f"The file cannot be opened: {exc.strerror or exc}.") from exc
    if len(data) > MAX_PDF_BYTES:
        raise RfiFormError("This file is far larger than an RFI form; it is not one.")
    return data


def read(source: bytes | Path | str, definition: RfiDefinition) -> tuple[str, dict[str, Any]]:
    """The employer id and the raw answers (as typed in the form) of a filled-in RFI PDF.

    A damaged, locked or altered file raises RfiFormError: no answer is read from it.
    """
    from app.documents import pdf_fields

    try:
        reader = pdf_fields.open_pdf(_pdf_bytes(source))
        fields = pdf_fields.form_fields(reader)
        keywords = str((reader.metadata or {}).get("/Keywords", "") or "")
        _check_fields(fields, definition)
    except pdf_fields.PdfEncrypted as exc:
        raise RfiFormLocked(str(exc)) from exc
    except pdf_fields.PdfNotPdf as exc:
        raise RfiFormError(str(exc)) from exc
    except pdf_fields.PdfUnreadable as exc:
        raise RfiFormDamaged(str(exc)) from exc
    except Exception as exc:  # noqa: BLE001 - metadata of a broken file raises many kinds
        raise RfiFormDamaged(pdf_fields.DAMAGED.format(why=type(exc).__name__)) from exc
    values = {name: _field_value(field.value) for name, field in fields.items()}
    employer_id = str(values.get(ID_FIELD) or "").strip()
    from_keywords = (
        keywords[len(KEYWORD_PREFIX) :].strip() if keywords.startswith(KEYWORD_PREFIX) else ""
    )
    if employer_id and from_keywords and employer_id != from_keywords:
        raise RfiFormDamaged(
            pdf_fields.DAMAGED.format(why="the employer id is written two different ways")
        )
    employer_id = employer_id or from_keywords
    if from_keywords and not set(fields) & field_names(definition):
        # Every form Employer Desk makes has answer boxes: without any (the form's
        # catalog damaged, or the file printed to a new PDF) every answer would read blank.
        raise RfiFormDamaged(
            pdf_fields.DAMAGED.format(
                why="it carries this form's employer id but none of its answer boxes"
            )
        )
    if not employer_id:
        raise RfiFormError(
            "This PDF is not an RFI form made by Employer Desk (it carries no employer id). "
            "Enter the answers with the RFI entry dialog instead."
        )
    raw: dict[str, Any] = {}
    for f in definition.fields:
        if f.type == "positions":
            rows = []
            for n in range(1, f.rows + 1):
                row = {key: values.get(f"{f.id}_{n}_{key}") for key in POSITION_KEYS}
                if "wage_cents" in row:
                    row["wage"] = row.pop("wage_cents")
                rows.append(row)
            raw[f.id] = rows
        elif f.type == "choice" and f.multiple:
            raw[f.id] = [o for o in f.options if _checked(values.get(f"{f.id}__{option_key(o)}"))]
        elif f.type == "choice":
            picked = _name(values.get(f.id))
            raw[f.id] = next((o for o in f.options if option_key(o) == picked), picked or None)
        elif f.type == "yesno":
            picked = _name(values.get(f.id))
            raw[f.id] = picked or None
        elif f.id in values:
            raw[f.id] = values[f.id]
    return employer_id, raw


def _check_fields(fields: Mapping[str, Any], definition: RfiDefinition) -> None:
    """Refuse fields this form never had and answers whose value and appearance disagree."""
    from app.documents.pdf_fields import damaged, same_text

    unknown = sorted(set(fields) - field_names(definition))
    if unknown and ID_FIELD in fields:
        raise damaged(f"it holds a field this form does not have ({unknown[0][:40]})")
    for name, field in fields.items():
        value = _field_value(field.value)
        if field.kind == "/Btn":
            chosen = _name(value)
            shown = [_name(s) for s in field.states if _name(s)]
            if shown != ([chosen] if chosen else []) and field.states:
                raise damaged(f"{_where(name, definition)} is marked differently from its answer")
        elif isinstance(value, str) and value.strip():
            for text in field.shown:
                if not same_text(value, text) and (_drawable(value) or _plain(text)):
                    raise damaged(
                        f"the answer to {_where(name, definition)} differs from what the form shows"
                    )


def _where(name: str, definition: RfiDefinition) -> str:
    """A form field as the BSR knows it: its question number and label."""
    for f in definition.fields:
        if name == f.id or name.startswith(f"{f.id}_"):
            return f"question {f.number} “{f.label[:60]}”"
    return "the employer id" if name == ID_FIELD else "a field"


def _drawable(value: str) -> bool:
    """True when a PDF reader draws this text with the form's own font (so it can be compared)."""
    try:
        value.encode("cp1252")
    except UnicodeEncodeError:
        return False
    return True


def _plain(shown: str) -> bool:
    """True when an appearance draws plain readable text (not glyph numbers of an embedded font):
    a value in another script that shows as plain Latin text was changed in the file."""
    return bool(shown.strip()) and all(ch.isprintable() or ch.isspace() for ch in shown)


def _field_value(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, list | tuple):
        return [str(v) for v in value]
    return str(value)


def _name(value: Any) -> str:
    text = str(value or "").strip()
    if text.startswith("/"):
        text = text[1:]
    return "" if text in ("Off", "") else text


def _checked(value: Any) -> bool:
    return _name(value) not in ("", "Off")
