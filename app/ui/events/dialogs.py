"""Dialogs of the Events page: a new event, a position, a person, a sign-up list, the kiosk PIN."""

from __future__ import annotations

from datetime import date, datetime, time
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from app.core.models.events import EventKind
from app.core.validation import FieldError
from app.services.agency import org
from app.services.events import checkin, events, prereg
from app.services.events.checkin import PersonInput
from app.services.events.events import PositionDraft
from app.services.importing.reading import ImportFileError
from app.ui.context import AppContext
from app.ui.people.form import FormDialog
from app.ui.people.pickers import employer_picker


def parse_day(text: str, field: str) -> date:
    try:
        return datetime.strptime(text.strip(), "%m/%d/%Y").date()
    except ValueError:
        raise FieldError(field, "Type the date as M/D/YYYY, like 3/18/2027.") from None


def parse_time(text: str, field: str) -> time:
    cleaned = text.strip().upper().replace(".", "")
    for fmt in ("%I:%M %p", "%I %p", "%I:%M%p", "%I%p", "%H:%M"):
        try:
            return datetime.strptime(cleaned, fmt).time()
        except ValueError:
            continue
    raise FieldError(field, "Type the time like 10:00 AM or 14:30.")


def parse_money(text: str, field: str) -> int | None:
    cleaned = text.strip().replace("$", "").replace(",", "").removesuffix("/hr").strip()
    if not cleaned:
        return None
    try:
        value = round(float(cleaned) * 100)
    except ValueError:
        raise FieldError(field, "Type the hourly pay in dollars, like 17.50.") from None
    if value <= 0:
        raise FieldError(field, "The pay must be more than zero.")
    return value


class NewEventDialog(FormDialog):
    """Kind, day and hours, place, hosts. Positions are copied from the hosts' open positions."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__("New event", parent)
        self.context = context
        self.add_choice("kind", "&Kind", [(k.label, k.value) for k in EventKind])
        self.add_line("title", "&Title", "", "Leave empty: the flyer says “Employer is hiring”")
        self.add_line("day", "&Date", "", "M/D/YYYY")
        self.add_line("starts", "&Starts", "10:00 AM")
        self.add_line("ends", "&Ends", "1:00 PM")
        self.host = employer_picker(context, self)
        self.add("host", "&Host employer", self.host)
        places = [("At the host employer's site", "")] + [
            (f"{o.name} job center", o.id) for o in org.offices(context.store)
        ]
        self.add_choice("place", "&Place", places, value=places[1][1] if len(places) > 1 else "")

    def submit(self) -> str:
        day = parse_day(self.text("day"), "day")
        starts = events.chicago(day, parse_time(self.text("starts"), "starts"))
        ends = events.chicago(day, parse_time(self.text("ends"), "ends"))
        host = self.host.value()
        office_id = self.choice("place") or None
        kind = EventKind(self.choice("kind"))
        if kind.single_host and not host:
            raise FieldError("host", "Choose the host employer (type part of the name).")
        try:
            event = events.create_event(
                self.context.store,
                kind,
                starts,
                ends,
                host_ids=[host] if host else [],
                office_id=office_id,
                at_employer_site=office_id is None,
                staff_ids=[self.context.me_id] if self.context.me_id else [],
                title=self.text("title"),
            )
        except FieldError as err:
            field = {"hosts": "host", "ends_at": "ends", "starts_at": "starts"}.get(
                err.field, err.field
            )
            raise FieldError(field, err.message) from None
        return event.id


class PositionDialog(FormDialog):
    def __init__(
        self, context: AppContext, event_id: str, employer_id: str, parent: QWidget | None = None
    ) -> None:
        super().__init__("Add a position", parent)
        self.context, self.event_id, self.employer_id = context, event_id, employer_id
        self.add_line("title", "&Position")
        self.add_line("openings", "&Openings", "1")
        self.add_line("wage_min", "Pay &from ($/hr)")
        self.add_line("wage_max", "Pay &to ($/hr)", "", "same as from if one rate")
        self.add_line("schedule", "&Schedule", "", "1st shift, 40 hrs/week")

    def submit(self) -> str:
        try:
            openings = int(self.text("openings").strip() or "1")
        except ValueError:
            raise FieldError("openings", "Openings is a whole number, like 3.") from None
        low = parse_money(self.text("wage_min"), "wage_min")
        high = parse_money(self.text("wage_max"), "wage_max") or low
        draft = PositionDraft(
            self.text("title").strip(), openings, low, high, self.text("schedule")
        )
        try:
            return events.add_position(self.context.store, self.event_id, self.employer_id, draft)
        except FieldError as err:
            raise FieldError(
                {"wage_max_cents": "wage_max"}.get(err.field, err.field), err.message
            ) from None


class AddPersonDialog(FormDialog):
    """Pre-register one person by hand."""

    def __init__(self, context: AppContext, event_id: str, parent: QWidget | None = None) -> None:
        super().__init__("Pre-register a person", parent)
        self.context, self.event_id = context, event_id
        self.add_line("name", "&Name")
        self.add_line("phone", "&Phone")
        self.add_line("email", "E&mail")
        self.add_line("zip_code", "&ZIP code")
        self.add_choice("age_group", "&Age group", [("Adult", "adult"), ("Youth (16-24)", "youth")])
        self.add_choice(
            "program",
            "P&rogram interest",
            [("Not sure", "")] + [(p.name, p.code) for p in org.programs(context.store)],
        )
        self.add_check("help", "Needs &help with an application")

    def submit(self) -> str:
        program = self.choice("program")
        person = PersonInput(
            self.text("name"),
            self.text("phone"),
            self.text("email"),
            self.text("zip_code"),
            self.choice("age_group"),
            (program,) if program else (),
            self.checked("help"),
        )
        return checkin.register(
            self.context.store, self.event_id, person, staff_id=self.context.me_id
        ).id


class ImportListDialog(FormDialog):
    """Choose a sign-up sheet, check what each column holds, import it."""

    def __init__(
        self,
        context: AppContext,
        event_id: str,
        path: Path | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("Import a pre-registration list", parent)
        self.context, self.event_id = context, event_id
        self.sheet: prereg.Sheet | None = None
        self.path: Path | None = None
        self.file = self.add_line("file", "&File", "", "csv or Excel sign-up sheet")
        self.file.setReadOnly(True)
        self.choose = QPushButton("&Choose file…", self)
        self.choose.setAccessibleName("Choose file")
        self.choose.clicked.connect(self.choose_file)
        self.form.addRow("", self.choose)
        self.columns = QWidget(self)
        self.columns_form = QFormLayout(self.columns)
        self.body.insertWidget(1, self.columns)
        self.combos: list[QComboBox] = []
        self.result_counts: tuple[int, int] | None = None
        if path is not None:
            self.load(path)

    def choose_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, "Choose the sign-up sheet", "", "Sign-up sheets (*.csv *.xlsx *.xls *.ods)"
        )
        if name:
            self.load(Path(name))

    def load(self, path: Path) -> bool:
        try:
            sheet = prereg.read_sheet(path)
        except ImportFileError as err:
            self.show_error("file", err.message)
            return False
        self.path, self.sheet = path, sheet
        self.file.setText(str(path))
        while self.columns_form.rowCount():
            self.columns_form.removeRow(0)
        self.combos = []
        for header, field in zip(sheet.headers, prereg.guess_mapping(sheet.headers), strict=True):
            combo = QComboBox(self.columns)
            for key, label in prereg.FIELDS.items():
                combo.addItem(label, key)
            combo.setCurrentIndex(max(0, combo.findData(field)))
            combo.setAccessibleName(f"Column {header}")
            sample = next((r[len(self.combos)] for r in sheet.rows if r[len(self.combos)]), "")
            self.columns_form.addRow(QLabel(f"{header}  (e.g. {sample[:24]})"), combo)
            self.combos.append(combo)
        return True

    def mapping(self) -> tuple[str, ...]:
        return tuple(c.currentData() for c in self.combos)

    def submit(self) -> tuple[int, int]:
        if self.sheet is None or self.path is None:
            raise FieldError("file", "Choose the sign-up sheet first.")
        try:
            self.result_counts = prereg.import_people(
                self.context.store, self.event_id, self.sheet, self.mapping(), self.path.name
            )
        except prereg.PreRegistrationError as err:
            raise FieldError("", str(err)) from None
        return self.result_counts


class KioskPinDialog(FormDialog):
    """Set the PIN that leaves kiosk mode; only a salted hash is kept."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__("Kiosk PIN", parent)
        self.context = context
        self.form.addRow(
            QLabel(
                "Staff type this PIN to leave the check-in kiosk. Choose 4 to 8 digits; "
                "job seekers must not see it."
            )
        )
        for field, label in (("pin", "New &PIN"), ("again", "PIN &again")):
            edit = self.add_line(field, label)
            edit.setEchoMode(QLineEdit.EchoMode.Password)
            edit.setMaxLength(8)

    def submit(self) -> bool:
        if self.text("pin") != self.text("again"):
            raise FieldError("again", "The two PINs differ; type the same PIN twice.")
        checkin.set_kiosk_pin(self.context.store, self.text("pin"))
        return True


def set_kiosk_pin(context: AppContext, window: QWidget) -> None:
    """File menu entry: set the kiosk PIN."""
    dialog = KioskPinDialog(context, window)
    if dialog.exec():
        context.signals.status_message.emit("Kiosk PIN saved.")
