"""Alembic, driven from code: no alembic.ini to ship, the scripts live in the package.

Feature areas add their tables as their own migration branch off the first
revision; `upgrade` applies every head, so branches never need coordinating.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

SCRIPT_LOCATION = Path(__file__).with_name("migrations")


def config(engine: Engine | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(SCRIPT_LOCATION))
    if engine is not None:
        cfg.attributes["engine"] = engine
    return cfg


def current_heads(engine: Engine) -> set[str]:
    with engine.connect() as conn:
        return set(MigrationContext.configure(conn).get_current_heads())


def script_heads() -> set[str]:
    return set(ScriptDirectory.from_config(config()).get_heads())


def pending(engine: Engine) -> bool:
    return current_heads(engine) != script_heads()


def upgrade(engine: Engine, target: str = "heads") -> None:
    command.upgrade(config(engine), target)


#: Tables made by hand in migrations (FTS5 indexes and their shadow tables), not by models.
UNMANAGED_PREFIXES: tuple[str, ...] = ("employer_search",)


def include_name(name: str | None, type_: str, _parent: object) -> bool:
    """Autogenerate and drift checks look only at tables the models declare."""
    return not (type_ == "table" and name and name.startswith(UNMANAGED_PREFIXES))
