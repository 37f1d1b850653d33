"""`employer-desk team create|join|export-key|status|dismiss`: sync through the shared folder."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

PASSPHRASE_ENV = "EMPLOYER_DESK_PASSPHRASE"


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("team", help="create or join the team that syncs through a shared folder")
    team_sub = p.add_subparsers(title="team commands", metavar="ACTION", required=True)

    c = team_sub.add_parser("create", help="start a team: make the team key, remember the folder")
    c.add_argument(
        "--folder", required=True, help="the shared folder (a path, or \\\\server\\share\\folder)"
    )
    c.add_argument(
        "--smb-user", default="", help="reach a \\\\server\\share path over SMB as this user"
    )
    c.add_argument(
        "--export-key",
        type=Path,
        default=None,
        metavar="FILE",
        help="also write the key file now (needed when this computer has no keyring)",
    )
    c.set_defaults(run=run_create)

    e = team_sub.add_parser("export-key", help="write the team key to a passphrase-protected file")
    e.add_argument("--out", type=Path, required=True, help="key file to create")
    e.set_defaults(run=run_export)

    j = team_sub.add_parser("join", help="join a team with a key file exported on another computer")
    j.add_argument("--folder", required=True, help="the team's shared folder")
    j.add_argument("--key-file", type=Path, required=True, help="the exported key file")
    j.add_argument(
        "--smb-user", default="", help="reach a \\\\server\\share path over SMB as this user"
    )
    j.set_defaults(run=run_join)

    s = team_sub.add_parser("status", help="show the team, its devices and the folder")
    s.set_defaults(run=run_status)

    d = team_sub.add_parser(
        "dismiss",
        help="dismiss changes set aside from other computers (kept and listed, never applied)",
    )
    d.add_argument(
        "ids", nargs="*", type=int, metavar="NUMBER", help="the number `team status` shows"
    )
    d.add_argument("--all", action="store_true", help="every set-aside change not yet dismissed")
    d.set_defaults(run=run_dismiss)


def passphrase(confirm: bool = False) -> str:
    """From EMPLOYER_DESK_PASSPHRASE, else asked without echo."""
    value = os.environ.get(PASSPHRASE_ENV)
    if value:
        return value
    import getpass

    first = getpass.getpass("Key file passphrase: ")
    if confirm and getpass.getpass("Repeat the passphrase: ") != first:
        raise ValueError("The two passphrases differ.")
    return first


def smb_password(args: argparse.Namespace) -> str | None:
    if not args.smb_user:
        return None
    value = os.environ.get("EMPLOYER_DESK_SMB_PASSWORD")
    if value is not None:
        return value
    import getpass

    return getpass.getpass(f"Password of {args.smb_user} on the file server: ")


def run_create(args: argparse.Namespace) -> int:
    from app.commands.common import fail, open_user_store
    from app.services.team.team import TeamError, create_team, export_key

    store = open_user_store(args)
    try:
        notice = create_team(
            store, args.folder, smb_user=args.smb_user, smb_password=smb_password(args)
        )
        print(f"Team {notice.team_id} created; shared folder: {args.folder}")
        print(f"Team key id: {notice.key_id}. {notice.message}")
        if args.export_key:
            export_key(store, args.export_key, passphrase(confirm=True))
            print(f"Key file written to {args.export_key}")
    except (TeamError, ValueError) as exc:
        return fail(str(exc))
    finally:
        store.close()
    return 0


def run_export(args: argparse.Namespace) -> int:
    from app.commands.common import fail, open_user_store
    from app.services.team.team import TeamError, export_key

    store = open_user_store(args)
    try:
        path = export_key(store, args.out, passphrase(confirm=True))
    except (TeamError, ValueError) as exc:
        return fail(str(exc))
    finally:
        store.close()
    print(f"Key file written to {path}. Give it to the new team member with its passphrase,")
    print("separately (never in the same email).")
    return 0


def run_join(args: argparse.Namespace) -> int:
    from app.commands.common import fail, open_user_store
    from app.services.team.team import TeamError, join_team

    store = open_user_store(args)
    try:
        notice = join_team(
            store,
            args.folder,
            args.key_file,
            passphrase(),
            smb_user=args.smb_user,
            smb_password=smb_password(args),
        )
    except (TeamError, ValueError) as exc:
        return fail(str(exc))
    finally:
        store.close()
    print(f"Joined team {notice.team_id}; shared folder: {args.folder}")
    print(notice.message)
    print("Run `employer-desk sync` to bring in the team's records.")
    return 0


def run_status(args: argparse.Namespace) -> int:
    from app.commands.common import open_user_store
    from app.services.team.team import status

    store = open_user_store(args)
    try:
        st = status(store)
    finally:
        store.close()
    if not st.in_team:
        print("This store is not in a team yet.")
        return 0
    print(f"Team {st.team_id}, folder {st.folder}")
    print(f"This device: {st.device_id}")
    key = st.key.value if st.key else "missing on this computer"
    print(f"Team key: {key}")
    print(f"Folder: {'reachable' if st.reachable else 'not reachable: ' + st.unreachable_reason}")
    print(f"Changes waiting to be published: {st.changes_to_publish}")
    for d in st.devices:
        seen = d.last_seen.isoformat(timespec="minutes") if d.last_seen else "never"
        waiting = "?" if d.segments_waiting is None else d.segments_waiting
        label = " (this device)" if d.is_me else ""
        print(f"  {d.device_id}{label}: last seen {seen}, segments waiting {waiting}")
    from app.services.team.quarantine import quarantined

    store = open_user_store(args)
    try:
        kept = quarantined(store)
    finally:
        store.close()
    open_ = [q for q in kept if not q.dismissed]
    print(f"Changes set aside (quarantined): {len(open_)}, dismissed: {len(kept) - len(open_)}")
    for q in kept:
        print(f"  #{q.id} from device {q.device_id}, segment {q.segment}: {q.what}: {q.reason}")
        if q.dismissed_at is not None:
            when = q.dismissed_at.isoformat(timespec="minutes")
            print(f"     dismissed by {q.dismissed_by} at {when}")
    if open_:
        print("Dismiss one after looking at it: `employer-desk team dismiss NUMBER`.")
    return 0


def run_dismiss(args: argparse.Namespace) -> int:
    from app.commands.common import fail, open_user_store
    from app.services.team.quarantine import UnknownChange, dismiss, quarantined

    if bool(args.ids) == bool(args.all):
        return fail("name the set-aside change(s) to dismiss by number, or give --all")
    store = open_user_store(args)
    try:
        kept = {q.id: q for q in quarantined(store, limit=1_000_000)}
        ids = [i for i, q in kept.items() if not q.dismissed] if args.all else list(args.ids)
        for i in ids:
            if i in kept and not kept[i].dismissed:
                print(f"Dismissing #{i}: {kept[i].dropping()}")
        done = dismiss(store, ids)
    except UnknownChange as exc:
        return fail(str(exc))
    finally:
        store.close()
    print(f"Dismissed {done} change(s); they stay listed in `employer-desk team status`.")
    return 0
