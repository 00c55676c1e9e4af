"""Keep the plan's items in step with the organisations admins add in the workforce pages."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from organisations.models import Organisation


@receiver(post_save, sender=Organisation, dispatch_uid="objectives_items_for_new_organisation")
def give_new_organisation_its_items(sender, instance, raw=False, **kwargs):
    if raw:
        return
    from objectives.services.items import organisation_plan_items_ensure

    organisation_plan_items_ensure(organisation=instance)
