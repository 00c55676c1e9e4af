"""The change history of plan objects, as people read it: who changed what, when, from what to what.

Every plan model keeps django-simple-history records (saves through the portal, the admin, the
services and bulk updates alike). A feed here merges the records of several models (a priority,
its items, their updates and evidence) into one timeline, newest first, and works out each
record's changes against the record before it. A page of the feed costs a fixed number of
queries whatever the length of the history.

- `tracked`: which fields of each model the history shows, and what to call them.
- `feeds`: the history of an item, a priority, an objective, a round or an accreditation record.
- `entries`: turning history records into entries (a fixed number of queries per page).
"""
