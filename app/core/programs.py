"""The program catalog and its eligibility rules, from forms/programs.toml.

Each program comes out eligible, not eligible or needs information, always with
reasons a BSR can read to an employer and the source of each rule.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from app.core.fit import REFUSAL, REFUSAL_SOURCE
from app.core.forms_data import FormsDataError, Place
from app.core.rfi import RfiDefinition
from app.core.rules import AnswerInfo, ConditionError, Node, parse_condition


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
    #: Refuse employers whose fit (fact "employer_fit") is poor; key refuse_poor_fit.
    refuse_poor_fit: bool = False
    #: What we look for in an employer, written for employers (flyers, brochure).
    looks_for: tuple[str, ...] = ()
    #: The name employers read ("" means `name`); internal programs are never named to them.
    public_name: str = ""
    public: bool = True

    @property
    def employer_name(self) -> str:
        return self.public_name or self.name

    @property
    def citations(self) -> tuple[str, ...]:
        """Each regulation or policy behind the rules, once: "20 CFR 680.700" also stands for
        "20 CFR 680.700 (continued long-term employment)"; "A; B" counts as A and B. The
        agency's own policies ("Agency ...") count as one, "Agency policy", listed last."""
        seen: dict[str, None] = {}
        for rule in self.rules:
            for part in rule.source.split(";"):
                cite = re.sub(r"\s+\([^)]*\)", "", part).strip()
                if cite:
                    seen.setdefault("Agency policy" if cite.startswith("Agency") else cite, None)
        if "Agency policy" in seen:
            seen["Agency policy"] = seen.pop("Agency policy")
        return tuple(seen)


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
    if program.refuse_poor_fit and facts.get("employer_fit") == "poor":
        failed.append(Reason("employer_fit", "not_met", REFUSAL, REFUSAL_SOURCE))
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


# Building -----------------------------------------------------------------


def answer_infos(rfi: RfiDefinition) -> dict[str, AnswerInfo]:
    return {f.id: AnswerInfo(f.type, f.options) for f in rfi.fields}


def catalog_from_mapping(data: Mapping[str, Any], rfi: RfiDefinition) -> Catalog:
    """The catalog from forms/programs.toml's contents; every condition is parsed now,
    against the RFI's answers, so a typo stops the start."""
    infos = answer_infos(rfi)
    unknown = sorted(set(data) - {"agency", "rule_set", "program"})
    if unknown:
        raise FormsDataError(
            f"unknown section {unknown[0]!r} (use [agency], [[rule_set]], [[program]])",
            (unknown[0],),
        )
    agency_raw = data.get("agency", {})
    if not isinstance(agency_raw, dict) or not str(agency_raw.get("name", "")).strip():
        raise FormsDataError(
            "[agency] needs a name (printed on flyers and emails)", ("agency", "name")
        )
    agency = Agency(
        name=str(agency_raw["name"]).strip(),
        website=str(agency_raw.get("website", "")).strip(),
        tagline=str(agency_raw.get("tagline", "")).strip(),
    )
    rule_sets: dict[str, tuple[Rule, ...]] = {}
    for n, raw in enumerate(_table_list(data, "rule_set"), 1):
        sid = str(raw.get("id", "")).strip()
        at: Place = ("rule_set", n - 1, "id")
        if not sid:
            raise FormsDataError(f"[[rule_set]] number {n} has no id", at)
        if sid in rule_sets:
            raise FormsDataError(f"rule set {sid!r} is defined twice", at)
        rule_sets[sid] = _rules(f"rule set {sid!r}", ("rule_set", n - 1), raw, infos)
    programs: list[ProgramDef] = []
    for n, raw in enumerate(_table_list(data, "program"), 1):
        programs.append(_program(n, raw, rule_sets, infos, {p.code for p in programs}))
    if not programs:
        raise FormsDataError("needs at least one [[program]]")
    return Catalog(agency, tuple(programs))


def _table_list(data: Mapping[str, Any], key: str) -> list[dict[str, Any]]:
    items = data.get(key, [])
    if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
        raise FormsDataError(f"'{key}' must be written as [[{key}]] tables", (key,))
    return items


def _program(
    n: int,
    raw: dict[str, Any],
    rule_sets: dict[str, tuple[Rule, ...]],
    infos: dict[str, AnswerInfo],
    seen: set[str],
) -> ProgramDef:
    code = str(raw.get("code", "")).strip()
    at: Place = ("program", n - 1)
    where = f"program {n}" + (f" ({code!r})" if code else "")
    # Problems with the program as a whole point at its code.
    whole = (*at, "code")
    if not code:
        raise FormsDataError(f"{where}: key 'code' is missing", whole)
    if code in seen:
        raise FormsDataError(f"{where}: code is used by another program", whole)
    for key in ("name", "description"):
        if not str(raw.get(key, "")).strip():
            raise FormsDataError(f"{where}: key '{key}' is missing", whole)
    rules: list[Rule] = []
    for sid in raw.get("rule_sets", []):
        if sid not in rule_sets:
            raise FormsDataError(f"{where}: rule set {sid!r} is not defined", (*at, "rule_sets"))
        rules.extend(rule_sets[sid])
    rules.extend(_rules(where, at, raw, infos))
    if not rules:
        raise FormsDataError(f"{where}: has no rules (add [[program.rule]] or rule_sets)", whole)
    ids = [r.id for r in rules]
    duplicate = next((i for i in ids if ids.count(i) > 1), None)
    if duplicate:
        raise FormsDataError(f"{where}: rule id {duplicate!r} appears twice", whole)
    refuse = raw.get("refuse_poor_fit", False)
    if not isinstance(refuse, bool):
        raise FormsDataError(
            f"{where}: key 'refuse_poor_fit' must be true or false, not {refuse!r}",
            (*at, "refuse_poor_fit"),
        )
    benefits = raw.get("benefits", [])
    if not isinstance(benefits, list) or not all(isinstance(b, str) for b in benefits):
        raise FormsDataError(f"{where}: key 'benefits' must be a list of texts", (*at, "benefits"))
    looks_for = _looks_for(where, at, raw, rules)
    public = raw.get("public", True)
    if not isinstance(public, bool):
        raise FormsDataError(f"{where}: key 'public' must be true or false", (*at, "public"))
    return ProgramDef(
        code=code,
        name=str(raw["name"]).strip(),
        short_name=str(raw.get("short_name", raw["name"])).strip(),
        description=" ".join(str(raw["description"]).split()),
        service=str(raw.get("service", "")).strip(),
        benefits=tuple(benefits),
        rules=tuple(rules),
        refuse_poor_fit=refuse,
        looks_for=looks_for,
        public_name=str(raw.get("public_name", "")).strip(),
        public=public,
    )


def _looks_for(where: str, at: Place, raw: dict[str, Any], rules: list[Rule]) -> tuple[str, ...]:
    """The employer-facing "What we look for": required, texts, and not a rule pasted in."""
    items = raw.get("looks_for")
    place = (*at, "looks_for")
    if items is None:
        raise FormsDataError(
            f"{where}: key 'looks_for' is missing (what we look for)", (*at, "code")
        )
    if (
        not isinstance(items, list)
        or not items
        or not all(isinstance(i, str) and i.strip() for i in items)
    ):
        raise FormsDataError(f"{where}: key 'looks_for' must be a list of texts", place)
    pasted = {" ".join(r.checks.split()).casefold() for r in rules}
    for n, item in enumerate(items):
        if " ".join(item.split()).casefold() in pasted:
            raise FormsDataError(
                f"{where}: 'looks_for' repeats a rule's wording ({item[:40]!r}); "
                "write it for employers",
                (*place, n),
            )
    return tuple(" ".join(i.split()) for i in items)


def _rules(
    owner: str, owner_at: Place, raw_owner: dict[str, Any], infos: dict[str, AnswerInfo]
) -> tuple[Rule, ...]:
    raw_rules = raw_owner.get("rule", [])
    if not isinstance(raw_rules, list):
        raise FormsDataError(f"{owner}: rules must be [[...rule]] tables", (*owner_at, "rule"))
    rules = []
    for n, raw in enumerate(raw_rules, 1):
        rid = str(raw.get("id", "")).strip() if isinstance(raw, dict) else ""
        at: Place = (*owner_at, "rule", n - 1)
        where = f"{owner}, rule {n}" + (f" ({rid!r})" if rid else "")
        if not rid:
            raise FormsDataError(f"{where}: key 'id' is missing", (*at, "id"))
        for key in ("checks", "reason", "source"):
            if not str(raw.get(key, "")).strip():
                raise FormsDataError(f"{where}: key '{key}' is missing", (*at, "id"))
        if "condition" not in raw:
            raise FormsDataError(f"{where}: key 'condition' is missing", (*at, "id"))
        try:
            condition = parse_condition(raw["condition"], infos)
        except ConditionError as exc:
            raise FormsDataError(f"{where}: key 'condition' {exc}", (*at, "condition")) from exc
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
