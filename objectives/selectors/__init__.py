"""Reads of the plan and its progress, each returning what a page (or a dashboard) shows.

Every selector runs a fixed number of queries whatever the amount of data. An item's current
status is its latest progress update (by `recorded_at`); an item with no update yet has no
status and is counted as "No update yet".

- `item_progress`: the building blocks: each item's current status and its state in the open round.
- `scope`: `PlanScope`, the part of the plan a page or dashboard reads.
- `plan_pages`: the plan by objective, level and year; priorities, objectives, measures.
- `items`: items and their updates, evidence, and each lead's "My updates".
- `rounds`: reporting rounds and how the open one is going.
- `accreditations`: each organisation's frameworks and accreditations.
- `board`: the People Board summaries the reports app builds its dashboards and API on.
- `eds`: an EDS 2022 assessment's page (with its scores worked out) and an organisation's assessments.
- `eds_comparisons`: EDS 2022 across organisations and years (approved assessments only), by objective, and the
  EDS actions of a priority.
"""
