"""Saving an organisation or a place, and telling the apps that report by them when their scopes change."""

from django import forms
from django.db import transaction

from organisations.models import Organisation, Place
from organisations.signals import reporting_scopes_changed

# Fields that name an organisation or place or say which place holds which organisation: the reporting scopes
# (ICS, place, organisation) are built from them, so a change makes every stored result of those scopes stale.
SCOPE_FIELDS: dict[type, set[str]] = {Organisation: {"name", "slug", "place"}, Place: {"name", "slug"}}


@transaction.atomic
def organisation_or_place_save(*, form: forms.ModelForm) -> Organisation | Place:
    """Save an organisation or place form; tell listeners (the metrics) when its reporting scopes changed."""
    saved = form.save()
    scopes_changed_notify(instance=saved, changed_fields=form.changed_data)
    return saved


def scopes_changed_notify(*, instance: Organisation | Place, changed_fields: list[str]) -> None:
    """Send `reporting_scopes_changed` when one of the fields that scopes are built from changed."""
    if SCOPE_FIELDS[type(instance)] & set(changed_fields):
        reporting_scopes_changed.send(sender=type(instance), instance=instance)
