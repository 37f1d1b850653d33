"""The one error every import reader raises for a file it cannot take."""

from __future__ import annotations


class ImportFileError(Exception):
    """A file that cannot be imported; `message` says why and what to do."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
