"""Where areas plug into the main window, named as "module:Class" and imported lazily.

- PAGES: the sidebar, in order. A page class takes (context: AppContext, parent) and may
  define `refresh()`; `factory=None` shows a plain "not built yet" notice.
- EMPLOYER_SECTIONS: tabs in the employer detail pane. A section class takes
  (context, parent) and defines `set_employer(employer_id: str | None)`.
- TODAY_SECTIONS: boxes on the Today page. A section class takes (context, parent) and
  defines `refresh()`.
- FILE_ACTIONS: entries of the File menu; `factory` names a function
  `(context: AppContext, window: QWidget) -> None` run when the entry is chosen.
- STARTUP_ACTIONS: functions of the same shape run once when the store is open.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass


@dataclass(frozen=True)
class Spec:
    key: str
    title: str
    factory: str | None


PAGES: list[Spec] = [
    Spec("today", "Today", "app.ui.today.page:TodayPage"),
    Spec("employers", "Employers", "app.ui.employers.page:EmployersPage"),
    Spec("events", "Events", "app.ui.events.page:EventsPage"),
    Spec("tours", "Tours", "app.ui.people.tours_page:ToursPage"),
    Spec("participants", "Participants", "app.ui.people.participants_page:ParticipantsPage"),
    Spec("ojt", "OJT && Packets", "app.ui.ojt.page:OjtPage"),
    Spec("reports", "Reports", "app.ui.reports.page:ReportsPage"),
    Spec("sync", "Sync", "app.ui.sync.page:SyncPage"),
]

EMPLOYER_SECTIONS: list[Spec] = [
    Spec("profile", "Profile", "app.ui.employers.profile:ProfileSection"),
    Spec("contacts", "Contacts", "app.ui.employers.contacts:ContactsSection"),
    Spec("activity", "Activity", "app.ui.employers.timeline:TimelineSection"),
    Spec("follow_ups", "Follow-ups", "app.ui.employers.follow_ups:FollowUpsSection"),
    Spec("tours", "Tours", "app.ui.people.employer_sections:EmployerToursSection"),
    Spec(
        "placements",
        "Placements && fit",
        "app.ui.people.employer_sections:EmployerPlacementsSection",
    ),
    Spec("eligibility", "RFI && eligibility", "app.ui.rfi.panel:EligibilityPanel"),
    Spec("ojt", "OJT", "app.ui.ojt.employer_section:EmployerOjtSection"),
]

TODAY_SECTIONS: list[Spec] = [
    Spec("follow_ups_due", "Follow-ups due", "app.ui.today.sections:FollowUpsDueSection"),
    Spec("quiet", "Not contacted lately", "app.ui.today.sections:QuietEmployersSection"),
    Spec("stuck", "Stuck in a stage", "app.ui.today.sections:StuckEmployersSection"),
    Spec("check_ins", "Check-ins overdue", "app.ui.people.today_sections:OverdueCheckInsSection"),
    Spec(
        "not_answering",
        "Employers not answering",
        "app.ui.people.today_sections:SilentEmployersSection",
    ),
    Spec("rfi_follow_up", "Follow-up emails owed", "app.ui.rfi.today:FollowUpEmailsOwedSection"),
    Spec("rfi_eligibility", "Eligibility to tell", "app.ui.rfi.today:EligibilityOwedSection"),
    Spec("rfi_unanswered", "RFIs unanswered", "app.ui.rfi.today:RfisUnansweredSection"),
    Spec("wotc_due", "WOTC filings due", "app.ui.ojt.today:WotcDueSection"),
]


FILE_ACTIONS: list[Spec] = [
    Spec("import", "Import spreadsheet…", "app.ui.importer.wizard:run_import"),
    Spec("export", "Export…", "app.ui.importer.export_dialog:run_export"),
    Spec(
        "mail_settings", "&Mail server and drafts…", "app.ui.rfi.mail_settings:open_mail_settings"
    ),
    Spec("send_outbox", "Send &waiting emails", "app.ui.rfi.mail_settings:send_waiting"),
    Spec("kiosk_pin", "&Kiosk PIN…", "app.ui.events.dialogs:set_kiosk_pin"),
]

#: Run once the store is open, after the first page shows; same signature as FILE_ACTIONS.
#: For work that must resume at start, like a check-in kiosk left open by a crash.
STARTUP_ACTIONS: list[Spec] = [
    Spec("resume_kiosk", "Reopen the check-in kiosk", "app.ui.events.kiosk:resume_kiosk"),
    Spec("sync", "Sync indicator and automatic sync", "app.ui.sync.indicator:install_sync"),
]


def load(factory: str) -> type:
    module_name, _, class_name = factory.partition(":")
    return getattr(importlib.import_module(module_name), class_name)
