"""The built-in demo dataset."""
