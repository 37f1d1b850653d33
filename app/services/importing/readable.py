"""Spreadsheet cells people can read: names instead of ids, dollars instead of cents, dates as
date cells in Chicago time, plain labels for codes.

Used by the xlsx export of the whole store and by the employer services export.
A record's own id stays only in a hidden column (a re-import matches on it).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import text

from app.core.models.activity import ActivityKind
from app.core.models.appreciation import AppreciationKind
from app.core.models.events import EventKind, EventStatus, InteractionKind
from app.core.models.ojt import AgreementStatus, InvoiceStatus, WotcStatus
from app.core.models.partners import OpeningStatus, PartnerKind
from app.core.models.people import AgeGroup
from app.core.models.placements import SeparationReason
from app.core.models.referrals import ReferralOutcome
from app.core.models.rfi import AnswerSource, PositionStatus
from app.core.models.tours import TourStatus
from app.core.pipeline import Stage
from app.store.engine import Store

CHICAGO = ZoneInfo("America/Chicago")
DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
DOLLAR_FORMAT = '"$"#,##0.00'

#: (table, column) or column -> the enum whose labels replace the stored codes.
CODES: dict[str, type[StrEnum]] = {
    "stage": Stage,
    "activity.kind": ActivityKind,
    "appreciation.kind": AppreciationKind,
    "event.kind": EventKind,
    "event.status": EventStatus,
    "event_interaction.kind": InteractionKind,
    "ojt_agreement.status": AgreementStatus,
    "ojt_invoice.status": InvoiceStatus,
    "wotc_record.status": WotcStatus,
    "partner.kind": PartnerKind,
    "partneropening.status": OpeningStatus,
    "age_group": AgeGroup,
    "separation_reason": SeparationReason,
    "referral.outcome": ReferralOutcome,
    "rfi_answer.source": AnswerSource,
    "open_position.status": PositionStatus,
    "tour.status": TourStatus,
}

#: Reference columns -> (header, SQL giving id and name).
REFERENCES: dict[str, tuple[str, str]] = {
    "employer_id": ("Employer", "SELECT id, legal_name FROM employer"),
    "site_employer_id": ("Site employer", "SELECT id, legal_name FROM employer"),
    "merged_into": ("Merged into", "SELECT id, legal_name FROM employer"),
    "owner_id": ("Owner (BSR)", "SELECT id, name FROM staff"),
    "staff_id": ("BSR", "SELECT id, name FROM staff"),
    "entered_by": ("Entered by", "SELECT id, name FROM staff"),
    "confirmed_by": ("Confirmed by", "SELECT id, name FROM staff"),
    "office_id": ("Job center", "SELECT id, name FROM office"),
    "contact_id": ("Contact", "SELECT id, name FROM contact"),
    "partner_id": ("Partner organization", "SELECT id, name FROM partner"),
    "participant_id": (
        "Job seeker",
        "SELECT id, first_name || ' ' || last_name FROM participant",
    ),
    "position_id": ("Position", "SELECT id, title FROM open_position"),
    "event_id": ("Event", "SELECT id, title FROM event"),
    "referral_id": ("Referral sent on", "SELECT id, sent_on FROM referral"),
    "placement_id": (
        "Placement",
        "SELECT p.id, pa.first_name || ' ' || pa.last_name || ' at ' || em.legal_name "
        "FROM placement p LEFT JOIN participant pa ON pa.id = p.participant_id "
        "LEFT JOIN employer em ON em.id = p.employer_id",
    ),
    "agreement_id": (
        "OJT agreement",
        "SELECT a.id, coalesce(em.legal_name, a.employer_legal_name) || ': ' || a.position_title "
        "FROM ojt_agreement a LEFT JOIN employer em ON em.id = a.employer_id",
    ),
    "registration_id": ("Registered as", "SELECT id, name FROM event_registration"),
    "tour_id": ("Tour on", "SELECT id, coalesce(done_on, planned_on) FROM tour"),
    "opening_id": ("Shared opening", "SELECT id, position_title FROM partneropening"),
    "resume_id": ("Resume file", "SELECT id, file_name FROM resume"),
}

#: Activity outcomes the program writes itself, in words.
ACTIVITY_OUTCOMES = {
    "drafted:follow_up": "Follow-up email with the RFI drafted",
    "queued:follow_up": "Follow-up email with the RFI sent",
    "drafted:eligible": "Eligibility email drafted: eligible",
    "queued:eligible": "Eligibility email sent: eligible",
    "drafted:not_eligible": "Eligibility email drafted: not eligible",
    "queued:not_eligible": "Eligibility email sent: not eligible",
    "rfi_received": "RFI answers received",
}
PLACE_KINDS = {"employer": "Employer site", "office": "Job center"}


def plain_label(table: str, column: str, value: Any) -> Any:
    """The label of a stored code, or the value unchanged."""
    if table == "activity" and column == "outcome":
        return ACTIVITY_OUTCOMES.get(value, value)
    if column == "place_kind":
        return PLACE_KINDS.get(value, value)
    enum = CODES.get(f"{table}.{column}") or CODES.get(column)
    if enum is None or not isinstance(value, str) or not value:
        return value
    try:
        member = enum(value)
    except ValueError:
        return value
    return getattr(member, "label", value.replace("_", " ").capitalize())


def local_cell(value: datetime) -> datetime:
    """A stored UTC time as Chicago wall-clock time, naive (Excel has no time zones)."""
    when = value if value.tzinfo else value.replace(tzinfo=UTC)
    return when.astimezone(CHICAGO).replace(tzinfo=None)


@dataclass
class Readable:
    """Names for every reference, read once per export."""

    store: Store
    _names: dict[str, dict[str, str]] = field(default_factory=dict)

    def names(self, column: str) -> dict[str, str]:
        if column not in self._names:
            sql = REFERENCES[column][1]
            with self.store.engine.connect() as conn:
                self._names[column] = {k: v or "" for k, v in conn.execute(text(sql)).all()}
        return self._names[column]

    def program_names(self, codes: str) -> str:
        """Comma-separated program codes as the programs' names (the agency's own file: every
        program by its name, internal ones too)."""
        if "programs" not in self._names:
            with self.store.engine.connect() as conn:
                rows = conn.execute(text("SELECT code, name FROM program")).all()
            self._names["programs"] = {k: v or k for k, v in rows}
        names = self._names["programs"]
        return ", ".join(names.get(c, c) for c in codes.split(",") if c)

    @staticmethod
    def shown(column: str) -> bool:
        """Id columns with no readable name (other than the record's own id) are left out."""
        return column in REFERENCES or not column.endswith("_id")

    @staticmethod
    def header(column: str, fallback: Callable[[str], str]) -> str:
        if column in REFERENCES:
            return REFERENCES[column][0]
        if column.endswith("_cents"):
            return fallback(column.removesuffix("_cents")) + " ($)"
        return fallback(column)

    def cell(self, table: str, column: str, value: Any) -> tuple[Any, str | None]:
        """(value, number format) for one cell."""
        if value is None:
            return None, None
        if column in REFERENCES:
            return self.names(column).get(value, ""), None
        if column == "programs" and isinstance(value, str):
            return self.program_names(value), None
        if column.endswith("_cents") and isinstance(value, int):
            return value / 100, DOLLAR_FORMAT
        if isinstance(value, datetime):
            return local_cell(value), DATETIME_FORMAT
        if isinstance(value, date):
            return value, DATE_FORMAT
        return plain_label(table, column, value), None
