"""The one place the OJT services read forms/: the reimbursement scale, forms/ojt.toml and
forms/onet.toml, each built once per file by its pure builder in app.core."""

from __future__ import annotations

from pathlib import Path

from app.core.forms_file import FORMS_DIR
from app.core.ojt_policy import (
    Occupation,
    OjtPolicy,
    OjtPolicyError,
    onet_from_mapping,
    policy_from_mapping,
)
from app.core.reimbursement import OjtScale, default_scale
from app.services.agency import rules_files

POLICY_FILE = "ojt.toml"
ONET_FILE = "onet.toml"

_policy_cache: dict[Path, OjtPolicy] = {}
_onet_cache: dict[Path, tuple[Occupation, ...]] = {}


def policy(path: Path | None = None) -> OjtPolicy:
    """forms/ojt.toml as rules; a bad value is refused with file, line and problem."""
    return rules_files.load(
        path or FORMS_DIR / POLICY_FILE, policy_from_mapping, OjtPolicyError, _policy_cache
    )


def occupations(path: Path | None = None) -> tuple[Occupation, ...]:
    """The common O*NET-SOC occupations offered for a position (forms/onet.toml)."""
    return rules_files.load(
        path or FORMS_DIR / ONET_FILE, onet_from_mapping, OjtPolicyError, _onet_cache
    )


def scale() -> OjtScale:
    """The reimbursement scale (forms/reimbursement.toml)."""
    return default_scale()


def occupation_title(code: str) -> str:
    """The title of a listed occupation, or "" for a code typed freely."""
    return next((o.title for o in occupations() if o.code == code), "")


def check() -> None:
    """Read forms/ojt.toml and forms/onet.toml afresh (for the start-up check)."""
    _policy_cache.clear()
    _onet_cache.clear()
    policy()
    occupations()
