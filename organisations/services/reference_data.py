"""The four places and the partner organisations of the ICS, loaded from organisations/data/organisations.json."""

import json
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from organisations.models import Organisation, Place

REFERENCE_DATA = Path(__file__).resolve().parent.parent / "data" / "organisations.json"


@dataclass(frozen=True)
class LoadSummary:
    created: int
    updated: int


@transaction.atomic
def reference_data_load(*, path: Path = REFERENCE_DATA) -> LoadSummary:
    """Create or update the four places and the partner organisations, keyed on slug.

    Running it again changes nothing unless the file changed; organisations that admins
    added in the portal are left alone.
    """
    data = json.loads(path.read_text(encoding="utf-8"))
    created = updated = 0
    places = {}
    for row in data["places"]:
        place, was_created = Place.objects.update_or_create(
            slug=row["slug"], defaults={"name": row["name"], "description": row["description"]}
        )
        places[place.slug] = place
        created += was_created
        updated += not was_created
    for row in data["organisations"]:
        defaults = {key: row[key] for key in ("name", "short_name", "ods_code", "kind", "uses_esr")}
        defaults["place"] = places[row["place"]] if row["place"] else None
        _, was_created = _update_if_changed(Organisation, slug=row["slug"], defaults=defaults)
        created += was_created
        updated += not was_created
    return LoadSummary(created=created, updated=updated)


def _update_if_changed(model, defaults, **lookup):
    """update_or_create that writes (and records history) only when a value differs."""
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        return model.objects.create(**lookup, **defaults), True
    changed = [field for field, value in defaults.items() if getattr(obj, field) != value]
    for field in changed:
        setattr(obj, field, defaults[field])
    if changed:
        obj.save()
    return obj, False
