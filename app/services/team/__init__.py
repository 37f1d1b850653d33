"""Team sync as the user sees it: joining, syncing, conflicts."""
