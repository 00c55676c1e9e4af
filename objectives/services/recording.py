"""How the plan's services record a change: who made it (for the history), and files removed only on commit."""

from datetime import datetime
from typing import TypeVar

from django.db import models, transaction
from django.db.models.fields.files import FieldFile
from django.db.models.signals import post_save

Model = TypeVar("Model", bound=models.Model)


def attribute_change(instance: Model, *, by, at: datetime | None = None) -> Model:
    """Return instance with its next history record attributed to `by` (and, for loaded data, dated `at`)."""
    instance._history_user = by
    if at is not None:
        instance._history_date = at
    return instance


def save_with_one_history_record(instance: models.Model, *, created: bool, **many_to_many) -> None:
    """Save an object and set its many-to-many fields, leaving one history record that holds them all.

    Left to itself, simple-history records the save and then each removal and addition of the
    many-to-many sets, so the history would show the objectives emptied and refilled.
    """
    instance.skip_history_when_saving = True
    try:
        instance.save()
        for name, values in many_to_many.items():
            getattr(instance, name).set(values)
    finally:
        del instance.skip_history_when_saving
    post_save.send(sender=type(instance), instance=instance, created=created, raw=False, using=instance._state.db)


def delete_file_after_commit(field_file: FieldFile) -> None:
    """Delete a stored file once the transaction commits (a rolled-back change keeps it)."""
    if field_file:
        storage, name = field_file.storage, field_file.name
        transaction.on_commit(lambda: storage.delete(name))
