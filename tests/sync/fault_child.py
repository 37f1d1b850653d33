"""A real process that syncs and is killed (SIGKILL) at one chosen step, or runs short of disk.

    python -m tests.sync.fault_child STEP STORE SHARE [WALL_OFFSET_MS]

STEP is one of:
  publish-before-write     killed after the temporary file exists, before any byte is written
  publish-before-fsync     killed after writing, before fsync
  publish-before-rename    killed after fsync, before the final name is made
  publish-before-log       killed after the file is published, before the local log records it
  apply-before-commit      killed inside the apply transaction, after applying, before commit
  publish-disk-full        the segment write exceeds a file-size limit (RLIMIT_FSIZE, EFBIG)
  apply-disk-full          the store cannot grow while applying (RLIMIT_FSIZE on SQLite's writes)
  sync                     a plain sync, no fault (optionally with a skewed wall clock)

The process prints the sync summary as JSON when it survives.
"""

from __future__ import annotations

import json
import os
import resource
import signal
import sys
from pathlib import Path


def die() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def main(argv: list[str]) -> int:
    step, store_path, share = argv[0], Path(argv[1]), Path(argv[2])
    offset_ms = int(argv[3]) if len(argv) > 3 else 0

    import app.core.hlc as hlc

    if offset_ms:
        real_wall = hlc.wall_clock_ms
        hlc.wall_clock_ms = lambda: real_wall() + offset_ms

    import app.sync.engine as engine
    import app.sync.folder as folder
    import app.sync.reading as reading
    from app.store.engine import open_store
    from app.sync.folder import FolderTransport
    from tests.sync.helpers import KEYS

    real_write, real_fsync, real_link = os.write, os.fsync, os.link
    if step == "publish-before-write":
        folder.os.write = lambda fd, data: die()  # type: ignore[assignment]
    elif step == "publish-before-fsync":
        folder.os.fsync = lambda fd: die()  # type: ignore[assignment]
    elif step == "publish-before-rename":
        folder.os.link = lambda a, b: die()  # type: ignore[assignment]
    elif step == "publish-before-log":
        engine._record = lambda *a, **k: die()  # type: ignore[assignment]
    elif step == "apply-before-commit":
        real_apply = reading.apply_changes

        def apply_then_die(session, changes):
            real_apply(session, changes)
            session.flush()
            die()

        reading.apply_changes = apply_then_die  # type: ignore[assignment]
    elif step == "publish-disk-full":
        real_write_new = folder.write_new_file

        def limited(path, name, data):
            soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
            resource.setrlimit(resource.RLIMIT_FSIZE, (len(data) // 2, hard))
            try:
                return real_write_new(path, name, data)
            finally:
                resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))

        folder.write_new_file = limited  # type: ignore[assignment]
    elif step == "apply-disk-full":
        real_apply_segment = reading._apply_segment

        def apply_on_a_full_disk(store, got, changes, *rest):
            # While this segment is applied no file may grow: SQLite's commit fails.
            soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
            resource.setrlimit(resource.RLIMIT_FSIZE, (0, hard))
            try:
                return real_apply_segment(store, got, changes, *rest)
            finally:
                resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))

        reading._apply_segment = apply_on_a_full_disk  # type: ignore[assignment]
    elif step != "sync":
        print(f"unknown step {step}", file=sys.stderr)
        return 2
    del real_write, real_fsync, real_link

    store = open_store(store_path)
    summary = engine.sync_once(store, FolderTransport(share), KEYS, prune=False)
    print(json.dumps(summary.to_plain() | {"published_ok": summary.published_ok}))
    store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
