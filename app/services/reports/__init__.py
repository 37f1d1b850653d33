"""Reports: metrics with their definitions, charts' series, printed sheets, partner ranking."""
