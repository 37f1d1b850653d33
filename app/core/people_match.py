"""Whether two records of a person are the same job seeker: the one rule for the whole app.

The kiosk at an event door, pre-registration lists, new participants and the merge
screen all ask the same question, so they all ask this module. The answer has two
strengths, because acting on it has two costs:

- ``SAME``: safe to act on without asking (check the walk-in in on their registration,
  link them to the participant record). It needs a shared way to reach the person
  (phone or email) **and** names at least ``SAME_NAME_WITH_CONTACT`` similar, which
  catches "maria  lopes" typed at the door for a registered "Maria Lopez" while a
  relative sharing the household phone ("Rosa Perez" for "Luis Perez") stays apart.
- ``POSSIBLE``: worth showing a BSR, never acted on alone. A shared phone or email with
  names at least ``POSSIBLE_NAME_WITH_CONTACT`` similar (nicknames, swapped order,
  two typos), or names at least ``POSSIBLE_NAME_ALONE`` similar with no shared contact:
  two different people called Maria Garcia are common in Chicago, so a name alone is
  never enough to merge.

Names are compared after folding case, accents and punctuation (rapidfuzz token-sort
ratio, 0-100, so word order does not count); phones by their ten digits (formatting,
a leading 1 and an extension ignored); emails ignoring case and surrounding spaces.
The rule is symmetric, and a person always matches themself.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum

from rapidfuzz import fuzz

from app.core.normalize import person_name, phone_digits

#: Name similarity with a shared phone or email at which two records are one person.
SAME_NAME_WITH_CONTACT = 85
#: Name similarity with a shared phone or email at which a BSR should be asked.
POSSIBLE_NAME_WITH_CONTACT = 70
#: Name similarity with no shared contact at which a BSR should be asked.
POSSIBLE_NAME_ALONE = 92


class MatchLevel(IntEnum):
    """How sure the rule is; ordered, so `level >= MatchLevel.POSSIBLE` reads naturally."""

    NONE = 0
    POSSIBLE = 1
    SAME = 2


@dataclass(frozen=True)
class PersonKey:
    """What is compared about a person, as typed: the rule does its own normalizing."""

    name: str
    phone: str = ""
    email: str = ""


@dataclass(frozen=True)
class PeopleMatch:
    level: MatchLevel
    #: Name similarity, 0-100.
    score: float
    #: "phone", "email" or "" when no way of reaching them is shared.
    shared: str

    @property
    def reason(self) -> str:
        """Why, in a BSR's words ("" when they do not match)."""
        if self.level is MatchLevel.NONE:
            return ""
        if self.shared:
            return f"same {self.shared} and a similar name"
        return "same name"


def phone_key(phone: str) -> str:
    """The digits that identify a phone ('' when it is not a phone)."""
    return phone_digits(phone)


def email_key(email: str) -> str:
    return email.strip().casefold()


def name_score(a: str, b: str) -> float:
    """Similarity of two names, 0-100, order of words ignored; 0 when either is blank."""
    key_a, key_b = person_name(a), person_name(b)
    if not key_a or not key_b:
        return 0.0
    return fuzz.token_sort_ratio(key_a, key_b)


def shared_contact(a: PersonKey, b: PersonKey) -> str:
    """'phone' or 'email' when both records hold the same one, else ''."""
    phone = phone_key(a.phone)
    if phone and phone == phone_key(b.phone):
        return "phone"
    email = email_key(a.email)
    if email and email == email_key(b.email):
        return "email"
    return ""


def match_people(a: PersonKey, b: PersonKey) -> PeopleMatch:
    """The rule described at the top of this module."""
    score = name_score(a.name, b.name)
    shared = shared_contact(a, b)
    if shared and score >= SAME_NAME_WITH_CONTACT:
        level = MatchLevel.SAME
    elif (shared and score >= POSSIBLE_NAME_WITH_CONTACT) or score >= POSSIBLE_NAME_ALONE:
        level = MatchLevel.POSSIBLE
    else:
        level = MatchLevel.NONE
    return PeopleMatch(level, score, shared)
