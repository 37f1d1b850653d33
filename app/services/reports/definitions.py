"""The metric definitions (forms/metrics.toml), read once through the forms registry."""

from __future__ import annotations

from app import forms
from app.core.metrics import MetricDefinitions


def load_definitions() -> MetricDefinitions:
    """The metric definitions; a bad value raises FormsFileError with file, line and problem."""
    return forms.METRICS.load()
