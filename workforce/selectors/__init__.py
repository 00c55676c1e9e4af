"""Reads of workforce data, one module per concern, each returning exactly what its page or output shows.

- esr: the ESR snapshots held;
- figures: the figures ESR does not hold, of an organisation;
- results: the stored equality metrics that dashboards, exports and the API read.
"""
