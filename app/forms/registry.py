"""The registry of forms files: where the folder is, one entry per file, one cache.

Each entry names its file (relative to the forms folder), the pure builder in
`app.core` that turns the parsed mapping into rules, and the locator that turns
a builder's `FormsDataError` place into a line. Files are read once per run
(what was checked at start is what is used until the next start);
`clear_cache` and `set_folder` exist for tests and for pointing an installed
copy of the app at its own folder.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

from app.core.forms_data import FormsDataError, Place
from app.forms.locate import FormsFileError, locate, read_toml

T = TypeVar("T")
Locator = Callable[[str, Place, tuple[str, ...]], "int | None"]

SHIPPED = Path(__file__).resolve().parents[2] / "forms"

_folder: Path | None = None
_cache: dict[Path, Any] = {}
_lock = threading.RLock()


def folder() -> Path:
    """The forms folder in use: the one shipped with the app unless `set_folder` chose another."""
    return _folder or SHIPPED


def set_folder(path: Path | None) -> None:
    """Read forms files from `path` from now on (None: the shipped folder again)."""
    global _folder
    _folder = Path(path) if path is not None else None
    clear_cache()


def clear_cache() -> None:
    with _lock:
        _cache.clear()


def _build(path: Path, build: Callable[[Mapping[str, Any]], T], where: Locator) -> T:
    data, text = read_toml(path)
    try:
        return build(data)
    except FormsDataError as exc:
        raise FormsFileError(path, exc.problem, where(text, exc.at, exc.near)) from exc


def _cached(path: Path, make: Callable[[], T]) -> T:
    with _lock:
        if path not in _cache:
            _cache[path] = make()
        return _cache[path]


@dataclass(frozen=True, eq=False)
class Entry(Generic[T]):
    """One forms file built into one object; `needs` are built first and handed to `build`."""

    name: str
    build: Callable[..., T]
    needs: tuple[Entry[Any], ...] = ()
    locate: Locator = locate

    def path(self) -> Path:
        return folder() / self.name

    def files(self) -> list[Path]:
        return [self.path()]

    def load(self) -> T:
        """The built object (read once per run); a bad file raises FormsFileError."""
        path = self.path()
        return _cached(path, lambda: self._make(path))

    def _make(self, path: Path) -> T:
        needed = [n.load() for n in self.needs]
        return _build(path, lambda data: self.build(data, *needed), self.locate)

    def refuse(self, rule: Callable[[T], None]) -> None:
        """Run a pure rule that needs more than the file (the store's events, say) on the
        built object; its FormsDataError becomes a FormsFileError with the file's line."""
        built = self.load()
        try:
            rule(built)
        except FormsDataError as exc:
            path = self.path()
            _, text = read_toml(path)
            raise FormsFileError(path, exc.problem, self.locate(text, exc.at, exc.near)) from exc


@dataclass(frozen=True, eq=False)
class FolderEntry(Generic[T]):
    """A folder of like files (one email template each), built into {file stem: object}."""

    name: str
    build: Callable[[str, Mapping[str, Any]], T]
    required: tuple[str, ...] = ()
    missing: str = "this file is missing"
    locate: Locator = locate

    def path(self) -> Path:
        return folder() / self.name

    def files(self) -> list[Path]:
        return sorted(self.path().glob("*.toml"))

    def load(self) -> dict[str, T]:
        return _cached(self.path(), self._make)

    def _make(self) -> dict[str, T]:
        built = {}
        for path in self.files():
            built[path.stem] = _build(
                path, lambda data, stem=path.stem: self.build(stem, data), self.locate
            )
        for stem in self.required:
            if stem not in built:
                raise FormsFileError(self.path() / f"{stem}.toml", self.missing)
        return built


REGISTRY: list[Entry[Any] | FolderEntry[Any]] = []


def register(
    name: str,
    build: Callable[..., T],
    *,
    needs: tuple[Entry[Any], ...] = (),
    locate: Locator = locate,
) -> Entry[T]:
    """Add one forms file; `build(mapping, *needed objects)` must be pure."""
    entry = Entry(name, build, needs, locate)
    REGISTRY.append(entry)
    return entry


def register_folder(
    name: str,
    build: Callable[[str, Mapping[str, Any]], T],
    *,
    required: tuple[str, ...] = (),
    missing: str = "this file is missing",
) -> FolderEntry[T]:
    """Add a folder of files built one by one with `build(file stem, mapping)`."""
    entry = FolderEntry(name, build, required, missing)
    REGISTRY.append(entry)
    return entry


def check_all() -> None:
    """Read and build every registered file afresh; the first problem raises FormsFileError.
    Run at start, so a typo stops the app there instead of in the middle of a BSR's work."""
    clear_cache()
    for entry in REGISTRY:
        entry.load()


def explain(exc: FormsFileError) -> str:
    """The message whoever edits the forms folder reads."""
    return (
        f"A file in the forms folder is broken: {exc}. Nothing has been changed. "
        "Fix the file (or put back the previous copy) and start Employer Desk again."
    )
