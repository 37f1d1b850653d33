"""Sync protocol v1: change capture, merge, segments, keys and the shared-folder transport."""
