"""Domain: tables and pure rules. Imports nothing else of ours and no Qt."""
