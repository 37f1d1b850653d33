"""Numbers that look real on screen and on paper but belong to nobody.

Phone numbers use 555-0100 to 555-0199, the range set aside for fiction. FEINs use
prefixes the IRS has never assigned to a campus, so no demo employer carries the
number of a real business.
"""

from __future__ import annotations

import random

#: Two-digit EIN prefixes that no IRS campus assigns.
UNASSIGNED_FEIN_PREFIXES = ("07", "08", "09", "17", "18", "19", "28", "29", "49", "69", "70",
                            "78", "79", "89", "96", "97")  # fmt: skip
AREA_CODES = ("312", "773", "872", "708")


def invented_phone(rng: random.Random) -> str:
    """A Chicago-area number in the 555-01xx range."""
    return f"({rng.choice(AREA_CODES)}) 555-01{rng.randint(0, 99):02d}"


def invented_fein(rng: random.Random) -> str:
    """A FEIN shaped like 12-3456789 whose prefix was never assigned."""
    return f"{rng.choice(UNASSIGNED_FEIN_PREFIXES)}-{rng.randint(1000000, 9999999)}"
