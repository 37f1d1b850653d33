"""When something breaks: tell the BSR what to do, and log what a developer needs, never data.

The log keeps the exception TYPE and the traceback frames (file, line, function)
only. Exception messages are left out on purpose: they often quote what was
typed (an employer's name, a participant's phone number), and the log may be
mailed to whoever fixes the bug.
"""

from __future__ import annotations

import logging
import sys
import traceback
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType

from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from app import APP_NAME, __version__
from app.store import private
from app.store.paths import log_file

_LOGGER = "employer_desk.crash"


def log_path() -> Path:
    return log_file()


class PrivateRotatingFileHandler(RotatingFileHandler):
    """Log files readable by the user only, like every file in the data folder."""

    def _open(self):  # noqa: ANN202 - the stream logging expects
        return open(  # noqa: SIM115 - the handler owns and closes the stream
            self.baseFilename,
            self.mode,
            encoding=self.encoding,
            errors=self.errors,
            opener=private.opener,
        )


def _logger() -> logging.Logger:
    """A rotating file log (5 files of 512 kB), created on first use."""
    logger = logging.getLogger(_LOGGER)
    target = log_path()
    for handler in logger.handlers:
        if isinstance(handler, RotatingFileHandler) and Path(handler.baseFilename) == target:
            return logger
    for handler in list(logger.handlers):
        logger.removeHandler(handler)
        handler.close()
    private.private_folder(target.parent)
    handler = PrivateRotatingFileHandler(target, maxBytes=512_000, backupCount=4, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False
    return logger


def describe(
    exc_type: type[BaseException], exc: BaseException | None, tb: TracebackType | None
) -> str:
    """The traceback without any message: types and frames, following the chain of causes."""
    lines: list[str] = []
    seen: set[int] = set()
    current_type, current, current_tb = exc_type, exc, tb
    while True:
        lines.append(f"{current_type.__module__}.{current_type.__qualname__}")
        for frame in traceback.extract_tb(current_tb):
            lines.append(f'  File "{frame.filename}", line {frame.lineno}, in {frame.name}')
        if current is None:
            break
        seen.add(id(current))
        cause = current.__cause__ or (None if current.__suppress_context__ else current.__context__)
        if cause is None or id(cause) in seen:
            break
        lines.append("caused by / while handling:")
        current_type, current, current_tb = type(cause), cause, cause.__traceback__
    return "\n".join(lines)


def write_log(
    exc_type: type[BaseException], exc: BaseException | None, tb: TracebackType | None
) -> Path:
    """Append one crash report to the log; returns the log file."""
    logger = _logger()
    logger.error("%s %s unexpected error\n%s", APP_NAME, __version__, describe(exc_type, exc, tb))
    for handler in logger.handlers:
        handler.flush()
    return log_path()


class CrashDialog:
    """The message a BSR sees; a class so tests can replace `ask`."""

    @classmethod
    def ask(cls, parent: QWidget | None, log_file: Path) -> None:
        box = QMessageBox(parent)
        box.setIcon(QMessageBox.Icon.Critical)
        box.setWindowTitle(f"{APP_NAME}: something went wrong")
        box.setText("Something went wrong inside Employer Desk.")
        box.setInformativeText(
            "Your edits are saved as you make them, so nothing you finished typing is lost.\n\n"
            "What to do: close Employer Desk and start it again. If this keeps happening, "
            "send the log file to whoever supports Employer Desk at your office. "
            "It holds no employer or participant data.\n\n"
            f"Log: {log_file}"
        )
        box.setAccessibleName("Error message")
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        box.exec()


def handle_exception(
    exc_type: type[BaseException], exc: BaseException | None, tb: TracebackType | None
) -> None:
    """sys.excepthook: log it, then tell the user (Ctrl+C in a terminal still quits)."""
    if issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, exc, tb)  # type: ignore[arg-type]
        return
    try:
        log_file = write_log(exc_type, exc, tb)
    except OSError:
        log_file = log_path()
    if QApplication.instance() is not None:
        CrashDialog.ask(QApplication.activeWindow(), log_file)
    else:
        print(f"{APP_NAME}: unexpected error; details in {log_file}", file=sys.stderr)


def install_exception_hook() -> None:
    sys.excepthook = handle_exception
