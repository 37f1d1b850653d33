"""`employer-desk sync [--folder DIR]`: publish this store's changes and bring in the team's."""

from __future__ import annotations

import argparse
from pathlib import Path


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("sync", help="sync with the team through the shared folder, once")
    p.add_argument("--folder", default=None, help="use this folder this time (default: the team's)")
    p.add_argument(
        "--key-file",
        type=Path,
        default=None,
        help="load the team key from this key file for this run (computers without a keyring)",
    )
    p.set_defaults(run=run)


def report(summary) -> list[str]:
    """The summary as lines a person reads: counts first, then every file skipped and why."""
    lines = [
        f"Published: {summary.published} change(s) in {len(summary.published_files)} file(s)",
        f"Applied: {summary.applied} change(s) from {summary.segments_read} segment(s)",
        f"Conflicts: {summary.conflicts}",
        f"Set aside (quarantined): {len(summary.quarantined)} change(s) in this sync, "
        f"{summary.quarantined_total} not yet dismissed (see `employer-desk team status`)",
    ]
    if summary.snapshot_used:
        lines.append(f"Started from snapshot {summary.snapshot_used}")
    lines.append(f"Skipped files: {len(summary.skipped)}")
    lines += [f"  {s.path}: {s.reason}" for s in summary.skipped]
    if summary.waiting:
        lines.append("Waiting:")
        lines += [f"  {w}" for w in summary.waiting]
    lines += [f"  set aside: {q}" for q in summary.quarantined]
    lines += [f"Note: {n}" for n in summary.notes]
    lines += [f"Error: {e}" for e in summary.errors]
    return lines


def run(args: argparse.Namespace) -> int:
    from app.commands.common import fail, open_user_store
    from app.commands.team import passphrase
    from app.services.team.team import TeamError, sync_now, use_key_file

    store = open_user_store(args)
    try:
        if args.key_file:
            use_key_file(store, args.key_file, passphrase())
        summary = sync_now(store, args.folder)
    except (TeamError, ValueError) as exc:
        return fail(str(exc))
    finally:
        store.close()
    for line in report(summary):
        print(line)
    if summary.nothing_done:
        return fail("nothing could be synced: " + "; ".join(summary.errors))
    if summary.needs_attention:
        return EXIT_ATTENTION
    return 0


#: Exit code when the sync ran but something waits, failed, or is set aside and not yet
#: dismissed (`team dismiss`); 0 once everything is applied or dismissed.
EXIT_ATTENTION = 3
