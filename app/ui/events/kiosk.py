"""The check-in kiosk: a full-screen window for the laptop at the event's door.

One search box finds pre-registered people as they are typed; Enter checks
the highlighted person in. When nobody matches, Enter opens the walk-in form
with the typed name already in it. Every check-in is committed before the
screen says "welcome", so a closed lid or a crash loses nothing, and the app
reopens the kiosk on the running event at its next start. Leaving needs the
kiosk PIN.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QCloseEvent, QFont, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.core.models.events import InteractionKind
from app.core.validation import FieldError
from app.services.agency import org
from app.services.events import checkin, events
from app.services.events.checkin import AlreadyCheckedIn, RosterEntry
from app.ui.context import AppContext
from app.ui.events.walk_in_form import WalkInForm

ID_ROLE = Qt.ItemDataRole.UserRole
_Index = QModelIndex | QPersistentModelIndex

SEARCH, WALK_IN, PIN = 0, 1, 2


def _clock(dt: Any) -> str:
    local = events.local(dt)
    return f"{local.hour % 12 or 12}:{local.minute:02d} {'AM' if local.hour < 12 else 'PM'}"


class RosterModel(QAbstractListModel):
    """The people matching what was typed: name, and whether they are already here."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[RosterEntry] = []

    def set_rows(self, rows: list[RosterEntry]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def entry(self, row: int) -> RosterEntry | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        e = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if e.checked_in_at is not None:
                return f"{e.name}    (here since {_clock(e.checked_in_at)})"
            return e.name
        if role == ID_ROLE:
            return e.registration_id
        if role == Qt.ItemDataRole.ForegroundRole and e.checked_in_at is not None:
            from PySide6.QtGui import QBrush, QColor

            return QBrush(QColor("#4b5563"))
        return None


class KioskWindow(QWidget):
    """Check-in at the door of one event. Shown full screen; closes only with the PIN."""

    checked_in = Signal(str)  # registration id
    duplicate_caught = Signal(str)  # the message shown
    interaction_recorded = Signal(str)
    exited = Signal()

    def __init__(self, context: AppContext, event_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.context = context
        self.store = context.store
        self.event_id = event_id
        self.staff_id = context.me_id
        self._unlocked = False
        checkin.start_kiosk(self.store, event_id)
        self.detail = events.detail(self.store, event_id)
        self.roster = checkin.load_roster(self.store, event_id)
        self.employers = checkin.event_employers(self.store, event_id)
        self.setWindowTitle(f"Check-in: {self.detail.title}")
        self.setAccessibleName("Check-in kiosk")
        self._build([(p.code, p.name) for p in org.programs(self.store)])
        self._refresh_count()
        self.search.setFocus()

    # Layout ------------------------------------------------------------------------
    def _build(self, programs: list[tuple[str, str]]) -> None:
        root = QVBoxLayout(self)
        root.setContentsMargins(32, 20, 32, 20)
        head = QHBoxLayout()
        title = QLabel(self.detail.title)
        title.setStyleSheet("font-size: 24pt; font-weight: bold;")
        title.setAccessibleName("Event")
        head.addWidget(title, 1)
        self.count = QLabel(self)
        self.count.setAccessibleName("Checked in so far")
        self.count.setStyleSheet("font-size: 16pt;")
        head.addWidget(self.count)
        self.exit_button = QPushButton("Exit kiosk…", self)
        self.exit_button.setAccessibleName("Exit kiosk")
        self.exit_button.setToolTip("Needs the kiosk PIN (Ctrl+Shift+Q)")
        self.exit_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.exit_button.clicked.connect(self.ask_pin)
        head.addWidget(self.exit_button)
        root.addLayout(head)

        self.banner = QLabel(self)
        self.banner.setAccessibleName("Message")
        self.banner.setWordWrap(True)
        self.banner.setMinimumHeight(44)
        root.addWidget(self.banner)

        self.stack = QStackedWidget(self)
        root.addWidget(self.stack, 1)

        # Search page
        page = QWidget(self)
        col = QVBoxLayout(page)
        prompt = QLabel("Type your name, then press Enter")
        prompt.setStyleSheet("font-size: 18pt;")
        col.addWidget(prompt)
        self.search = QLineEdit(page)
        self.search.setAccessibleName("Find your name")
        self.search.setPlaceholderText("First or last name, or phone number")
        font = QFont(self.search.font())
        font.setPointSize(22)
        self.search.setFont(font)
        self.search.textChanged.connect(self._search_typed)
        self.search.returnPressed.connect(self.enter)
        self.search.installEventFilter(self)
        col.addWidget(self.search)
        self.model = RosterModel(self)
        self.results = QListView(page)
        self.results.setModel(self.model)
        self.results.setAccessibleName("Matching people")
        self.results.setFont(QFont(font.family(), 16))
        self.results.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.results.doubleClicked.connect(lambda _i: self.enter())
        col.addWidget(self.results, 1)
        col.addWidget(
            QLabel("Not on the list? Press Enter with your name typed to sign in as new.")
        )

        during = QHBoxLayout()
        during.addWidget(QLabel("During the event, for the highlighted person:"))
        self.employer = QComboBox(page)
        self.employer.setAccessibleName("Employer")
        for employer_id, name in self.employers:
            self.employer.addItem(name, employer_id)
        self.employer.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        during.addWidget(self.employer)
        self.interaction_buttons: dict[InteractionKind, QPushButton] = {}
        for n, (kind, text) in enumerate(
            (
                (InteractionKind.APPLICATION_HELP, "Helped with application"),
                (InteractionKind.MET_EMPLOYER, "Met employer"),
                (InteractionKind.INTERVIEW_SET, "Interview set"),
            ),
            1,
        ):
            button = QPushButton(f"{text}  (Ctrl+{n})", page)
            button.setAccessibleName(text)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(lambda _=False, k=kind: self.record(k))
            QShortcut(QKeySequence(f"Ctrl+{n}"), self, activated=lambda k=kind: self.record(k))
            during.addWidget(button)
            self.interaction_buttons[kind] = button
        col.addLayout(during)
        self.stack.addWidget(page)

        # Walk-in page
        self.form = WalkInForm(programs, self)
        self.form.submitted.connect(self.submit_walk_in)
        self.form.cancelled.connect(self.back_to_search)
        self.stack.addWidget(self.form)

        # PIN page
        pin_page = QWidget(self)
        pin_col = QVBoxLayout(pin_page)
        pin_col.addWidget(QLabel("Staff only: type the kiosk PIN to leave check-in mode."))
        self.pin = QLineEdit(pin_page)
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setAccessibleName("Kiosk PIN")
        self.pin.setMaxLength(8)
        self.pin.returnPressed.connect(self.try_pin)
        self.pin.installEventFilter(self)
        pin_col.addWidget(self.pin)
        self.pin_error = QLabel(pin_page)
        self.pin_error.setAccessibleName("PIN error")
        self.pin_error.setStyleSheet("color: #b3261e;")
        pin_col.addWidget(self.pin_error)
        pin_col.addStretch(1)
        self.stack.addWidget(pin_page)

        QShortcut(QKeySequence("Ctrl+Shift+Q"), self, activated=self.ask_pin)

    # Search and check-in -----------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt name
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if watched is self.search and event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Up):
                self._move(1 if event.key() == Qt.Key.Key_Down else -1)
                return True
            if watched is self.search and event.key() == Qt.Key.Key_Escape:
                self.search.clear()
                return True
            if watched is self.pin and event.key() == Qt.Key.Key_Escape:
                self.back_to_search()
                return True
        return super().eventFilter(watched, event)

    def _move(self, step: int) -> None:
        rows = self.model.rowCount()
        if not rows:
            return
        current = self.results.currentIndex().row()
        self.results.setCurrentIndex(self.model.index(max(0, min(rows - 1, current + step)), 0))

    def _search_typed(self, text: str) -> None:
        self.model.set_rows(self.roster.search(text))
        if self.model.rowCount():
            self.results.setCurrentIndex(self.model.index(0, 0))

    def selected(self) -> RosterEntry | None:
        return self.model.entry(self.results.currentIndex().row())

    def enter(self) -> None:
        """Enter in the search box: check in the highlighted person, or start a walk-in."""
        text = self.search.text().strip()
        entry = self.selected()
        if entry is None:
            if text and not any(ch.isdigit() for ch in text):
                self.start_walk_in(text)
            elif not text:
                self.start_walk_in("")
            else:
                self.start_walk_in("")
                self.form.contact.setText(text)
                self.form.name.setFocus()
            return
        try:
            result = checkin.check_in(self.store, self.roster, entry.registration_id, self.staff_id)
        except AlreadyCheckedIn as exc:
            self._caught(f"{exc.registration.name} is already checked in (since {_clock(exc.at)}).")
            return
        self._welcome(result.name, result.checked_in_at, result.registration_id)

    def start_walk_in(self, name: str = "") -> None:
        self.stack.setCurrentIndex(WALK_IN)
        self.form.start(name)

    def submit_walk_in(self) -> None:
        try:
            result = checkin.walk_in(self.store, self.roster, self.form.person(), self.staff_id)
        except FieldError as err:
            self.form.show_error(err)
            return
        except AlreadyCheckedIn as exc:
            self.back_to_search()
            self._caught(
                f"{exc.registration.name} is already checked in (since {_clock(exc.at)}); "
                "nobody was added twice."
            )
            return
        self.back_to_search()
        if result.was_registered:
            self._say(
                f"Welcome, {result.name}! You were already on the list: checked in at "
                f"{_clock(result.checked_in_at)}.",
                ok=True,
            )
            self._after_check_in(result.registration_id)
        else:
            self._welcome(result.name, result.checked_in_at, result.registration_id)

    def back_to_search(self) -> None:
        self.stack.setCurrentIndex(SEARCH)
        self.search.clear()
        self.search.setFocus()

    def _welcome(self, name: str, at: Any, registration_id: str) -> None:
        self.search.clear()
        self._say(f"Welcome, {name}! Checked in at {_clock(at)}.", ok=True)
        self._after_check_in(registration_id)

    def _after_check_in(self, registration_id: str) -> None:
        self._refresh_count()
        self.search.setFocus()
        self.checked_in.emit(registration_id)

    def _caught(self, message: str) -> None:
        self._say(message, ok=False)
        self.search.selectAll()
        self.duplicate_caught.emit(message)

    def _say(self, message: str, ok: bool) -> None:
        color = "#1b5e20" if ok else "#8a4b00"
        self.banner.setStyleSheet(f"font-size: 18pt; color: {color};")
        self.banner.setText(message)

    def _refresh_count(self) -> None:
        self.count.setText(f"{self.roster.checked_in_count} checked in")

    # During the event --------------------------------------------------------------
    def record(self, kind: InteractionKind) -> None:
        """Record what happened for the highlighted person with the chosen employer."""
        entry = self.selected()
        employer_id = self.employer.currentData()
        if entry is None or not employer_id:
            self._say(
                "Find the person first (type their name), then choose the employer.", ok=False
            )
            return
        checkin.record_interaction(
            self.store, self.event_id, entry.registration_id, kind, employer_id, self.staff_id
        )
        self._say(f"{entry.name}: {kind.label} {self.employer.currentText()} (saved).", ok=True)
        self.interaction_recorded.emit(entry.registration_id)

    # Leaving -----------------------------------------------------------------------
    def ask_pin(self) -> None:
        self.stack.setCurrentIndex(PIN)
        self.pin.clear()
        self.pin_error.clear()
        self.pin.setFocus()

    def try_pin(self) -> bool:
        if checkin.check_kiosk_pin(self.store, self.pin.text()):
            self._unlocked = True
            checkin.leave_kiosk(self.store)
            self.exited.emit()
            self.close()
            return True
        self.pin.clear()
        self.pin_error.setText(
            "That is not the kiosk PIN."
            if checkin.has_kiosk_pin(self.store)
            else "No kiosk PIN is set: set one under File > Kiosk PIN on a staff computer."
        )
        return False

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt name
        """The kiosk stays open until the PIN is typed; a closed lid or crash keeps it open
        for the next start."""
        if self._unlocked:
            event.accept()
        else:
            event.ignore()
            self.ask_pin()

    def show_kiosk(self) -> None:
        self.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint, True)
        self.showFullScreen()
        self.activateWindow()
        self.search.setFocus()


def open_kiosk(context: AppContext, event_id: str, parent: QWidget | None = None) -> KioskWindow:
    window = KioskWindow(context, event_id, parent)
    window.exited.connect(lambda: context.signals.data_changed.emit("event_checkin"))
    window.show_kiosk()
    return window
