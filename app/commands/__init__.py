"""Batch commands. Each module: `register(subparsers)`; the handler gets the parsed args.

Handlers import the store lazily so `employer-desk --help` stays fast.
"""
