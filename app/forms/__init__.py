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

from app.core import checkins, retention
from app.core.agency import agency_from_mapping
from app.core.email_templates import REQUIRED, template_from_mapping
from app.core.flyer_wording import wording_from_mapping
from app.core.metrics import from_mapping as metrics_from_mapping
from app.core.ojt_policy import onet_from_mapping, policy_from_mapping
from app.core.programs import catalog_from_mapping
from app.core.reimbursement import scale_from_mapping
from app.core.rfi import rfi_from_mapping
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

AGENCY = register("agency.toml", agency_from_mapping)
RFI = register("rfi.toml", rfi_from_mapping)
PROGRAMS = register("programs.toml", catalog_from_mapping, needs=(RFI,))
REIMBURSEMENT = register("reimbursement.toml", scale_from_mapping)
RETENTION = register("retention.toml", retention.rules_from_mapping)
CHECKINS = register("checkins.toml", checkins.rules_from_mapping)
OJT = register("ojt.toml", policy_from_mapping)
ONET = register("onet.toml", onet_from_mapping)
METRICS = register("metrics.toml", metrics_from_mapping)
FLYERS = register("flyers.toml", wording_from_mapping)
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
