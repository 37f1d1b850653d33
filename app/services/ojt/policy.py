"""The OJT services' view of the agency's rules: forms/ojt.toml, forms/onet.toml and the
reimbursement scale, each read once through the forms registry (`app.forms`)."""

from __future__ import annotations

from app import forms
from app.core.ojt_policy import Occupation, OjtPolicy
from app.core.reimbursement import OjtScale


def policy() -> OjtPolicy:
    """forms/ojt.toml as rules; a bad value is refused with file, line and problem."""
    return forms.OJT.load()


def occupations() -> tuple[Occupation, ...]:
    """The common O*NET-SOC occupations offered for a position (forms/onet.toml)."""
    return forms.ONET.load()


def scale() -> OjtScale:
    """The reimbursement scale (forms/reimbursement.toml)."""
    return forms.REIMBURSEMENT.load()


def occupation_title(code: str) -> str:
    """The title of a listed occupation, or "" for a code typed freely."""
    return next((o.title for o in occupations() if o.code == code), "")
