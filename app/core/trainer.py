"""Who trains, as the employer wrote it on the RFI (question 12, "who trains"): a named person
with a job title, or only a job title.

A signature line takes a person's name, never a bare job title: when no person is named,
the line is left for the trainer to print and sign by hand.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Words that make a text a job title, not a person's name ("Shift lead", "Head cook").
TITLE_WORDS = frozenset(
    [
        "admin",
        "administrator",
        "any",
        "apprentice",
        "assistant",
        "associate",
        "baker",
        "boss",
        "captain",
        "ceo",
        "chef",
        "clerk",
        "coordinator",
        "coworker",
        "co-worker",
        "crew",
        "department",
        "dept",
        "director",
        "driver",
        "electrician",
        "employee",
        "employees",
        "engineer",
        "experienced",
        "floor",
        "foreman",
        "forewoman",
        "general",
        "head",
        "hr",
        "journeyman",
        "kitchen",
        "lead",
        "leader",
        "line",
        "machinist",
        "manager",
        "mechanic",
        "mentor",
        "nurse",
        "office",
        "officer",
        "operator",
        "our",
        "owner",
        "partner",
        "plant",
        "plumber",
        "president",
        "principal",
        "production",
        "representative",
        "sales",
        "senior",
        "shift",
        "sous",
        "specialist",
        "staff",
        "store",
        "superintendent",
        "supervisor",
        "team",
        "technician",
        "the",
        "trainer",
        "welder",
        "warehouse",
        "worker",
        "workers",
    ]
)
_TOKEN = re.compile(r"[A-Z][A-Za-z'\-]*\.?|[A-Z]\.")
_SEPARATORS = re.compile(r"\s*(?:,|;|/|\s[-–—]\s|\()\s*")


@dataclass(frozen=True)
class Trainer:
    """A person's name ("" when none is given) and a job title ("" when none is given)."""

    name: str
    title: str


def is_person_name(text: str) -> bool:
    """Two to four capitalized words, none of them a job-title word: "Dana Okafor"."""
    tokens = text.split()
    return (
        2 <= len(tokens) <= 4
        and all(_TOKEN.fullmatch(t) for t in tokens)
        and not any(t.strip(".").casefold() in TITLE_WORDS for t in tokens)
    )


def split_trainer(text: str) -> Trainer:
    """The person and the title in an answer like "Dana Okafor, Shift lead",
    "Shift lead - Dana Okafor", "Dana Okafor (Head cook)" or just "Head cook"."""
    text = " ".join(str(text or "").split())
    parts = [p.strip(" )") for p in _SEPARATORS.split(text, maxsplit=1) if p.strip(" )")]
    if len(parts) == 2:
        first, second = parts
        if is_person_name(first):
            return Trainer(first, second)
        if is_person_name(second):
            return Trainer(second, first)
        return Trainer("", text)
    if is_person_name(text):
        return Trainer(text, "")
    return Trainer("", text)


def signing_trainer(name: str, title: str) -> Trainer:
    """What a signature line shows for the agreement's training supervisor: the person's name
    (or "" to print by hand) and the title, taken from the name field when it holds one."""
    parsed = split_trainer(name)
    return Trainer(parsed.name, title.strip() or parsed.title)
