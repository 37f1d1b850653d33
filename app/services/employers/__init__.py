"""Employers: records, merges and the Today overview."""
