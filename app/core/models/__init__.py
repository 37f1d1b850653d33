"""Every table, imported here so SQLModel.metadata knows them all."""

from app.core.models.activity import Activity, ActivityKind, FollowUp
from app.core.models.appreciation import Appreciation, AppreciationKind
from app.core.models.base import Record
from app.core.models.computers import TeamComputer
from app.core.models.employer import Contact, Employer
from app.core.models.events import (
    CheckIn,
    Event,
    EventHost,
    EventInteraction,
    EventPosition,
    EventStaff,
    Registration,
)
from app.core.models.fit import FitOverride
from app.core.models.local import LocalSetting
from app.core.models.ojt import (
    AgreementStatus,
    Invoice,
    InvoiceStatus,
    OjtAgreement,
    Timesheet,
    TrainingPlanSkill,
    WotcRecord,
    WotcStatus,
)
from app.core.models.org import Office, Program, Staff
from app.core.models.partners import (
    DistributionList,
    OpeningStatus,
    Partner,
    PartnerContact,
    PartnerKind,
    PartnerOpening,
)
from app.core.models.people import AgeGroup, Participant
from app.core.models.placements import Placement, ProgressCheckIn, SeparationReason
from app.core.models.referrals import Referral, ReferralOutcome
from app.core.models.resumes import Resume
from app.core.models.rfi import (
    EligibilityDecision,
    OpenPosition,
    OutboxMessage,
    RfiAnswer,
)
from app.core.models.sync import ChangeRow, ConflictRow, FieldVersion, SyncDevice
from app.core.models.team_sync import SyncCursor, SyncPublished, SyncQuarantine, SyncTeam
from app.core.models.tours import TOUR_NOTE_FIELDS, Tour, TourGuest, TourStatus

__all__ = [
    "TeamComputer",
    "Activity",
    "Appreciation",
    "AppreciationKind",
    "AgreementStatus",
    "Invoice",
    "InvoiceStatus",
    "OjtAgreement",
    "Timesheet",
    "TrainingPlanSkill",
    "WotcRecord",
    "WotcStatus",
    "ChangeRow",
    "ConflictRow",
    "FieldVersion",
    "SyncDevice",
    "ActivityKind",
    "AgeGroup",
    "CheckIn",
    "Contact",
    "EligibilityDecision",
    "DistributionList",
    "Employer",
    "Event",
    "EventHost",
    "EventInteraction",
    "EventPosition",
    "EventStaff",
    "FitOverride",
    "FollowUp",
    "LocalSetting",
    "Office",
    "OpenPosition",
    "OutboxMessage",
    "OpeningStatus",
    "Participant",
    "Partner",
    "PartnerContact",
    "PartnerKind",
    "PartnerOpening",
    "Placement",
    "Program",
    "ProgressCheckIn",
    "Record",
    "RfiAnswer",
    "Referral",
    "ReferralOutcome",
    "Registration",
    "Resume",
    "SeparationReason",
    "Staff",
    "SyncCursor",
    "SyncPublished",
    "SyncQuarantine",
    "SyncTeam",
    "TOUR_NOTE_FIELDS",
    "Tour",
    "TourGuest",
    "TourStatus",
]
