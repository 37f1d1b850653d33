"""`employer-desk report ...` and `export services`, run in process on a real store file."""

from __future__ import annotations

import json

from app.cli import build_parser
from tests.reports import world


def run(capsys, *argv: str) -> tuple[int, str, str]:
    args = build_parser().parse_args(list(argv))
    code = args.run(args)
    out = capsys.readouterr()
    return code, out.out, out.err


def test_report_metrics_json_matches_the_ojt_list(store, capsys):
    known = world.build(store)
    db = str(store.path)
    code, out, _ = run(
        capsys,
        "--store",
        db,
        "report",
        "metrics",
        "--from",
        "2025-07-01",
        "--to",
        "2026-06-30",
        "--as-of",
        "2026-06-30",
        "--json",
    )
    assert code == 0
    metrics = {m["id"]: m for m in json.loads(out)["metrics"]}
    assert metrics["placements"]["value"] == 5
    assert metrics["outcome_rate"]["numerator"] == 2
    assert metrics["outcome_rate"]["denominator"] == 3
    assert "outside the worker's control" in metrics["outcome_rate"]["definition"]
    assert metrics["retention_180"]["text"] == "no data"
    code, out, _ = run(capsys, "--store", db, "ojt", "list", "--json")
    listed = sum(r["reimbursed_cents"] for r in json.loads(out))
    assert listed == metrics["ojt_reimbursed"]["numerator"] == 230000
    assert known["ojt_oak"] in {r["id"] for r in json.loads(out)}


def test_report_metrics_refuses_a_backwards_period(store, capsys):
    code, _, err = run(
        capsys,
        "--store",
        str(store.path),
        "report",
        "metrics",
        "--from",
        "2026-06-30",
        "--to",
        "2026-01-01",
    )
    assert code == 1
    assert "before" in err
