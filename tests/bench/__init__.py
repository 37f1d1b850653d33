"""Benchmarks: `python -m tests.bench` (or `sh packaging/dev.sh bench`). Not part of the test run."""
