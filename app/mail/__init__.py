"""Email: templates from forms/emails, .eml drafts with attachments, the offline outbox, SMTP."""
