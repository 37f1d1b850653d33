"""Email: .eml drafts with attachments, the offline outbox, SMTP (templates come from app.forms)."""
