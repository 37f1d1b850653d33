"""Building many new ORM records quickly for one `add_all` and one flush.

SQLModel's constructor validates and copies each field (about 1 ms a record on
these machines); an import of 100k rows makes 200k records. Values here are
already cleaned by the importer, so the record is built the way the ORM loads
one: an instrumented instance with its fields set directly, defaults and
default factories applied exactly as the model declares them. The session
still sees ordinary pending objects, so change capture journals every insert.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from pydantic_core import PydanticUndefined
from sqlalchemy.orm import configure_mappers
from sqlmodel import SQLModel

_M = TypeVar("_M", bound=SQLModel)
_DEFAULTS: dict[type, list[tuple[str, Any, bool | None]]] = {}


def _defaults(cls: type) -> list[tuple[str, Any, bool | None]]:
    found = _DEFAULTS.get(cls)
    if found is None:
        configure_mappers()  # the ORM wires attributes on first use; make sure it has
        found = []
        for name, info in cls.model_fields.items():  # type: ignore[attr-defined]
            if info.default_factory is not None:
                found.append((name, info.default_factory, True))
            elif info.default is PydanticUndefined:
                found.append((name, None, None))
            else:
                found.append((name, info.default, False))
        _DEFAULTS[cls] = found
    return found


def new_record(cls: type[_M], values: dict[str, Any]) -> _M:
    """A pending-ready instance of table model `cls` with `values` and the model's defaults."""
    obj = cls._sa_class_manager.new_instance()  # type: ignore[attr-defined]
    data = obj.__dict__
    for name, default, kind in _defaults(cls):
        if name in values:
            data[name] = values[name]
        elif kind:
            factory: Callable[[], Any] = default
            data[name] = factory()
        elif kind is False:
            data[name] = default
        else:
            raise TypeError(f"{cls.__name__} needs a value for {name}")
    object.__setattr__(obj, "__pydantic_fields_set__", set(values))
    object.__setattr__(obj, "__pydantic_extra__", None)
    object.__setattr__(obj, "__pydantic_private__", None)
    return obj
