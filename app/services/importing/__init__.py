"""Bringing master spreadsheets in: read, map columns, plan (no writes), apply in one transaction.

Pure services (no Qt): the import wizard and `employer-desk import` both call these.
"""

from app.services.importing.mapping import (
    TARGETS,
    Table,
    guess_mapping,
    header_set_key,
    initial_mapping,
    remember_mapping,
    remembered_mapping,
)
from app.services.importing.matching import PossibleDuplicate
from app.services.importing.plan import (
    ImportCancelled,
    ImportPlan,
    ImportRefused,
    ImportResult,
    PlannedEmployer,
    apply_plan,
    load_table,
    plan_import,
)
from app.services.importing.reading import ImportFileError
from app.services.importing.rows import RowIssue

__all__ = [
    "TARGETS",
    "ImportCancelled",
    "ImportFileError",
    "ImportPlan",
    "ImportRefused",
    "ImportResult",
    "PlannedEmployer",
    "PossibleDuplicate",
    "RowIssue",
    "Table",
    "apply_plan",
    "guess_mapping",
    "header_set_key",
    "initial_mapping",
    "load_table",
    "plan_import",
    "remember_mapping",
    "remembered_mapping",
]
