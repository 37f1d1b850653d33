"""Alembic environment: runs on the engine the app hands over, batch mode for SQLite."""

from alembic import context
from sqlmodel import SQLModel

import app.core.models  # noqa: F401
from app.store.migrate import include_name

config = context.config
target_metadata = SQLModel.metadata


def run() -> None:
    engine = config.attributes.get("engine")
    if engine is None:
        from sqlalchemy import create_engine

        engine = create_engine(config.get_main_option("sqlalchemy.url") or "sqlite://")
    with engine.begin() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_as_batch=True,
            include_name=include_name,
        )
        context.run_migrations()


run()
