"""History feeds: the merged, newest-first history of a plan object and what hangs off it."""

from django.core.paginator import Paginator
from django.db.models import CharField, Model, QuerySet, Value

from objectives.history.entries import HistoryEntry, describe
from objectives.history.tracked import TRACKED
from objectives.models import (
    EdsAction,
    EdsAssessment,
    EdsEvidence,
    EdsRating,
    EdsService,
    Evidence,
    PlanItem,
    Priority,
    PriorityMetric,
    ProgressUpdate,
)


class HistoryFeed:
    """The merged history of some plan objects. `sources` maps a TRACKED key to a historical queryset."""

    def __init__(self, sources: dict[str, QuerySet]):
        self.sources = sources

    def _timeline(self) -> QuerySet:
        parts = [
            rows.annotate(history_source=Value(key, output_field=CharField())).values_list(
                "history_source", "history_id", "history_date"
            )
            for key, rows in self.sources.items()
        ]
        first, *rest = [part.order_by() for part in parts]
        return (
            first.union(*rest, all=True).order_by("-history_date", "-history_id")
            if rest
            else first.order_by("-history_date", "-history_id")
        )

    def latest(self, count: int = 10) -> list[HistoryEntry]:
        return describe(list(self._timeline()[:count]), self.sources)

    def page(self, number, per_page: int = 25):
        """(page, entries) for a Paginator page of the timeline."""
        page = Paginator(self._timeline(), per_page).get_page(number)
        return page, describe(list(page.object_list), self.sources)


def item_history_feed(item: PlanItem) -> HistoryFeed:
    """The item itself, every update ever recorded on it (withdrawn ones too) and their evidence."""
    updates = ProgressUpdate.history.filter(item_id=item.pk)
    return HistoryFeed(
        {
            "item": PlanItem.history.filter(id=item.pk),
            "update": updates,
            "evidence": Evidence.history.filter(update_id__in=updates.values("id")),
        }
    )


def priority_history_feed(priority: Priority) -> HistoryFeed:
    """The priority, its linked workforce metrics, its items, and their updates and evidence."""
    item_ids = PlanItem.history.filter(priority_id=priority.pk).values("id")
    updates = ProgressUpdate.history.filter(item_id__in=item_ids)
    return HistoryFeed(
        {
            "priority": Priority.history.filter(id=priority.pk),
            "metric": PriorityMetric.history.filter(priority_id=priority.pk),
            "item": PlanItem.history.filter(priority_id=priority.pk),
            "update": updates,
            "evidence": Evidence.history.filter(update_id__in=updates.values("id")),
        }
    )


def record_history_feed(record: Model) -> HistoryFeed:
    """The history of one record on its own: an objective, a reporting round or an accreditation record."""
    source = next(key for key, tracked in TRACKED.items() if type(record) is tracked.model)
    return HistoryFeed({source: type(record).history.filter(id=record.pk)})


def eds_assessment_history_feed(assessment: EdsAssessment) -> HistoryFeed:
    """The assessment, its services, the changes to its ratings, their evidence, and its action plan."""
    ratings = EdsRating.history.filter(assessment_id=assessment.pk)
    return HistoryFeed(
        {
            "eds_assessment": EdsAssessment.history.filter(id=assessment.pk),
            "eds_service": EdsService.history.filter(assessment_id=assessment.pk),
            "eds_rating": ratings,
            "eds_evidence": EdsEvidence.history.filter(rating_id__in=ratings.values("id")),
            "eds_action": EdsAction.history.filter(assessment_id=assessment.pk),
        }
    )
