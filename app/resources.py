"""Where the files shipped beside the code are: the `resources/` folder (help, icon).

A checkout and the bundle lay them out alike: `resources/` sits next to the `app`
package (in the bundle, inside its `_internal` folder).
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent / "resources"


def path(*parts: str) -> Path:
    """A file or folder under resources/ (it may not exist: callers check)."""
    return ROOT.joinpath(*parts)
