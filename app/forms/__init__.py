"""The one place that reads the forms folder: each agency file registered once.

Use: ``forms.RFI.load()`` gives the built (cached) object; a broken file raises
`FormsFileError` naming file, line and problem; `check_all()` runs at start.

Adding a file (say forms/onet.toml):
1. write a pure builder in `app/core` that takes the parsed mapping and returns the
   rules, raising `app.core.forms_data.FormsDataError(problem, at=(keys...))` for a
   bad value (`at` is the place in the document; the registry finds its line);
2. register it below in one line: ``ONET = register("onet.toml", onet_from_mapping)``
   (``needs=(OTHER,)`` when the builder needs another file's object as well).
The start-up check and the test that breaks every registered file pick it up.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

from app.core.email_templates import REQUIRED, template_from_mapping
from app.forms.locate import FormsFileError
from app.forms.registry import (
    REGISTRY,
    check_all,
    clear_cache,
    explain,
    folder,
    register,
    register_folder,
    set_folder,
)


def _built_by(module: str, name: str) -> Callable[..., Any]:
    """The builder `name` of `module`, imported when its file is first built (at the latest
    by `check_all` at start): the list shown first reads retention.toml for its Fit column
    without importing every other file's rules (the RFI's brings the validation libraries)."""

    def build(*args: Any) -> Any:
        return getattr(importlib.import_module(module), name)(*args)

    build.__name__ = name
    return build


AGENCY = register("agency.toml", _built_by("app.core.agency", "agency_from_mapping"))
RFI = register("rfi.toml", _built_by("app.core.rfi", "rfi_from_mapping"))
PROGRAMS = register(
    "programs.toml", _built_by("app.core.programs", "catalog_from_mapping"), needs=(RFI,)
)
REIMBURSEMENT = register(
    "reimbursement.toml", _built_by("app.core.reimbursement", "scale_from_mapping")
)
RETENTION = register("retention.toml", _built_by("app.core.retention", "rules_from_mapping"))
CHECKINS = register("checkins.toml", _built_by("app.core.checkins", "rules_from_mapping"))
OJT = register("ojt.toml", _built_by("app.core.ojt_policy", "policy_from_mapping"))
ONET = register("onet.toml", _built_by("app.core.ojt_policy", "onet_from_mapping"))
METRICS = register("metrics.toml", _built_by("app.core.metrics", "from_mapping"))
FLYERS = register("flyers.toml", _built_by("app.core.flyer_wording", "wording_from_mapping"))
EMAILS = register_folder(
    "emails", template_from_mapping, required=REQUIRED, missing="this email template is missing"
)

__all__ = [
    "AGENCY",
    "CHECKINS",
    "EMAILS",
    "FLYERS",
    "METRICS",
    "OJT",
    "ONET",
    "PROGRAMS",
    "REGISTRY",
    "REIMBURSEMENT",
    "RETENTION",
    "RFI",
    "FormsFileError",
    "check_all",
    "clear_cache",
    "explain",
    "folder",
    "set_folder",
]
