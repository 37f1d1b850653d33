"""Hiring events: planning, sign-ups, check-in and their documents."""
