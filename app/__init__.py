"""Employer Desk: an offline-first desk for Business Services Representatives."""

__version__ = "0.1.0"
APP_NAME = "Employer Desk"
ORG_NAME = "EmployerDesk"
