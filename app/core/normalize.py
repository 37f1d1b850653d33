"""Comparable forms of names, addresses and phones, so one business typed many ways is found once.

Every function here is idempotent (applying it twice gives the same as once) and
pure: the importer and the duplicate finder compare these keys, never raw text.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

#: Legal-form words dropped from the end of a business name ("Acme Foods, Inc." = "ACME FOODS").
NAME_SUFFIXES: frozenset[str] = frozenset(
    {
        "inc",
        "incorporated",
        "llc",
        "lc",
        "co",
        "company",
        "corp",
        "corporation",
        "ltd",
        "limited",
        "lp",
        "llp",
        "pc",
        "pllc",
        "plc",
        "pa",
        "na",
    }
)

#: Spelled-out street words and their abbreviations (USPS style).
STREET_WORDS: dict[str, str] = {
    "avenue": "ave",
    "av": "ave",
    "street": "st",
    "str": "st",
    "road": "rd",
    "boulevard": "blvd",
    "blvrd": "blvd",
    "drive": "dr",
    "place": "pl",
    "court": "ct",
    "lane": "ln",
    "parkway": "pkwy",
    "pky": "pkwy",
    "highway": "hwy",
    "terrace": "ter",
    "square": "sq",
    "circle": "cir",
    "expressway": "expy",
    "plaza": "plz",
    "trail": "trl",
    "west": "w",
    "east": "e",
    "north": "n",
    "south": "s",
    "northwest": "nw",
    "northeast": "ne",
    "southwest": "sw",
    "southeast": "se",
}
STREET_TYPES: frozenset[str] = frozenset(
    {"ave", "st", "rd", "blvd", "dr", "pl", "ct", "ln", "pkwy", "hwy", "ter", "sq", "cir",
     "expy", "plz", "trl", "way", "row", "walk"}
)  # fmt: skip

# "Suite 200", "Ste. 4", "Unit B", "Apt 3", "# 1ST", "Fl 2", "Room 101": where a unit begins.
_UNIT = re.compile(
    r"(?:\s|,)+(?:#|suite\b|ste\b\.?|unit\b|apt\b\.?|apartment\b|room\b|rm\b|floor\b|fl\b\.?|bldg\b|building\b|dept\b).*$",
    re.IGNORECASE,
)
_NON_WORD = re.compile(r"[^\w\s]+", re.UNICODE)
_SPACES = re.compile(r"\s+")
_APOSTROPHES = re.compile(r"['\u2019\u2018`]")


def _ascii_fold_table() -> bytes:
    """Lower case; punctuation other than apostrophes as spaces (bytes.translate table)."""
    table = bytearray(range(256))
    for code in range(128):
        ch = chr(code)
        if ch.isupper():
            table[code] = ord(ch.lower())
        elif not (ch.isalnum() or ch.isspace()):
            table[code] = ord(" ")
    return bytes(table)


_ASCII_FOLD = _ascii_fold_table()


def fold(value: str) -> str:
    """Lower case, accents dropped, '&' as 'and', apostrophes removed, other punctuation as spaces."""
    if value.isascii():
        # The same as the general path below, with one byte translation instead of three regexes.
        raw = value.replace("&", " and ").encode("ascii").translate(_ASCII_FOLD, b"'`")
        return " ".join(raw.decode("ascii").split())
    text = unicodedata.normalize("NFKD", value)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = _APOSTROPHES.sub("", text).replace("&", " and ").replace("_", " ")
    text = _NON_WORD.sub(" ", text)
    return _SPACES.sub(" ", text).strip()


def _fixpoint(step, value: str) -> str:  # type: ignore[no-untyped-def]
    previous = None
    while value != previous:
        previous, value = value, step(value)
    return value


def _name_step(value: str) -> str:
    tokens = fold(value).split()
    while len(tokens) > 1 and tokens[0] == "the":
        tokens.pop(0)
    while len(tokens) > 1 and tokens[-1] in NAME_SUFFIXES:
        tokens.pop()
    return " ".join(tokens)


@lru_cache(maxsize=262144)
def business_name(value: str) -> str:
    """A business name for comparison: 'The Acme Foods, Inc.' and 'ACME FOODS' both give 'acme foods'."""
    if value.isascii():
        return _name_step(value)  # one step is already stable for ASCII (folded words stay so)
    return _fixpoint(_name_step, value)


@lru_cache(maxsize=262144)
def name_key(value: str) -> str:
    """`business_name` without spaces, so 'C A BEEF' and 'CA BEEF' compare equal."""
    return business_name(value).replace(" ", "")


def _street_step(value: str) -> str:
    text = _UNIT.sub("", value)
    tokens = [STREET_WORDS.get(t, t) for t in fold(text).split()]
    # Drop what follows the last street type ("5801 W Chicago Ave 1st" -> "... ave"):
    # license files put the unit there without a marker.
    last = max((i for i, t in enumerate(tokens) if t in STREET_TYPES and i > 0), default=None)
    if last is not None:
        tokens = tokens[: last + 1]
    return " ".join(tokens)


@lru_cache(maxsize=262144)
def street(value: str) -> str:
    """A street address for comparison: abbreviations unified, suite/unit/# parts dropped."""
    once = _street_step(value)
    if value.isascii() and not _UNIT.search(once):
        return once  # for ASCII only a unit part the punctuation hid can change it again
    return _fixpoint(_street_step, once)


_EXTENSION = re.compile(r"(?i)\s*(?:x|ext\.?|extension|#)\s*\d+\s*$")
_NOT_DIGIT = re.compile(r"\D")


@lru_cache(maxsize=262144)
def phone_digits(value: str) -> str:
    """The ten digits of a North American number ('574-232-2277' and '5742322277' agree).

    An extension is dropped; a leading country code 1 is dropped; fewer than 7 digits
    is not a phone and gives ''.
    """
    if value.isdigit() and value.isascii():
        digits = value  # the common cell: bare digits
    else:
        digits = _NOT_DIGIT.sub("", _EXTENSION.split(value.strip())[0])
    if len(digits) == 11 and digits.startswith("1"):
        digits = digits[1:]
    return digits if len(digits) >= 7 else ""


def zip5(value: str) -> str:
    """The five-digit ZIP code ('60651-1234' and '60651' agree)."""
    digits = re.sub(r"\D", "", value)
    return digits[:5] if len(digits) >= 5 else ""


def person_name(value: str) -> str:
    """A person's name for comparison (case, accents and punctuation ignored)."""
    return fold(value)


_WORD = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)?")
_SMALL_UPPER = {"llc", "lp", "llp", "pc", "pllc", "plc", "usa", "us", "ne", "nw", "se", "sw"}
_CANONICAL = {"inc": "Inc", "corp": "Corp", "co": "Co", "ltd": "Ltd"}


def tidy_caps(value: str) -> str:
    """Text typed in ALL CAPITALS shown in Mixed Case; text already in mixed case is kept as typed.

    'FREEDOM TAX SERVICES INC' -> 'Freedom Tax Services Inc', "BETTY'S DAY CARE" -> "Betty's Day Care",
    '5801 W CHICAGO AVE 1ST' -> '5801 W Chicago Ave 1st'.
    """
    if value != value.upper() or not any(ch.isalpha() for ch in value):
        return value

    def word(match: re.Match[str]) -> str:
        w = match.group(0)
        low = w.lower()
        if low in _SMALL_UPPER:
            return w.upper()
        if low in _CANONICAL:
            return _CANONICAL[low]
        if low[:1].isdigit():
            return low
        return low[:1].upper() + low[1:]

    return _WORD.sub(word, value)
