"""A small, safe condition language for eligibility rules, written as TOML tables.

    { all = [ { answer = "layoffs_12m", is = false }, { fact = "retention_pattern",
      in = ["none", "ok"] } ] }

Conditions are parsed into a tree when forms/programs.toml is loaded (never
`eval`), then evaluated with three values: True, False, or None when an answer
or fact needed to decide is not known yet (the program then "needs information").
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

#: Facts from the employer's history that rules may read (beside RFI answers).
KNOWN_FACTS: dict[str, str] = {
    "retention_pattern": (
        "'none' (no earlier OJT hires), 'ok', or 'failing' (a pattern of not keeping "
        "OJT participants employed); unknown when retention is not tracked"
    ),
    "stage": "the employer's pipeline stage",
    "employer_fit": (
        "'good', 'watch', 'poor' or 'unknown': how long the team's placements there last "
        "(or a BSR's override of it)"
    ),
}

COMBINERS = ("all", "any", "not")
SOURCES = ("answer", "fact", "ratio", "positions")
POSITION_MEASURES = ("count", "openings", "lowest_wage", "highest_wage", "fewest_hours")
NUMBER_OPS = ("at_least", "at_most", "more_than", "less_than")
OPERATORS = ("is", "is_not", "in", "contains", "answered", *NUMBER_OPS)


class ConditionError(ValueError):
    """A condition that cannot be used; `where` is the path inside it, like all[2].answer."""

    def __init__(self, where: str, problem: str) -> None:
        super().__init__(f"{where}: {problem}" if where else problem)
        self.where = where
        self.problem = problem


@dataclass(frozen=True)
class AnswerInfo:
    """What the parser needs to know about an answer id to check a condition on it."""

    type: str
    options: tuple[str, ...] = ()


class Node:
    def evaluate(self, answers: Mapping[str, Any], facts: Mapping[str, Any]) -> Outcome:
        raise NotImplementedError

    def answer_refs(self) -> frozenset[str]:
        raise NotImplementedError


@dataclass(frozen=True)
class Outcome:
    """True, False or None (undecided), and the answer ids whose absence left it undecided."""

    value: bool | None
    unknown_answers: frozenset[str] = frozenset()
    unknown_facts: frozenset[str] = frozenset()


@dataclass(frozen=True)
class AllOf(Node):
    children: tuple[Node, ...]

    def evaluate(self, answers: Mapping[str, Any], facts: Mapping[str, Any]) -> Outcome:
        results = [c.evaluate(answers, facts) for c in self.children]
        if any(r.value is False for r in results):
            return Outcome(False)
        return _merge(results, None if any(r.value is None for r in results) else True)

    def answer_refs(self) -> frozenset[str]:
        return frozenset().union(*(c.answer_refs() for c in self.children))


@dataclass(frozen=True)
class AnyOf(Node):
    children: tuple[Node, ...]

    def evaluate(self, answers: Mapping[str, Any], facts: Mapping[str, Any]) -> Outcome:
        results = [c.evaluate(answers, facts) for c in self.children]
        if any(r.value is True for r in results):
            return Outcome(True)
        return _merge(results, None if any(r.value is None for r in results) else False)

    def answer_refs(self) -> frozenset[str]:
        return frozenset().union(*(c.answer_refs() for c in self.children))


@dataclass(frozen=True)
class Not(Node):
    child: Node

    def evaluate(self, answers: Mapping[str, Any], facts: Mapping[str, Any]) -> Outcome:
        r = self.child.evaluate(answers, facts)
        return Outcome(None if r.value is None else not r.value, r.unknown_answers, r.unknown_facts)

    def answer_refs(self) -> frozenset[str]:
        return self.child.answer_refs()


def _merge(results: list[Outcome], value: bool | None) -> Outcome:
    if value is not None:
        return Outcome(value)
    unknown = [r for r in results if r.value is None]
    return Outcome(
        None,
        frozenset().union(*(r.unknown_answers for r in unknown)),
        frozenset().union(*(r.unknown_facts for r in unknown)),
    )


@dataclass(frozen=True)
class Test(Node):
    """A leaf: read a value (an answer, a fact, a ratio of answers, a figure of the positions)."""

    source: str
    ref: str | tuple[str, str]
    op: str
    operand: Any

    def answer_refs(self) -> frozenset[str]:
        if self.source == "answer":
            return frozenset({str(self.ref)})
        if self.source == "ratio":
            return frozenset(self.ref)
        if self.source == "positions":
            return frozenset({"open_positions"})
        return frozenset()

    def _value(self, answers: Mapping[str, Any], facts: Mapping[str, Any]) -> tuple[Any, Outcome]:
        if self.source == "answer":
            value = answers.get(str(self.ref))
            return value, Outcome(None, frozenset({str(self.ref)}))
        if self.source == "fact":
            return facts.get(str(self.ref)), Outcome(None, unknown_facts=frozenset({str(self.ref)}))
        if self.source == "ratio":
            top, bottom = self.ref
            a, b = answers.get(top), answers.get(bottom)
            missing = frozenset(x for x, val in ((top, a), (bottom, b)) if not _is_number(val))
            if missing:
                return None, Outcome(None, missing)
            if b == 0:
                return None, Outcome(None)
            return a / b, Outcome(None)
        positions = answers.get("open_positions")
        if positions is None:
            return None, Outcome(None, frozenset({"open_positions"}))
        return _position_measure(str(self.ref), positions), Outcome(None)

    def evaluate(self, answers: Mapping[str, Any], facts: Mapping[str, Any]) -> Outcome:
        value, unknown = self._value(answers, facts)
        if self.op == "answered":
            return Outcome(_present(value) == self.operand)
        if not _present(value):
            return unknown
        return Outcome(_compare(self.op, value, self.operand))


def _present(value: Any) -> bool:
    return value is not None and value != "" and value != []


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _position_measure(measure: str, positions: Any) -> float | None:
    rows = [p for p in positions if isinstance(p, Mapping)] if isinstance(positions, list) else []
    if measure == "count":
        return len(rows)
    if measure == "openings":
        known = [p.get("openings") for p in rows if _is_number(p.get("openings"))]
        return sum(known) if known or not rows else None
    if measure in ("lowest_wage", "highest_wage"):
        wages = [p["wage_cents"] / 100 for p in rows if _is_number(p.get("wage_cents"))]
        if not wages:
            return None
        return min(wages) if measure == "lowest_wage" else max(wages)
    hours = [p["hours_per_week"] for p in rows if _is_number(p.get("hours_per_week"))]
    return min(hours) if hours else None


def _compare(op: str, value: Any, operand: Any) -> bool:
    if op == "is":
        return value == operand
    if op == "is_not":
        return value != operand
    if op == "in":
        return value in operand
    if op == "contains":
        return operand in value if isinstance(value, list | tuple | str) else value == operand
    if not _is_number(value):
        return False
    if op == "at_least":
        return value >= operand
    if op == "at_most":
        return value <= operand
    if op == "more_than":
        return value > operand
    return value < operand  # less_than


# Parsing ------------------------------------------------------------------


def parse_condition(raw: Any, answers: Mapping[str, AnswerInfo], where: str = "") -> Node:
    """Build a condition tree from its TOML table, refusing anything it does not know.

    `answers` maps every answer id of the RFI to its type, so a rule that names a
    question that does not exist, or an option that cannot be chosen, is caught at start.
    """
    if not isinstance(raw, Mapping):
        raise ConditionError(where, 'a condition must be a table, like { answer = "x", is = true }')
    kinds = [k for k in (*COMBINERS, *SOURCES) if k in raw]
    if len(kinds) != 1:
        raise ConditionError(
            where,
            "a condition needs exactly one of "
            f"{', '.join((*COMBINERS, *SOURCES))} (found {', '.join(kinds) or 'none'})",
        )
    kind = kinds[0]
    here = f"{where}.{kind}" if where else kind
    if kind in ("all", "any"):
        items = raw[kind]
        extra = set(raw) - {kind}
        if extra:
            raise ConditionError(
                here, f"unexpected key(s) beside '{kind}': {', '.join(sorted(extra))}"
            )
        if not isinstance(items, list) or not items:
            raise ConditionError(here, "needs a list of at least one condition")
        children = tuple(
            parse_condition(item, answers, f"{here}[{n}]") for n, item in enumerate(items, 1)
        )
        return AllOf(children) if kind == "all" else AnyOf(children)
    if kind == "not":
        extra = set(raw) - {"not"}
        if extra:
            raise ConditionError(
                here, f"unexpected key(s) beside 'not': {', '.join(sorted(extra))}"
            )
        return Not(parse_condition(raw["not"], answers, here))
    return _parse_test(kind, raw, answers, here)


def _parse_test(
    kind: str, raw: Mapping[str, Any], answers: Mapping[str, AnswerInfo], here: str
) -> Test:
    ops = [k for k in raw if k != kind]
    unknown = [k for k in ops if k not in OPERATORS]
    if unknown:
        raise ConditionError(here, f"unknown key {unknown[0]!r}; use one of {', '.join(OPERATORS)}")
    if len(ops) != 1:
        raise ConditionError(here, f"needs exactly one test ({', '.join(OPERATORS)})")
    op, operand = ops[0], raw[ops[0]]
    ref: str | tuple[str, str]
    info: AnswerInfo | None = None
    if kind == "answer":
        ref = raw[kind]
        if not isinstance(ref, str) or ref not in answers:
            raise ConditionError(here, f"{ref!r} is not an answer id of the RFI")
        info = answers[ref]
    elif kind == "fact":
        ref = raw[kind]
        if ref not in KNOWN_FACTS:
            raise ConditionError(
                here, f"{ref!r} is not a known fact; known: {', '.join(KNOWN_FACTS)}"
            )
    elif kind == "ratio":
        pair = raw[kind]
        if not (
            isinstance(pair, list) and len(pair) == 2 and all(isinstance(p, str) for p in pair)
        ):
            raise ConditionError(here, 'needs two answer ids, like ["retained_90d", "hires_12m"]')
        for p in pair:
            if p not in answers or answers[p].type != "number":
                raise ConditionError(here, f"{p!r} is not a number answer of the RFI")
        ref = (pair[0], pair[1])
        if op not in (*NUMBER_OPS, "answered"):
            raise ConditionError(here, f"a ratio is compared with {', '.join(NUMBER_OPS)}")
    else:
        ref = raw[kind]
        if ref not in POSITION_MEASURES:
            raise ConditionError(
                here, f"{ref!r} is not a positions figure; use {', '.join(POSITION_MEASURES)}"
            )
        if "open_positions" not in answers:
            raise ConditionError(here, "the RFI has no 'open_positions' question")
    _check_operand(op, operand, info, here)
    if op == "in":
        operand = tuple(operand)
    return Test(kind, ref, op, operand)


def _check_operand(op: str, operand: Any, info: AnswerInfo | None, here: str) -> None:
    at = f"{here} {op}"
    if op == "answered":
        if not isinstance(operand, bool):
            raise ConditionError(at, "'answered' takes true or false")
        return
    if op in NUMBER_OPS:
        if not _is_number(operand):
            raise ConditionError(at, f"'{op}' takes a number")
        if info is not None and info.type != "number":
            raise ConditionError(at, f"'{op}' compares numbers, but this answer is {info.type}")
        return
    values = list(operand) if op == "in" else [operand]
    if op == "in" and (not isinstance(operand, list) or not operand):
        raise ConditionError(at, "'in' takes a list of values")
    for value in values:
        if isinstance(value, dict | list):
            raise ConditionError(at, "takes a plain value (text, number, true or false)")
        if info is None:
            continue
        if info.type == "yesno" and not isinstance(value, bool):
            raise ConditionError(at, "a yes/no answer is compared with true or false")
        if info.type == "choice" and value not in info.options:
            raise ConditionError(
                at, f"{value!r} is not one of the options: {'; '.join(info.options)}"
            )
    if op == "contains" and info is not None and info.type != "choice":
        raise ConditionError(at, "'contains' works on choice answers")
