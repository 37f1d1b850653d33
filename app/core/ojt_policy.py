"""OJT policy as data: forms/ojt.toml (funding programs, training plan levels and ratings, pay
periods, WOTC filing days) and forms/onet.toml (common O*NET-SOC occupations), each built by a
pure `..._from_mapping` from the parsed file, so a forms registry can register them."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any


class OjtPolicyError(ValueError):
    """A value in forms/ojt.toml or forms/onet.toml that cannot be used, by section and key.

    `at` is the place of the value as a path of keys and 0-based list positions (like
    ("occupation", 3, "code")), the shape a forms registry turns into a line number.
    """

    def __init__(
        self, section: str, key: str, problem: str, at: tuple[str | int, ...] | None = None
    ) -> None:
        super().__init__(f"[{section}] {key}: {problem}")
        self.section = section
        self.key = key
        self.problem = problem
        self.at = at if at is not None else tuple(p for p in (section, key) if p)


@dataclass(frozen=True)
class OjtPolicy:
    """The agency's OJT and WOTC numbers that are not in the reimbursement scale."""

    funding_programs: Mapping[str, str] = field(
        default_factory=lambda: {
            "wioa-adult": "ojt_adult",
            "wioa-youth": "ojt_youth",
            "wioa-dw": "ojt_dislocated",
        }
    )
    default_training_weeks: int = 12
    levels: tuple[str, ...] = ("None", "Basic", "Intermediate", "Proficient")
    ratings: tuple[str, ...] = ("Not started", "Beginning", "Progressing", "Meets target")
    period_days: Mapping[str, int] = field(default_factory=lambda: {"weekly": 7, "biweekly": 14})
    wotc_filing_days: int = 28
    wotc_warn_days: int = 7


def _section(data: Mapping[str, Any], name: str) -> Mapping[str, Any]:
    value = data.get(name, {})
    if not isinstance(value, dict):
        raise OjtPolicyError(name, "", "must be a [section] of settings")
    return value


def _whole(section: Mapping[str, Any], name: str, key: str, default: int, low: int) -> int:
    value = section.get(key, default)
    if not isinstance(value, int) or isinstance(value, bool) or value < low:
        raise OjtPolicyError(name, key, f"must be a whole number of at least {low}, not {value!r}")
    return value


def _words(
    section: Mapping[str, Any], name: str, key: str, default: Sequence[str]
) -> tuple[str, ...]:
    value = section.get(key, list(default))
    if (
        not isinstance(value, list)
        or len(value) < 2
        or any(not isinstance(v, str) or not v.strip() for v in value)
        or len(set(value)) != len(value)
    ):
        raise OjtPolicyError(name, key, "must be a list of two or more different words")
    return tuple(value)


def policy_from_mapping(data: Mapping[str, Any]) -> OjtPolicy:
    """Build the policy from parsed forms/ojt.toml, refusing values that make no sense."""
    default = OjtPolicy()
    agreement = _section(data, "agreement")
    plan = _section(data, "training_plan")
    invoices = _section(data, "invoices")
    wotc = _section(data, "wotc")
    funding = agreement.get("funding_programs", dict(default.funding_programs))
    if (
        not isinstance(funding, dict)
        or not funding
        or any(
            not isinstance(k, str) or not isinstance(v, str) or not v for k, v in funding.items()
        )
    ):
        raise OjtPolicyError(
            "agreement",
            "funding_programs",
            'must map agency programs to eligibility programs, like { "wioa-adult" = "ojt_adult" }',
        )
    periods = invoices.get("period_days", dict(default.period_days))
    if (
        not isinstance(periods, dict)
        or not periods
        or any(
            not isinstance(v, int) or isinstance(v, bool) or v < 1 or v % 7
            for v in periods.values()
        )
    ):
        raise OjtPolicyError(
            "invoices",
            "period_days",
            "must map period kinds to whole weeks of days, like { weekly = 7 }",
        )
    filing = _whole(wotc, "wotc", "filing_days", default.wotc_filing_days, 1)
    warn = _whole(wotc, "wotc", "warn_days", default.wotc_warn_days, 0)
    if warn > filing:
        raise OjtPolicyError("wotc", "warn_days", "must not be more than filing_days")
    return OjtPolicy(
        funding_programs=dict(funding),
        default_training_weeks=_whole(
            agreement, "agreement", "default_training_weeks", default.default_training_weeks, 1
        ),
        levels=_words(plan, "training_plan", "levels", default.levels),
        ratings=_words(plan, "training_plan", "ratings", default.ratings),
        period_days=dict(periods),
        wotc_filing_days=filing,
        wotc_warn_days=warn,
    )


# Occupations (forms/onet.toml) --------------------------------------------------

ONET_CODE = re.compile(r"\d{2}-\d{4}\.\d{2}")


@dataclass(frozen=True)
class Occupation:
    code: str
    title: str
    industry: str = ""

    @property
    def label(self) -> str:
        return f"{self.code} {self.title}"


def onet_from_mapping(data: Mapping[str, Any]) -> tuple[Occupation, ...]:
    """The occupations offered for an agreement's position, checked and in file order."""
    items = data.get("occupation")
    if not isinstance(items, list) or not items:
        raise OjtPolicyError("occupation", "", "needs [[occupation]] entries (none found)")
    seen: set[str] = set()
    result = []
    for n, item in enumerate(items, 1):
        if not isinstance(item, dict):
            raise OjtPolicyError(
                "occupation", "", f"entry {n} is not a table", ("occupation", n - 1)
            )
        code = str(item.get("code", "")).strip()
        title = str(item.get("title", "")).strip()
        if not ONET_CODE.fullmatch(code):
            raise OjtPolicyError(
                "occupation",
                "code",
                f"entry {n}: {code!r} is not an O*NET-SOC code like 53-7062.00",
                ("occupation", n - 1, "code"),
            )
        if code in seen:
            raise OjtPolicyError(
                "occupation",
                "code",
                f"entry {n}: {code} is listed twice",
                ("occupation", n - 1, "code"),
            )
        if not title:
            raise OjtPolicyError(
                "occupation", "title", f"entry {n} ({code}) has no title", ("occupation", n - 1)
            )
        seen.add(code)
        result.append(Occupation(code, title, str(item.get("industry", "")).strip()))
    return tuple(result)


def clean_onet_code(value: str) -> str:
    """An O*NET-SOC code as typed: 53-7062.00, 53-7062 or 537062 all give 53-7062.00."""
    digits = re.sub(r"[^\d]", "", value or "")
    if not digits:
        return ""
    if len(digits) == 6:
        digits += "00"
    if len(digits) != 8:
        raise ValueError("An O*NET-SOC code looks like 53-7062.00.")
    return f"{digits[:2]}-{digits[2:6]}.{digits[6:]}"
