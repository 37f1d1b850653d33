"""The program catalog and its eligibility rules, from forms/programs.toml.

Each program comes out eligible, not eligible or needs information, always with
reasons a BSR can read to an employer and the source of each rule.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from pathlib import Path
from typing import Any

from app.core.forms_file import FORMS_DIR, FormsFileError, line_after, line_of, read_toml
from app.core.rfi import RfiDefinition, default_rfi
from app.core.rules import AnswerInfo, ConditionError, Node, parse_condition

PROGRAMS_FILE = FORMS_DIR / "programs.toml"


class Result(StrEnum):
    ELIGIBLE = "eligible"
    NOT_ELIGIBLE = "not_eligible"
    NEEDS_INFORMATION = "needs_information"

    @property
    def label(self) -> str:
        return {
            "eligible": "Eligible",
            "not_eligible": "Not eligible",
            "needs_information": "Needs information",
        }[self.value]


@dataclass(frozen=True)
class Rule:
    id: str
    condition: Node
    checks: str
    reason: str
    source: str


@dataclass(frozen=True)
class ProgramDef:
    code: str
    name: str
    short_name: str
    description: str
    service: str
    benefits: tuple[str, ...]
    rules: tuple[Rule, ...]


@dataclass(frozen=True)
class Agency:
    name: str
    website: str
    tagline: str


@dataclass(frozen=True)
class Catalog:
    agency: Agency
    programs: tuple[ProgramDef, ...]

    def program(self, code: str) -> ProgramDef:
        for p in self.programs:
            if p.code == code:
                return p
        raise KeyError(code)


@dataclass(frozen=True)
class Reason:
    rule_id: str
    outcome: str  # "met", "not_met" or "unknown"
    text: str
    source: str
    missing: tuple[str, ...] = ()


@dataclass(frozen=True)
class ProgramResult:
    code: str
    name: str
    result: Result
    reasons: tuple[Reason, ...]
    missing: tuple[str, ...]

    def as_dict(self) -> dict[str, Any]:
        return {
            "program": self.code,
            "name": self.name,
            "result": self.result.value,
            "reasons": [
                {
                    "rule": r.rule_id,
                    "outcome": r.outcome,
                    "text": r.text,
                    "source": r.source,
                    "missing": list(r.missing),
                }
                for r in self.reasons
            ],
            "missing": list(self.missing),
        }


def evaluate_program(
    program: ProgramDef, answers: Mapping[str, Any], facts: Mapping[str, Any]
) -> ProgramResult:
    """One program's decision: any rule not met rules it out; any undecided rule asks for more."""
    met: list[Reason] = []
    failed: list[Reason] = []
    unknown: list[Reason] = []
    missing: list[str] = []
    for rule in program.rules:
        outcome = rule.condition.evaluate(answers, facts)
        if outcome.value is True:
            met.append(Reason(rule.id, "met", rule.checks, rule.source))
        elif outcome.value is False:
            failed.append(Reason(rule.id, "not_met", rule.reason, rule.source))
        else:
            needed = tuple(sorted(outcome.unknown_answers))
            text = f"Still to confirm: {rule.checks}"
            if outcome.unknown_facts and not needed:
                text += " (the employer's record does not show it yet)"
            unknown.append(Reason(rule.id, "unknown", text, rule.source, needed))
            missing.extend(a for a in needed if a not in missing)
    if failed:
        return ProgramResult(program.code, program.name, Result.NOT_ELIGIBLE, tuple(failed), ())
    if unknown:
        return ProgramResult(
            program.code, program.name, Result.NEEDS_INFORMATION, tuple(unknown), tuple(missing)
        )
    return ProgramResult(program.code, program.name, Result.ELIGIBLE, tuple(met), ())


def evaluate_all(
    catalog: Catalog, answers: Mapping[str, Any], facts: Mapping[str, Any]
) -> list[ProgramResult]:
    return [evaluate_program(p, answers, facts) for p in catalog.programs]


# Loading ------------------------------------------------------------------


def answer_infos(rfi: RfiDefinition) -> dict[str, AnswerInfo]:
    return {f.id: AnswerInfo(f.type, f.options) for f in rfi.fields}


def load_catalog(path: Path | None = None, rfi: RfiDefinition | None = None) -> Catalog:
    """Read and check the catalog; every condition is parsed now, so a typo stops the start."""
    path = path or PROGRAMS_FILE
    rfi = rfi or default_rfi()
    infos = answer_infos(rfi)
    data, text = read_toml(path)
    unknown = sorted(set(data) - {"agency", "rule_set", "program"})
    if unknown:
        raise FormsFileError(
            path,
            f"unknown section {unknown[0]!r} (use [agency], [[rule_set]], [[program]])",
            line_of(text, unknown[0]) or _header_line(text, unknown[0]),
        )
    agency_raw = data.get("agency", {})
    if not isinstance(agency_raw, dict) or not str(agency_raw.get("name", "")).strip():
        raise FormsFileError(
            path, "[agency] needs a name (printed on flyers and emails)", line_of(text, "name")
        )
    agency = Agency(
        name=str(agency_raw["name"]).strip(),
        website=str(agency_raw.get("website", "")).strip(),
        tagline=str(agency_raw.get("tagline", "")).strip(),
    )
    rule_sets: dict[str, tuple[Rule, ...]] = {}
    for n, raw in enumerate(_table_list(path, text, data, "rule_set"), 1):
        sid = str(raw.get("id", "")).strip()
        line = line_of(text, "id", sid) if sid else None
        if not sid:
            raise FormsFileError(path, f"[[rule_set]] number {n} has no id", line)
        if sid in rule_sets:
            raise FormsFileError(path, f"rule set {sid!r} is defined twice", line)
        rule_sets[sid] = _rules(path, text, f"rule set {sid!r}", raw.get("rule", []), infos)
    programs: list[ProgramDef] = []
    for n, raw in enumerate(_table_list(path, text, data, "program"), 1):
        programs.append(_program(path, text, n, raw, rule_sets, infos, {p.code for p in programs}))
    if not programs:
        raise FormsFileError(path, "needs at least one [[program]]")
    return Catalog(agency, tuple(programs))


@lru_cache(maxsize=2)
def default_catalog() -> Catalog:
    return load_catalog(PROGRAMS_FILE, default_rfi())


def _header_line(text: str, name: str) -> int | None:
    for number, line in enumerate(text.splitlines(), 1):
        if line.strip().strip("[]") == name:
            return number
    return None


def _table_list(path: Path, text: str, data: dict[str, Any], key: str) -> list[dict[str, Any]]:
    items = data.get(key, [])
    if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
        raise FormsFileError(
            path, f"'{key}' must be written as [[{key}]] tables", line_of(text, key)
        )
    return items


def _program(
    path: Path,
    text: str,
    n: int,
    raw: dict[str, Any],
    rule_sets: dict[str, tuple[Rule, ...]],
    infos: dict[str, AnswerInfo],
    seen: set[str],
) -> ProgramDef:
    code = str(raw.get("code", "")).strip()
    line = line_of(text, "code", code) if code else None
    where = f"program {n}" + (f" ({code!r})" if code else "")
    if not code:
        raise FormsFileError(path, f"{where}: key 'code' is missing", line)
    if code in seen:
        raise FormsFileError(path, f"{where}: code is used by another program", line)
    for key in ("name", "description"):
        if not str(raw.get(key, "")).strip():
            raise FormsFileError(path, f"{where}: key '{key}' is missing", line)
    rules: list[Rule] = []
    for sid in raw.get("rule_sets", []):
        if sid not in rule_sets:
            raise FormsFileError(
                path,
                f"{where}: rule set {sid!r} is not defined",
                line_after(text, line, "rule_sets"),
            )
        rules.extend(rule_sets[sid])
    rules.extend(_rules(path, text, where, raw.get("rule", []), infos))
    if not rules:
        raise FormsFileError(
            path, f"{where}: has no rules (add [[program.rule]] or rule_sets)", line
        )
    ids = [r.id for r in rules]
    duplicate = next((i for i in ids if ids.count(i) > 1), None)
    if duplicate:
        raise FormsFileError(path, f"{where}: rule id {duplicate!r} appears twice", line)
    benefits = raw.get("benefits", [])
    if not isinstance(benefits, list) or not all(isinstance(b, str) for b in benefits):
        raise FormsFileError(
            path,
            f"{where}: key 'benefits' must be a list of texts",
            line_after(text, line, "benefits"),
        )
    return ProgramDef(
        code=code,
        name=str(raw["name"]).strip(),
        short_name=str(raw.get("short_name", raw["name"])).strip(),
        description=" ".join(str(raw["description"]).split()),
        service=str(raw.get("service", "")).strip(),
        benefits=tuple(benefits),
        rules=tuple(rules),
    )


def _rules(
    path: Path, text: str, owner: str, raw_rules: Any, infos: dict[str, AnswerInfo]
) -> tuple[Rule, ...]:
    if not isinstance(raw_rules, list):
        raise FormsFileError(path, f"{owner}: rules must be [[...rule]] tables")
    rules = []
    for n, raw in enumerate(raw_rules, 1):
        rid = str(raw.get("id", "")).strip() if isinstance(raw, dict) else ""
        line = line_of(text, "id", rid) if rid else None
        where = f"{owner}, rule {n}" + (f" ({rid!r})" if rid else "")
        if not rid:
            raise FormsFileError(path, f"{where}: key 'id' is missing", line)
        for key in ("checks", "reason", "source"):
            if not str(raw.get(key, "")).strip():
                raise FormsFileError(path, f"{where}: key '{key}' is missing", line)
        if "condition" not in raw:
            raise FormsFileError(path, f"{where}: key 'condition' is missing", line)
        try:
            condition = parse_condition(raw["condition"], infos)
        except ConditionError as exc:
            raise FormsFileError(
                path, f"{where}: key 'condition' {exc}", line_after(text, line, "condition")
            ) from exc
        rules.append(
            Rule(
                id=rid,
                condition=condition,
                checks=" ".join(str(raw["checks"]).split()),
                reason=" ".join(str(raw["reason"]).split()),
                source=str(raw["source"]).strip(),
            )
        )
    return tuple(rules)
