"""Which programs an employer qualifies for, from its RFI answers and history; confirmed decisions.

Evaluation is pure (app.core.programs); this module gathers the inputs, reads the
employer's history facts, and records what a BSR confirmed and when.
"""

from __future__ import annotations

import importlib
import json
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlmodel import select

from app import forms
from app.core.models import EligibilityDecision, Employer
from app.core.programs import Catalog, ProgramResult, Result, evaluate_all
from app.core.rfi import AnswerField, RfiDefinition
from app.core.rfi_answers import missing_fields
from app.services.rfi import rfi as rfi_service
from app.store.engine import Store

#: Where history facts come from: "module:function" taking (store, employer_id), returning
#: the fact's value or None when unknown. A missing module means "not tracked yet".
FACT_PROVIDERS: dict[str, str] = {
    "retention_pattern": "app.services.rfi.eligibility:retention_pattern",
    "employer_fit": "app.services.rfi.eligibility:employer_fit",
}


def retention_pattern(store: Store, employer_id: str) -> str | None:
    """'none', 'ok' or 'failing' from the placements the retention figures track; None when
    retention is not tracked on this store (the OJT rule then needs information)."""
    try:
        retention = importlib.import_module("app.services.people.retention")
        signal = retention.employer_fit(store, employer_id)
        placements = signal.ojt.placements
        pattern = bool(signal.ojt_pattern)
    except Exception:  # noqa: BLE001 - a store without the placement tables: not tracked
        return None
    if pattern:
        return "failing"
    return "none" if placements == 0 else "ok"


def employer_fit(store: Store, employer_id: str) -> str | None:
    """'good', 'watch', 'poor' or 'unknown': the fit every page applies (placement history
    or a BSR's override); None when placements are not tracked on this store."""
    try:
        from app.services.employers import fit

        return fit.fit_of(store, employer_id).level.value
    except Exception:  # noqa: BLE001 - a store without the placement tables: not tracked
        return None


def fit_report(store: Store, employer_id: str) -> dict[str, Any]:
    """The fit as the eligibility panel shows it: level, label, reasons, override."""
    from app.services.employers import fit

    found = fit.fit_of(store, employer_id)
    return {
        "level": found.level.value,
        "label": found.level.label,
        "measured": found.measured.value,
        "reasons": list(found.reasons),
        "overridden": found.override is not None,
    }


def facts(store: Store, employer_id: str) -> dict[str, Any]:
    result: dict[str, Any] = {}
    with store.session() as session:
        employer = session.get(Employer, employer_id)
        if employer is not None:
            result["stage"] = employer.stage
    for name, target in FACT_PROVIDERS.items():
        module_name, _, func = target.partition(":")
        try:
            provider = getattr(importlib.import_module(module_name), func)
        except (ImportError, AttributeError):
            continue
        result[name] = provider(store, employer_id)
    return result


@dataclass(frozen=True)
class Evaluation:
    employer_id: str
    results: tuple[ProgramResult, ...]
    answers: dict[str, Any]
    missing: tuple[AnswerField, ...]
    digest: str
    facts: dict[str, Any]

    def result(self, code: str) -> ProgramResult:
        return next(r for r in self.results if r.code == code)

    def by_result(self, result: Result) -> list[ProgramResult]:
        return [r for r in self.results if r.result == result]


def evaluate(
    store: Store,
    employer_id: str,
    catalog: Catalog | None = None,
    definition: RfiDefinition | None = None,
) -> Evaluation:
    """Every program's result with its reasons, on what is known now."""
    catalog = catalog or forms.PROGRAMS.load()
    definition = definition or forms.RFI.load()
    known = rfi_service.known_values(store, employer_id, definition)
    found = facts(store, employer_id)
    results = evaluate_all(catalog, known, found)
    return Evaluation(
        employer_id,
        tuple(results),
        known,
        tuple(missing_fields(definition, known)),
        rfi_service.digest(known),
        found,
    )


def confirm(
    store: Store,
    employer_id: str,
    staff_id: str | None,
    evaluation: Evaluation | None = None,
    decided_on: date | None = None,
) -> list[EligibilityDecision]:
    """Record the BSR's confirmation of every program's result, with date and BSR."""
    evaluation = evaluation or evaluate(store, employer_id)
    rows = decision_rows(evaluation, staff_id, decided_on or date.today())
    with store.transaction() as session:
        if session.get(Employer, employer_id) is None:
            raise LookupError(f"No employer with id {employer_id}.")
        for row in rows:
            session.add(row)
    return rows


def decision_rows(
    evaluation: Evaluation, staff_id: str | None, decided_on: date
) -> list[EligibilityDecision]:
    """The rows a confirmation adds, one per program; for callers confirming many at once."""
    return [
        EligibilityDecision(
            employer_id=evaluation.employer_id,
            program=result.code,
            result=result.result.value,
            reasons_json=json.dumps(result.as_dict()["reasons"]),
            confirmed_by=staff_id,
            decided_on=decided_on,
            answers_digest=evaluation.digest,
        )
        for result in evaluation.results
    ]


def latest_decisions(store: Store, employer_id: str) -> dict[str, EligibilityDecision]:
    """The standing confirmed decision per program (newest confirmation wins)."""
    with store.session() as session:
        rows = session.exec(
            select(EligibilityDecision)
            .where(
                EligibilityDecision.employer_id == employer_id,
                EligibilityDecision.deleted_at.is_(None),  # type: ignore[union-attr]
            )
            .order_by(EligibilityDecision.decided_on, EligibilityDecision.created_at)  # type: ignore[arg-type]
        )
        latest: dict[str, EligibilityDecision] = {}
        for row in rows:
            latest[row.program] = row
        return latest


def report(store: Store, employer_id: str) -> dict[str, Any]:
    """What the eligibility panel shows, as plain data (for --json and tests)."""
    evaluation = evaluate(store, employer_id)
    definition = forms.RFI.load()
    decisions = latest_decisions(store, employer_id)
    staff_names = _staff_names(store)
    with store.session() as session:
        employer = session.get(Employer, employer_id)
        name = employer.display_name if employer else ""
        stage = employer.stage if employer else ""
    programs = []
    for result in evaluation.results:
        item = result.as_dict()
        decision = decisions.get(result.code)
        item["confirmed"] = (
            {
                "result": decision.result,
                "decided_on": decision.decided_on.isoformat(),
                "confirmed_by": staff_names.get(decision.confirmed_by or "", decision.confirmed_by),
                "current": decision.answers_digest == evaluation.digest
                and decision.result == result.result.value,
            }
            if decision
            else None
        )
        programs.append(item)
    return {
        "employer_id": employer_id,
        "employer": name,
        "stage": stage,
        "answers": {
            f.id: {
                "question": f.number,
                "label": f.label,
                "value": evaluation.answers.get(f.id),
            }
            for f in definition.fields
            if f.id in evaluation.answers
        },
        "missing": [
            {"id": f.id, "question": f.number, "label": f.label} for f in evaluation.missing
        ],
        "facts": evaluation.facts,
        "fit": fit_report(store, employer_id),
        "programs": programs,
    }


def _staff_names(store: Store) -> dict[str, str]:
    from app.services.agency.org import staff

    return {s.id: s.name for s in staff(store)}
