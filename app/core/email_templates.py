"""Email templates, one forms/emails/*.toml file each: checked when built, filled with `${placeholders}`."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from string import Template
from typing import Any

from app.core.forms_data import FormsDataError

PLACEHOLDERS = frozenset(
    {
        "employer_name",
        "contact_name",
        "agency_name",
        "agency_website",
        "bsr_name",
        "bsr_email",
        "bsr_phone",
        "bsr_office",
        "eligible_list",
        "needs_info_list",
        "not_eligible_list",
        "open_services_list",
        "missing_list",
        "participant_name",
        "opening_title",
        "resume_file",
    }
)
FLYER_CHOICES = ("all", "eligible", "wanted", "none")
#: The templates the app relies on; others may be added freely.
REQUIRED = ("follow_up", "eligible", "not_eligible", "missing_info", "rfi_reminder", "resume")


@dataclass(frozen=True)
class EmailTemplate:
    key: str
    name: str
    subject: str
    body: str
    flyers: str
    rfi_form: bool

    def fill(self, values: dict[str, str]) -> tuple[str, str]:
        """Subject and body with every placeholder replaced (missing values become empty)."""
        full = {name: "" for name in PLACEHOLDERS} | values
        subject = " ".join(Template(self.subject).substitute(full).split())
        body = Template(self.body).substitute(full)
        # A list placeholder left empty must not leave a hole of blank lines.
        while "\n\n\n" in body:
            body = body.replace("\n\n\n", "\n\n")
        return subject, body.strip() + "\n"


def template_from_mapping(key: str, data: Mapping[str, Any]) -> EmailTemplate:
    """The template named `key` (its file's name) from its file's contents."""
    for name in ("name", "subject", "body"):
        if not isinstance(data.get(name), str) or not data[name].strip():
            raise FormsDataError(f"key '{name}' is missing or empty", (name,))
    for name in ("subject", "body"):
        template = Template(data[name])
        if not template.is_valid():
            raise FormsDataError(
                f"key '{name}' has a '$' that is not a placeholder (write $$ for a dollar sign)",
                (name,),
            )
        unknown = sorted(set(template.get_identifiers()) - PLACEHOLDERS)
        if unknown:
            raise FormsDataError(
                f"key '{name}' uses unknown placeholder ${{{unknown[0]}}}; "
                f"known: {', '.join(sorted(PLACEHOLDERS))}",
                (name,),
                near=(f"${{{unknown[0]}}}", f"${unknown[0]}"),
            )
    flyers = data.get("flyers", "none")
    if flyers not in FLYER_CHOICES:
        raise FormsDataError(
            f"key 'flyers' is {flyers!r}; use one of {', '.join(FLYER_CHOICES)}", ("flyers",)
        )
    rfi_form = data.get("rfi_form", False)
    if not isinstance(rfi_form, bool):
        raise FormsDataError("key 'rfi_form' must be true or false", ("rfi_form",))
    return EmailTemplate(
        key=key,
        name=data["name"].strip(),
        subject=data["subject"],
        body=data["body"],
        flyers=flyers,
        rfi_form=rfi_form,
    )
