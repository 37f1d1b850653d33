"""Device-local state that never syncs: settings, window layout, last open record."""

from sqlmodel import Field, SQLModel


class LocalSetting(SQLModel, table=True):
    """A key/value pair about this machine and this BSR's preferences (JSON values)."""

    __tablename__ = "local_setting"

    key: str = Field(primary_key=True)
    value: str = ""
