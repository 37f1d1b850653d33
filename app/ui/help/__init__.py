"""The user guide viewer and the About window with its diagnostics."""
