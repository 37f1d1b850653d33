"""Python's cycle collector paused for one bounded piece of bulk work.

Bulk work (an import's read, plan and write; a batch of changes from the share) makes
hundreds of thousands of short-lived dicts, tuples and strings, none of them in a
cycle. Each allocation threshold they cross starts a collection, and the full ones walk
every object the process holds, so their cost grows with the batch: at 100,000 rows they
took about a third of an import. Reference counting still frees everything as usual.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """The cycle collector off inside the block (usable as a decorator), back on after it
    when it was on before, also when the block raises. Nested and concurrent pauses never
    leave it off: only the pause that found it on turns it back on."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


__all__ = ["collector_paused"]
