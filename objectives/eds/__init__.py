"""NHS England's Equality Delivery System 2022 (EDS 2022) as plain, typed data and pure functions.

- `framework`: the domains, outcomes, ratings and overall bands, read once from `objectives/data/eds2022.json`.
- `scoring`: an assessment's outcome scores, domain totals and overall rating, worked out from its ratings.

Nothing here touches the database: the models, services and selectors of EDS assessments live beside the
plan's (`objectives/models/eds.py`, `objectives/services/eds_*.py`, `objectives/selectors/eds.py`).
"""
