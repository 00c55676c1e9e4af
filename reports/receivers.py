"""What the reports app does when the figures or the plan change: rebuild the board packs in the background."""

from django.dispatch import receiver
from simple_history.signals import post_create_historical_record

from reports.board_pack_builds import board_packs_rebuild_soon
from workforce.signals import metrics_recomputed


@receiver(metrics_recomputed)
def rebuild_board_packs_after_metrics(sender, **kwargs) -> None:
    board_packs_rebuild_soon()


@receiver(post_create_historical_record)
def rebuild_board_packs_after_a_recorded_change(sender, **kwargs) -> None:
    # Every change to the plan, the organisations and the figures outside ESR is recorded in a history table.
    board_packs_rebuild_soon()
