"""Services that change the plan and its progress. Views, the admin, commands and tests all call these.

Each runs in a transaction, checks the rules that belong to the data (and, where a user is
acting, that they may), and records who made the change so it appears in the history.

- `plan_load`: loading the plan from `objectives/data/plan.json` (setup_portal).
- `items`: which organisations and places track each priority, and each item's lead.
- `priorities`: adding, changing, retiring and reinstating priorities and their linked metrics.
- `progress`: progress updates and their evidence.
- `rounds`: opening, changing and closing reporting rounds.
- `accreditations`: each organisation's frameworks and accreditations.
- `reminders`: the reminder emails of the open round (`manage.py send_round_reminders`).
- `eds_assessments`, `eds_ratings`, `eds_actions`: EDS 2022 assessments from start to publication; their services,
  ratings, evidence and peer ratings; their action plans.
- `evidence`: storing and removing evidence links and files, for progress updates and EDS ratings alike.
- `recording`: how the others record a change (who made it, for the history; files removed on commit).
"""
