"""What papers for employers may say about the agency: its letterhead and public program names.

Programs marked `public = false` in forms/agency.toml are internal categories
(justice-involved, Pathways to Peace, DHS): employers see their people counted
under "Other programs", never the category.
"""

from __future__ import annotations

from app import forms
from app.core.models import Office, Staff
from app.documents.letterhead import Letterhead
from app.services.agency.offices import office_card

OTHER_PROGRAMS = "Other programs"


def public_program_names() -> dict[str, str]:
    """Program code, and program name, -> the name an employer may read."""
    out: dict[str, str] = {}
    for p in forms.AGENCY.load().programs:
        label = p["name"] if p.get("public", True) else OTHER_PROGRAMS
        out[p["code"]] = out[p["name"]] = label
    return out


def public_program_list(codes: str | list[str]) -> str:
    """Stored program codes ("wioa-youth,justice") as an employer may read them, each once:
    "WIOA Youth, Other programs". An unknown code reads as "Other programs" too."""
    items = codes.split(",") if isinstance(codes, str) else codes
    names = public_program_names()
    labels = [names.get(c.strip(), OTHER_PROGRAMS) for c in items if c.strip()]
    return ", ".join(dict.fromkeys(labels))


def internal_terms() -> list[str]:
    """Names and codes of internal categories: never printed on employer papers."""
    out: list[str] = []
    for p in forms.AGENCY.load().programs:
        if not p.get("public", True):
            out += [p["name"], p["code"]]
    return out


def letterhead(office: Office | None = None, staff: Staff | None = None) -> Letterhead:
    agency = forms.PROGRAMS.load().agency
    contact = ", ".join(p for p in (staff.name, staff.phone, staff.email) if p) if staff else ""
    card = office_card(office)
    return Letterhead(
        agency=agency.name,
        tagline=agency.tagline,
        website=agency.website,
        office_name=card.name if card else "",
        office_address=card.address if card else "",
        office_phone=card.phone if card else "",
        contact=contact,
    )
