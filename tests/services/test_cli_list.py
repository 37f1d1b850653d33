"""`employer-desk list ...` finds the ids other commands take; a closed pipe ends quietly."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from app.store.engine import copy_store

ROOT = Path(__file__).resolve().parents[2]


def _run(store: Path, *args: str, **kwargs) -> subprocess.CompletedProcess[str]:
    if "stdout" not in kwargs:
        kwargs["capture_output"] = True
    return subprocess.run(
        [sys.executable, "-m", "app", "--store", str(store), *args],
        text=True,
        cwd=ROOT,
        env=dict(os.environ),
        timeout=120,
        **kwargs,
    )


def _demo_copy(demo_store_file: Path, tmp_path: Path) -> Path:
    path = tmp_path / "demo.sqlite"
    copy_store(demo_store_file, path)
    return path


def test_list_employers_by_search_gives_ids_other_commands_take(
    demo_store_file: Path, tmp_path: Path
) -> None:
    path = _demo_copy(demo_store_file, tmp_path)
    everyone = json.loads(_run(path, "list", "employers", "--json").stdout)
    assert len(everyone) == 60
    wanted = everyone[7]
    found = _run(path, "list", "employers", "--search", wanted["name"], "--json")
    assert found.returncode == 0, found.stderr
    rows = json.loads(found.stdout)
    assert rows[0]["id"] == wanted["id"] and rows[0]["name"] == wanted["name"]
    eligibility = _run(path, "eligibility", wanted["id"], "--json")
    assert eligibility.returncode == 0, eligibility.stderr


def test_list_events_and_participants_as_lines_and_json(
    demo_store_file: Path, tmp_path: Path
) -> None:
    path = _demo_copy(demo_store_file, tmp_path)
    events = json.loads(_run(path, "list", "events", "--json").stdout)
    assert events and all({"id", "title", "starts_at", "status"} <= set(e) for e in events)
    lines = _run(path, "list", "events").stdout.splitlines()
    assert len(lines) == len(events) and lines[0].startswith(events[0]["id"] + "  ")
    people = json.loads(_run(path, "list", "participants", "--json").stdout)
    assert people
    one = people[3]
    last_name = one["name"].split()[-1]
    narrowed = json.loads(
        _run(path, "list", "participants", "--search", last_name, "--json").stdout
    )
    assert one["id"] in {p["id"] for p in narrowed} and len(narrowed) < len(people)


def test_nothing_found_says_so(demo_store_file: Path, tmp_path: Path) -> None:
    path = _demo_copy(demo_store_file, tmp_path)
    done = _run(path, "list", "employers", "--search", "zzzqqqxxy")
    assert done.returncode == 0 and done.stdout.strip() == "No employers found."


def test_a_reader_that_went_away_ends_the_command_without_a_traceback(
    demo_store_file: Path, tmp_path: Path
) -> None:
    """As `... --json | head` does once head has read enough: the pipe is closed before we write."""
    path = _demo_copy(demo_store_file, tmp_path)
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        done = _run(path, "list", "employers", "--json", stdout=write_end, stderr=subprocess.PIPE)
    finally:
        os.close(write_end)
    assert "Traceback" not in done.stderr and "BrokenPipe" not in done.stderr, done.stderr
    assert done.returncode == 141


def test_eligibility_json_read_by_head_ends_quietly(demo_store_file: Path, tmp_path: Path) -> None:
    """`employer-desk eligibility ID --json | head -3`: head reads three lines and leaves."""
    path = _demo_copy(demo_store_file, tmp_path)
    wanted = json.loads(_run(path, "list", "employers", "--json").stdout)[0]
    for extra in (["--json"], []):
        with subprocess.Popen(
            [
                sys.executable,
                "-m",
                "app",
                "--store",
                str(path),
                "eligibility",
                wanted["id"],
                *extra,
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            cwd=ROOT,
            text=True,
        ) as child:
            first = [child.stdout.readline() for _ in range(3)]
            child.stdout.close()
            err = child.stderr.read()
            code = child.wait(timeout=120)
        assert first[0].strip(), first
        assert "Traceback" not in err and "BrokenPipe" not in err and "Exception" not in err, err
        assert code in (0, 141)
        read_end, write_end = os.pipe()
        os.close(read_end)
        try:
            done = _run(
                path, "eligibility", wanted["id"], *extra, stdout=write_end, stderr=subprocess.PIPE
            )
        finally:
            os.close(write_end)
        assert "Traceback" not in done.stderr and "Exception" not in done.stderr, done.stderr
        assert done.returncode == 141
