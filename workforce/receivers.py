"""What the workforce app does when another app reports a change it depends on."""

from django.dispatch import receiver

from organisations.signals import reporting_scopes_changed
from workforce.services.metric_recompute import metrics_recompute


@receiver(reporting_scopes_changed)
def recompute_metrics_for_new_scopes(sender, instance, **kwargs) -> None:
    """Stored results are keyed and labelled by their scope: an organisation renamed or moved makes every year stale."""
    metrics_recompute()
