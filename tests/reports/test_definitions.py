"""forms/metrics.toml: the shipped file loads; bad values name the key path and the line."""

from __future__ import annotations

import tomllib

import pytest

from app import forms
from app.core.metrics import REQUIRED, MetricsError, from_mapping
from app.services.reports.definitions import load_definitions


def shipped() -> dict:
    return tomllib.loads((forms.folder() / "metrics.toml").read_text(encoding="utf-8"))


def test_shipped_file_defines_every_metric():
    defs = load_definitions()
    assert set(REQUIRED) <= set(defs.metrics)
    assert defs.outcome.day == 90
    assert defs.outcome.excluded == frozenset({"laid_off"})
    for d in defs:
        assert d.definition and d.counts and d.not_counted and d.period


def test_bad_unit_names_its_key_path():
    data = shipped()
    data["metric"][3]["unit"] = "furlongs"
    with pytest.raises(MetricsError) as caught:
        from_mapping(data)
    assert caught.value.path == "metric[3].unit"


def test_missing_metric_and_unknown_weight_are_refused():
    data = shipped()
    data["metric"] = [m for m in data["metric"] if m["id"] != "outcome_rate"]
    with pytest.raises(MetricsError, match="outcome_rate"):
        from_mapping(data)
    data = shipped()
    data["partners"]["charm"] = 2
    with pytest.raises(MetricsError) as caught:
        from_mapping(data)
    assert caught.value.path == "partners.charm"


def test_file_error_points_at_the_line(forms_folder):
    path = forms_folder / "metrics.toml"
    raw = path.read_text(encoding="utf-8")
    broken = raw.replace('unit = "share"', 'unit = "percent"', 1)
    path.write_text(broken, encoding="utf-8")
    forms.clear_cache()
    with pytest.raises(forms.FormsFileError) as caught:
        load_definitions()
    line = broken.splitlines()[caught.value.line - 1]
    assert line.strip() == 'unit = "percent"'
    assert "unit" in caught.value.problem
