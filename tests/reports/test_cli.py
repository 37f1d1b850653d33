"""`employer-desk report ...` and `export services`, run in process on a real store file."""

from __future__ import annotations

import json

from openpyxl import load_workbook

from app.cli import build_parser
from tests.reports import world
from tests.reports.pdf_text import text_of


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


def test_report_papers_partners_and_services_from_the_command_line(store, capsys, tmp_path):
    known = world.build(store)
    db = str(store.path)
    impact = tmp_path / "impact.pdf"
    code, out, _ = run(
        capsys, "--store", db, "report", "impact", known["oak"], "--out", str(impact)
    )
    assert code == 0 and "Oak Foods LLC" in text_of(impact.read_bytes())[1]
    code, _, err = run(capsys, "--store", db, "report", "impact", "nope", "--out", str(impact))
    assert code == 1 and "No employer" in err
    outreach = tmp_path / "outreach.pdf"
    code, _, _ = run(capsys, "--store", db, "report", "outreach", "--out", str(outreach))
    assert code == 0 and "Free hiring help" in text_of(outreach.read_bytes())[1]
    code, out, _ = run(capsys, "--store", db, "report", "partners", "--year", "2026", "--json")
    assert code == 0
    ranked = json.loads(out)
    assert ranked["not_ranked"][0]["employer"] == "Birch Hotels Inc"
    assert all(r["reasons"] for r in ranked["ranked"])
    code, _, _ = run(
        capsys,
        "--store",
        db,
        "report",
        "thanks",
        known["cedar"],
        "--year",
        "2026",
        "--kind",
        "lunch_invitation",
        "--on",
        "2026-12-01",
    )
    assert code == 0
    code, _, err = run(
        capsys,
        "--store",
        db,
        "report",
        "thanks",
        known["cedar"],
        "--year",
        "2026",
        "--kind",
        "lunch_invitation",
    )
    assert code == 1 and "already recorded" in err
    services = tmp_path / "services.xlsx"
    code, out, _ = run(
        capsys,
        "--store",
        db,
        "export",
        "services",
        "--from",
        "2026-01-01",
        "--to",
        "2026-06-30",
        "--out",
        str(services),
    )
    assert code == 0 and "employer services written" in out
    assert load_workbook(services).active["B1"].value == "Employer"
    code, _, err = run(capsys, "--store", db, "export", "services", "--out", str(services))
    assert code == 1 and "--from" in err
