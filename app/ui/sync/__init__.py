"""The Sync page, its status-bar indicator and the worker that talks to the shared folder."""
