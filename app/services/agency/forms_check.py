"""Start-up check of the agency files in forms/: a broken one stops the start with its name,
line and problem, instead of failing later in the middle of a BSR's work."""

from __future__ import annotations

from app.core.forms_file import FormsFileError


def check_forms() -> None:
    """Load (uncached) every forms/ file this area reads; raises FormsFileError on the first problem."""
    from app.core.programs import load_catalog
    from app.core.reimbursement import load_scale
    from app.core.rfi import load_rfi
    from app.mail.templates import load_templates
    from app.services.ojt import policy as ojt_policy
    from app.services.people import progress, retention
    from app.services.reports.definitions import load_definitions

    rfi = load_rfi()
    load_catalog(rfi=rfi)
    load_scale()
    load_templates()
    retention.load_rules()
    progress.load_rules()
    load_definitions(cached=False)
    ojt_policy.check()


def explain(exc: FormsFileError) -> str:
    """The message a BSR (or whoever edits forms/) reads."""
    return (
        f"A file in the forms folder is broken: {exc}. Nothing has been changed. "
        "Fix the file (or put back the previous copy) and start Employer Desk again."
    )


__all__ = ["FormsFileError", "check_forms", "explain"]
