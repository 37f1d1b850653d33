"""Small timing helpers shared by the benchmarks."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def repeat(fn: Callable[[], object], times: int = 7) -> list[float]:
    """Seconds taken by each of `times` calls."""
    out = []
    for _ in range(times):
        start = time.perf_counter()
        fn()
        out.append(time.perf_counter() - start)
    return out


def median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def p95_ms(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))] * 1000


def ratio_line(label: str, ours: float, baseline: float, target: float | None = None) -> str:
    ratio = ours / baseline if baseline > 0 else float("inf")
    verdict = ""
    if target is not None:
        verdict = f"  [target <= {target:g}x: {'met' if ratio <= target else 'NOT met'}]"
    return f"{label}: {ratio:.2f}x the baseline{verdict}"
