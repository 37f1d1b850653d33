"""Where areas plug into the main window; each entry's module is imported only when used.

Each `factory` is a function that imports its module and returns the class or function:
a plain import a reader (or a tool) can follow, made only when the page, section or
action is first needed, so start-up imports no more than it shows.

- PAGES: the sidebar, in order. A page class takes (context: AppContext, parent) and may
  define `refresh()`; `factory=None` shows a plain "not built yet" notice.
- EMPLOYER_SECTIONS: tabs in the employer detail pane. A section class takes
  (context, parent) and defines `set_employer(employer_id: str | None)`.
- TODAY_SECTIONS: boxes on the Today page. A section class takes (context, parent) and
  defines `refresh()`.
- FILE_ACTIONS: entries of the File menu; `factory` names a function
  `(context: AppContext, window: QWidget) -> None` run when the entry is chosen.

Titles are plain text, as a person reads them ("OJT & Packets"). Widgets that read "&"
as an access-key marker (tabs, menus, buttons) get them through
`app.ui.widgets.literal_label`; a FILE_ACTIONS title is menu text, whose "&" marks the
access key on purpose.
- STARTUP_ACTIONS: functions of the same shape run once when the store is open.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Spec:
    key: str
    title: str
    factory: Callable[[], Any] | None


# Loaders: each imports its module when called.


def _today_page() -> Any:
    from app.ui.today.page import TodayPage

    return TodayPage


def _employers_page() -> Any:
    from app.ui.employers.page import EmployersPage

    return EmployersPage


def _events_page() -> Any:
    from app.ui.events.page import EventsPage

    return EventsPage


def _tours_page() -> Any:
    from app.ui.people.tours_page import ToursPage

    return ToursPage


def _participants_page() -> Any:
    from app.ui.people.participants_page import ParticipantsPage

    return ParticipantsPage


def _sync_page() -> Any:
    from app.ui.sync.page import SyncPage

    return SyncPage


def _profile_section() -> Any:
    from app.ui.employers.profile import ProfileSection

    return ProfileSection


def _contacts_section() -> Any:
    from app.ui.employers.contacts import ContactsSection

    return ContactsSection


def _timeline_section() -> Any:
    from app.ui.employers.timeline import TimelineSection

    return TimelineSection


def _follow_ups_section() -> Any:
    from app.ui.employers.follow_ups import FollowUpsSection

    return FollowUpsSection


def _employer_tours_section() -> Any:
    from app.ui.people.employer_sections import EmployerToursSection

    return EmployerToursSection


def _employer_placements_section() -> Any:
    from app.ui.people.employer_sections import EmployerPlacementsSection

    return EmployerPlacementsSection


def _eligibility_panel() -> Any:
    from app.ui.rfi.panel import EligibilityPanel

    return EligibilityPanel


def _follow_ups_due_section() -> Any:
    from app.ui.today.sections import FollowUpsDueSection

    return FollowUpsDueSection


def _quiet_employers_section() -> Any:
    from app.ui.today.sections import QuietEmployersSection

    return QuietEmployersSection


def _stuck_employers_section() -> Any:
    from app.ui.today.sections import StuckEmployersSection

    return StuckEmployersSection


def _reports_page() -> Any:
    from app.ui.reports.page import ReportsPage

    return ReportsPage


def _ojt_page() -> Any:
    from app.ui.ojt.page import OjtPage

    return OjtPage


def _employer_ojt_section() -> Any:
    from app.ui.ojt.employer_section import EmployerOjtSection

    return EmployerOjtSection


def _wotc_due_section() -> Any:
    from app.ui.ojt.today import WotcDueSection

    return WotcDueSection


def _at_risk_section() -> Any:
    from app.ui.people.today_sections import AtRiskSection

    return AtRiskSection


def _replies_owed_section() -> Any:
    from app.ui.rfi.today import RepliesOwedSection

    return RepliesOwedSection


def _overdue_check_ins_section() -> Any:
    from app.ui.people.today_sections import OverdueCheckInsSection

    return OverdueCheckInsSection


def _silent_employers_section() -> Any:
    from app.ui.people.today_sections import SilentEmployersSection

    return SilentEmployersSection


def _follow_up_emails_owed_section() -> Any:
    from app.ui.rfi.today import FollowUpEmailsOwedSection

    return FollowUpEmailsOwedSection


def _eligibility_owed_section() -> Any:
    from app.ui.rfi.today import EligibilityOwedSection

    return EligibilityOwedSection


def _rfis_unanswered_section() -> Any:
    from app.ui.rfi.today import RfisUnansweredSection

    return RfisUnansweredSection


def _run_import() -> Any:
    from app.ui.importer.wizard import run_import

    return run_import


def _run_export() -> Any:
    from app.ui.importer.export_dialog import run_export

    return run_export


def _open_mail_settings() -> Any:
    from app.ui.rfi.mail_settings import open_mail_settings

    return open_mail_settings


def _send_waiting() -> Any:
    from app.ui.rfi.mail_settings import send_waiting

    return send_waiting


def _set_kiosk_pin() -> Any:
    from app.ui.events.dialogs import set_kiosk_pin

    return set_kiosk_pin


def _resume_kiosk() -> Any:
    from app.ui.events.kiosk_resume import resume_kiosk

    return resume_kiosk


def _install_sync() -> Any:
    from app.ui.sync.indicator import install_sync

    return install_sync


PAGES: list[Spec] = [
    Spec("today", "Today", _today_page),
    Spec("employers", "Employers", _employers_page),
    Spec("events", "Events", _events_page),
    Spec("tours", "Tours", _tours_page),
    Spec("participants", "Participants", _participants_page),
    Spec("ojt", "OJT & Packets", _ojt_page),
    Spec("reports", "Reports", _reports_page),
    Spec("sync", "Sync", _sync_page),
]

EMPLOYER_SECTIONS: list[Spec] = [
    Spec("profile", "Profile", _profile_section),
    Spec("contacts", "Contacts", _contacts_section),
    Spec("activity", "Activity", _timeline_section),
    Spec("follow_ups", "Follow-ups", _follow_ups_section),
    Spec("tours", "Tours", _employer_tours_section),
    Spec(
        "placements",
        "Placements & fit",
        _employer_placements_section,
    ),
    Spec("eligibility", "RFI & eligibility", _eligibility_panel),
    Spec("ojt", "OJT", _employer_ojt_section),
]

TODAY_SECTIONS: list[Spec] = [
    Spec("follow_ups_due", "Follow-ups due", _follow_ups_due_section),
    Spec("quiet", "Not contacted lately", _quiet_employers_section),
    Spec("stuck", "Stuck in a stage", _stuck_employers_section),
    Spec("at_risk", "People at risk", _at_risk_section),
    Spec("check_ins", "Check-ins overdue", _overdue_check_ins_section),
    Spec(
        "not_answering",
        "Employers not answering",
        _silent_employers_section,
    ),
    Spec("replies_owed", "Replies owed", _replies_owed_section),
    Spec("rfi_follow_up", "Follow-up emails owed", _follow_up_emails_owed_section),
    Spec("rfi_eligibility", "Eligibility to tell", _eligibility_owed_section),
    Spec("rfi_unanswered", "RFIs unanswered", _rfis_unanswered_section),
    Spec("wotc_due", "WOTC filings due", _wotc_due_section),
]


FILE_ACTIONS: list[Spec] = [
    Spec("import", "Import spreadsheet…", _run_import),
    Spec("export", "Export…", _run_export),
    Spec("mail_settings", "&Mail server and drafts…", _open_mail_settings),
    Spec("send_outbox", "Send &waiting emails", _send_waiting),
    Spec("kiosk_pin", "&Kiosk PIN…", _set_kiosk_pin),
]

#: Run once the store is open, after the first page shows; same signature as FILE_ACTIONS.
#: For work that must resume at start, like a check-in kiosk left open by a crash.
STARTUP_ACTIONS: list[Spec] = [
    Spec("resume_kiosk", "Reopen the check-in kiosk", _resume_kiosk),
    Spec("sync", "Sync indicator and automatic sync", _install_sync),
]


def load(factory: Callable[[], Any]) -> Any:
    """The class or function an entry names (its module is imported now)."""
    return factory()
