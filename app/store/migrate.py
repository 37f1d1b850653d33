"""Alembic, driven from code: no alembic.ini to ship, the scripts live in the package.

Feature areas add their tables as their own migration branch off the first
revision; `upgrade` applies every head, so branches never need coordinating.
"""

from __future__ import annotations

import ast
import re
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from alembic.config import Config
    from sqlalchemy import Engine

SCRIPT_LOCATION = Path(__file__).with_name("migrations")
_ASSIGNMENT = re.compile(r"^(revision|down_revision)\s*(?::[^=]*)?=\s*(.+?)\s*$", re.MULTILINE)


def config(engine: Engine | None = None) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(SCRIPT_LOCATION))
    if engine is not None:
        cfg.attributes["engine"] = engine
    return cfg


@cache
def revision_graph() -> dict[str, tuple[str, ...]]:
    """Every shipped revision and the ones it revises, read from the scripts' own
    `revision = ...` / `down_revision = ...` lines.

    Opening a store that is already up to date needs only this, and reading a dozen small
    files costs a fraction of importing Alembic and building its script directory, which
    is on the path to the first filled window.
    """
    graph: dict[str, tuple[str, ...]] = {}
    for script in sorted((SCRIPT_LOCATION / "versions").glob("*.py")):
        found = dict(
            (m.group(1), ast.literal_eval(m.group(2)))
            for m in _ASSIGNMENT.finditer(script.read_text(encoding="utf-8"))
        )
        if "revision" not in found:
            continue
        down = found.get("down_revision")
        graph[found["revision"]] = (
            tuple(down) if isinstance(down, (tuple, list)) else ((down,) if down else ())
        )
    return graph


def known_revisions() -> frozenset[str]:
    """Every migration this version ships."""
    return frozenset(revision_graph())


def current_heads(engine: Engine) -> set[str]:
    """The revisions the store is at (none for a store still to be made)."""
    from sqlalchemy import text

    with engine.connect() as conn:
        has_table = conn.execute(
            text("SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'")
        ).first()
        if not has_table:
            return set()
        return {row[0] for row in conn.execute(text("SELECT version_num FROM alembic_version"))}


def script_heads() -> set[str]:
    """The revisions no other revision revises: what `upgrade` brings a store to."""
    graph = revision_graph()
    revised = {down for downs in graph.values() for down in downs}
    return set(graph) - revised


def pending(engine: Engine) -> bool:
    return current_heads(engine) != script_heads()


def upgrade(engine: Engine, target: str = "heads") -> None:
    from alembic import command

    command.upgrade(config(engine), target)


#: Tables made by hand in migrations (FTS5 indexes and their shadow tables), not by models.
UNMANAGED_PREFIXES: tuple[str, ...] = ("employer_search",)


def include_name(name: str | None, type_: str, _parent: object) -> bool:
    """Autogenerate and drift checks look only at tables the models declare."""
    return not (type_ == "table" and name and name.startswith(UNMANAGED_PREFIXES))
