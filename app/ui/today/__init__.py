"""The Today page: what a BSR must not let slip this morning."""
