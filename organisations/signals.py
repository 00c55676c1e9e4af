"""Signals other apps listen to, so that nothing here needs to import them."""

from django.dispatch import Signal

# Sent (sender: the model class, instance: the saved organisation or place) when an organisation's or place's
# name, slug or place changed: the reporting scopes built from them (and results stored under them) are stale.
reporting_scopes_changed = Signal()
