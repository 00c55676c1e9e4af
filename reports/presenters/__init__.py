"""Presenters: each builds what a page, an export or the board pack shows, from stored results and the plan.

- `metric_trend`  one metric across the years: its figure, change since the year before, reading, trend
- `overview`      the overview of a scope and year: headline metrics and the plan's progress
- `plan_tables`   the plan's progress as tables and a chart (the overview's second half)
- `metric_page`   one metric's page: its trend, the comparison across the ICS and its detail
- `detail_tables` the detail behind one metric in one scope and year
- `priority_metrics` the metrics a priority should move, as its page shows them
"""
