"""forms/metrics.toml read once into definitions; a bad value names the file, line and key."""

from __future__ import annotations

import re
from pathlib import Path

from app.core.forms_file import FORMS_DIR, FormsFileError, entry_line, line_after, read_toml
from app.core.metrics import MetricDefinitions, MetricsError, from_mapping
from app.services.agency.rules_files import line_in_section

METRICS_FILE = "metrics.toml"

_cache: dict[Path, MetricDefinitions] = {}


def _line(raw: str, path: str) -> int | None:
    """The line of a key path like "metric[3].unit" or "partners.hires"."""
    found = re.fullmatch(r"metric\[(\d+)\](?:\.(\w+))?", path)
    if found:
        start = entry_line(raw, "metric", int(found.group(1)) + 1)
        return line_after(raw, start, found.group(2)) if found.group(2) else start
    section, _, key = path.partition(".")
    return line_in_section(raw, section, key)


def load_definitions(path: Path | None = None, cached: bool = True) -> MetricDefinitions:
    """The metric definitions; raises FormsFileError (file, line, key path, problem)."""
    path = path or FORMS_DIR / METRICS_FILE
    if cached and path in _cache:
        return _cache[path]
    data, raw = read_toml(path)
    try:
        definitions = from_mapping(data)
    except MetricsError as exc:
        raise FormsFileError(path, f"{exc.path} {exc.problem}", _line(raw, exc.path)) from exc
    _cache[path] = definitions
    return definitions
