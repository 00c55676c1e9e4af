"""Organisations' Census catchments: the local authorities each organisation's representation is compared with."""

from decimal import Decimal

from django.db import transaction

from organisations.models import Organisation
from workforce.census import default_catchment
from workforce.models import CatchmentArea


@transaction.atomic
def catchment_defaults_load() -> int:
    """Store each organisation's default catchment (workforce/data/census2021/areas.json) as CatchmentArea rows,
    for the organisations that have none, so that admins can see and change them; return how many organisations
    got one. An organisation with rows keeps them: admins' changes are never overwritten."""
    kept = set(CatchmentArea.objects.values_list("organisation_id", flat=True).distinct())
    loaded = 0
    for organisation in Organisation.objects.exclude(pk__in=kept).order_by("pk"):
        catchment = default_catchment(organisation.slug)
        for code, weight in catchment.items():
            CatchmentArea.objects.create(organisation=organisation, local_authority=code, weight=Decimal(str(weight)))
        loaded += bool(catchment)
    return loaded
