"""Splitting an address typed in one cell ("123 Main St, Chicago, IL 60601") into its parts."""

from __future__ import annotations

import re
from dataclasses import dataclass

US_STATES: dict[str, str] = {
    "alabama": "AL", "alaska": "AK", "arizona": "AZ", "arkansas": "AR", "california": "CA",
    "colorado": "CO", "connecticut": "CT", "delaware": "DE", "district of columbia": "DC",
    "florida": "FL", "georgia": "GA", "hawaii": "HI", "idaho": "ID", "illinois": "IL",
    "indiana": "IN", "iowa": "IA", "kansas": "KS", "kentucky": "KY", "louisiana": "LA",
    "maine": "ME", "maryland": "MD", "massachusetts": "MA", "michigan": "MI", "minnesota": "MN",
    "mississippi": "MS", "missouri": "MO", "montana": "MT", "nebraska": "NE", "nevada": "NV",
    "new hampshire": "NH", "new jersey": "NJ", "new mexico": "NM", "new york": "NY",
    "north carolina": "NC", "north dakota": "ND", "ohio": "OH", "oklahoma": "OK", "oregon": "OR",
    "pennsylvania": "PA", "rhode island": "RI", "south carolina": "SC", "south dakota": "SD",
    "tennessee": "TN", "texas": "TX", "utah": "UT", "vermont": "VT", "virginia": "VA",
    "washington": "WA", "west virginia": "WV", "wisconsin": "WI", "wyoming": "WY",
}  # fmt: skip
_CODES = set(US_STATES.values())

_STATE_ZIP = re.compile(r"(?:,\s*|\s+)([A-Za-z][A-Za-z .]*?)\.?\s*,?\s+(\d{5}(?:-\d{4})?)\s*$")
_ZIP_ONLY = re.compile(r"(?:,\s*|\s+)(\d{5}(?:-\d{4})?)\s*$")
_STATE_ONLY = re.compile(r",\s*([A-Za-z][A-Za-z .]*?)\.?\s*$")
_STREET_END = re.compile(
    r"^(.*?\b(?:ave|avenue|st|street|rd|road|blvd|boulevard|dr|drive|pl|place|ct|court|ln|lane|"
    r"pkwy|parkway|hwy|highway|way|ter|terrace|cir|circle|plz|plaza)\.?"
    r"(?:\s*(?:,\s*)?(?:#|suite|ste\.?|unit|apt\.?|fl\.?|floor|room|rm)\s*[\w-]+)?)\s+(.+)$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Address:
    street: str
    city: str = ""
    state: str = ""
    zip_code: str = ""


def _state_code(word: str) -> str:
    w = word.strip(" .").casefold()
    if w.upper() in _CODES and len(w) == 2:
        return w.upper()
    return US_STATES.get(w, "")


#: The shape most master sheets use, 'street[, suite], city, ST 12345': read in one match.
_COMMON = re.compile(r"(.+),\s*([^,\s][^,]*),\s*([A-Z]{2})\s+(\d{5}(?:-\d{4})?)")


def split_address(value: str) -> Address:
    """The parts of a packed address; a plain street ('5801 W Chicago Ave') comes back as is.

    Understood: 'street, city, ST 12345', 'street, city, State 12345-6789',
    'street, suite, city, ST', 'street city ST 12345' (city found after the street type).
    """
    text = " ".join(value.split())
    if not text:
        return Address("")
    common = _COMMON.fullmatch(text)
    if common and common.group(3) in _CODES:
        # The same parts the general reading below gives this shape, a few times faster.
        parts = [p.strip() for p in common.group(1).split(",") if p.strip()]
        if parts:
            city = common.group(2).strip()
            return Address(", ".join(parts), city, common.group(3), common.group(4))
    return _split_general(text)


def _split_general(text: str) -> Address:
    state = zip_code = ""
    rest = text
    # State and ZIP end the text: search only its tail (the pattern's lazy part is slow on
    # long text, and a state name with its ZIP fits in 60 characters).
    m = _STATE_ZIP.search(rest, max(0, len(rest) - 60))
    if m and _state_code(m.group(1).split()[-1] if len(m.group(1).split()) else ""):
        words = m.group(1).split()
        # A two-word state ("New York") or a code; take the longest that is a state.
        for n in (3, 2, 1):
            if len(words) >= n and _state_code(" ".join(words[-n:])):
                state = _state_code(" ".join(words[-n:]))
                lead = " ".join(words[:-n])
                rest = (rest[: m.start(1)] + lead).rstrip(" ,")
                break
        zip_code = m.group(2)
    else:
        z = _ZIP_ONLY.search(rest)
        if z and "," in rest:
            zip_code = z.group(1)
            rest = rest[: z.start()].rstrip(" ,")
        s = _STATE_ONLY.search(rest)
        if s and _state_code(s.group(1)) and rest.count(",") >= 2:
            state = _state_code(s.group(1))
            rest = rest[: s.start()].rstrip(" ,")
    if not (state or zip_code):
        return Address(text)
    parts = [p.strip() for p in rest.split(",") if p.strip()]
    if len(parts) >= 2:
        return Address(", ".join(parts[:-1]), parts[-1], state, zip_code)
    street_end = _STREET_END.match(rest)
    if street_end:
        return Address(street_end.group(1).strip(), street_end.group(2).strip(), state, zip_code)
    return Address(rest, "", state, zip_code)
