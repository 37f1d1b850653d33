"""Field rules for what BSRs type: each returns the value to store, or raises with a plain reason."""

from __future__ import annotations

import re
from datetime import date

import phonenumbers
from email_validator import EmailNotValidError, validate_email

DEFAULT_REGION = "US"


class FieldError(ValueError):
    """A value that must not be saved; `field` names where to show the message."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


def clean_fein(value: str, field: str = "fein") -> str:
    """A Federal Employer Identification Number: 9 digits, stored as 12-3456789."""
    value = value.strip()
    if not value:
        return ""
    digits = re.sub(r"[\s-]", "", value)
    if not digits.isdigit() or len(digits) != 9:
        raise FieldError(field, "A FEIN has exactly 9 digits, like 12-3456789.")
    return f"{digits[:2]}-{digits[2:]}"


def clean_phone(value: str, field: str = "phone") -> str:
    """A phone number in national format, (312) 555-0100, with any extension kept."""
    value = value.strip()
    if not value:
        return ""
    try:
        number = phonenumbers.parse(value, DEFAULT_REGION)
    except phonenumbers.NumberParseException as exc:
        raise FieldError(field, "This is not a phone number.") from exc
    if not phonenumbers.is_possible_number(number) or not phonenumbers.is_valid_number(number):
        raise FieldError(
            field, "This phone number has the wrong number of digits or no such area code."
        )
    if number.country_code == 1:
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def clean_email(value: str, field: str = "email") -> str:
    """An email address, checked for form only (never looked up on the network)."""
    value = value.strip()
    if not value:
        return ""
    try:
        return validate_email(value, check_deliverability=False).normalized
    except EmailNotValidError as exc:
        raise FieldError(field, f"This email address is not valid: {exc}") from exc


def clean_zip(value: str, field: str = "zip_code") -> str:
    """A US ZIP code: 5 digits, or ZIP+4."""
    value = value.strip()
    if not value:
        return ""
    if not re.fullmatch(r"\d{5}(-\d{4})?", value):
        raise FieldError(field, "A ZIP code has 5 digits (or 5+4, like 60651-1234).")
    return value


def clean_website(value: str, field: str = "website") -> str:
    value = value.strip()
    if not value:
        return ""
    if " " in value or "." not in value:
        raise FieldError(field, "This does not look like a web address, like example.com.")
    return value


def clean_count(value: str | int | None, field: str) -> int | None:
    """A head count: empty or a whole number from 0 up."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        number = int(str(value).replace(",", "").strip())
    except ValueError as exc:
        raise FieldError(field, "Enter a whole number, like 25.") from exc
    if number < 0:
        raise FieldError(field, "A number of employees cannot be negative.")
    return number


def clean_naics(value: str, field: str = "naics_code") -> str:
    value = value.strip()
    if value and not re.fullmatch(r"\d{2,6}", value):
        raise FieldError(field, "A NAICS code has 2 to 6 digits, like 311811.")
    return value


def clean_required(value: str, field: str, label: str) -> str:
    value = value.strip()
    if not value:
        raise FieldError(field, f"{label} is required.")
    return value


def clean_date(value: str | date | None, field: str, label: str = "The date") -> date | None:
    """A calendar day typed as 2026-05-04 or 5/4/2026; empty means none."""
    if value is None or isinstance(value, date):
        return value
    value = value.strip()
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        pass
    found = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", value)
    if found:
        try:
            return date(int(found.group(3)), int(found.group(1)), int(found.group(2)))
        except ValueError:
            pass
    raise FieldError(field, f"{label} must be a real date, like 5/4/2026 or 2026-05-04.")


def clean_wage_cents(value: str | int | None, field: str = "wage_cents") -> int | None:
    """An hourly wage typed in dollars ($18.50) stored as whole cents (1850)."""
    if value is None or isinstance(value, int):
        return value
    text = value.strip().replace("$", "").replace(",", "")
    if not text:
        return None
    found = re.fullmatch(r"(\d{1,5})(?:\.(\d{1,2}))?", text)
    if not found:
        raise FieldError(field, "Enter the wage in dollars, like 18.50.")
    cents = int(found.group(1)) * 100 + int((found.group(2) or "0").ljust(2, "0"))
    if cents == 0:
        raise FieldError(field, "A wage of $0 cannot be right; leave it empty if unknown.")
    return cents


def clean_hours(value: str | float | None, field: str = "hours_per_week") -> float | None:
    """Hours a week: empty, or a number above 0 and at most 80."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        hours = float(str(value).strip())
    except ValueError as exc:
        raise FieldError(field, "Enter the hours a week as a number, like 40 or 37.5.") from exc
    if not 0 < hours <= 80:
        raise FieldError(field, "Hours a week must be more than 0 and at most 80.")
    return hours


def clean_choice(value: str, choices: dict[str, str], field: str, label: str) -> str:
    """One of a fixed set of stored values (`choices` maps value to its label)."""
    value = (value or "").strip()
    if value in choices:
        return value
    by_label = {text.casefold(): key for key, text in choices.items()}
    if value.casefold() in by_label:
        return by_label[value.casefold()]
    raise FieldError(field, f"{label} must be one of: {', '.join(choices.values())}.")
