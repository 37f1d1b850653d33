"""The local SQLite store: engine, sessions, migrations, search."""
