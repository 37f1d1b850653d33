"""Email templates from forms/emails/*.toml, checked at load, filled with `${placeholders}`."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from string import Template

from app.core.forms_file import FORMS_DIR, FormsFileError, line_of, read_toml

EMAILS_DIR = FORMS_DIR / "emails"
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
    }
)
FLYER_CHOICES = ("all", "eligible", "wanted", "none")
#: The templates the app relies on; others may be added freely.
REQUIRED = ("follow_up", "eligible", "not_eligible", "missing_info", "rfi_reminder")


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


def load_template(path: Path) -> EmailTemplate:
    data, text = read_toml(path)
    for key in ("name", "subject", "body"):
        if not isinstance(data.get(key), str) or not data[key].strip():
            raise FormsFileError(path, f"key '{key}' is missing or empty", line_of(text, key))
    for key in ("subject", "body"):
        template = Template(data[key])
        if not template.is_valid():
            raise FormsFileError(
                path,
                f"key '{key}' has a '$' that is not a placeholder (write $$ for a dollar sign)",
                line_of(text, key),
            )
        unknown = sorted(set(template.get_identifiers()) - PLACEHOLDERS)
        if unknown:
            raise FormsFileError(
                path,
                f"key '{key}' uses unknown placeholder ${{{unknown[0]}}}; "
                f"known: {', '.join(sorted(PLACEHOLDERS))}",
                _placeholder_line(text, unknown[0]) or line_of(text, key),
            )
    flyers = data.get("flyers", "none")
    if flyers not in FLYER_CHOICES:
        raise FormsFileError(
            path,
            f"key 'flyers' is {flyers!r}; use one of {', '.join(FLYER_CHOICES)}",
            line_of(text, "flyers"),
        )
    rfi_form = data.get("rfi_form", False)
    if not isinstance(rfi_form, bool):
        raise FormsFileError(
            path, "key 'rfi_form' must be true or false", line_of(text, "rfi_form")
        )
    return EmailTemplate(
        key=path.stem,
        name=data["name"].strip(),
        subject=data["subject"],
        body=data["body"],
        flyers=flyers,
        rfi_form=rfi_form,
    )


def _placeholder_line(text: str, name: str) -> int | None:
    for number, line in enumerate(text.splitlines(), 1):
        if f"${{{name}}}" in line or f"${name}" in line:
            return number
    return None


def load_templates(folder: Path | None = None) -> dict[str, EmailTemplate]:
    folder = folder or EMAILS_DIR
    templates = {p.stem: load_template(p) for p in sorted(folder.glob("*.toml"))}
    for key in REQUIRED:
        if key not in templates:
            raise FormsFileError(folder / f"{key}.toml", "this email template is missing")
    return templates


@lru_cache(maxsize=1)
def default_templates() -> dict[str, EmailTemplate]:
    return load_templates(EMAILS_DIR)
