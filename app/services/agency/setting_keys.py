"""The names of this machine's settings, in a module of their own so that the list read
before the store opens (`app.services.employers.start_list`) knows them without SQLModel."""

QUIET_DAYS = "today.quiet_days"
STUCK_DAYS = "today.stuck_days"
ME = "profile.staff_id"
WINDOW_STATE = "ui.window_state"
LAST_EMPLOYER = "ui.last_employer_id"
#: The event the check-in kiosk is open on (read at every start to reopen it).
KIOSK_EVENT = "kiosk.event_id"
