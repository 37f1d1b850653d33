"""The OJT & Packets page: agreements, their plan, timesheets and invoices, and the printed packet."""
