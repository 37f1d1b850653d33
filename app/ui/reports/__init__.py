"""The Reports page: figures with their definitions, charts, and the records behind each."""
