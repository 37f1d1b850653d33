"""Help for whoever supports the app: facts for the About window, diagnostics to paste."""
