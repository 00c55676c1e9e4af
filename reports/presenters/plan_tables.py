"""The Belonging Plan's progress in a scope as the overview and the board pack show it: tables of the three
objectives, the levels and periods, overdue and recently completed items, and a chart of the objectives."""

from objectives.models import LEVEL_ORDER, PERIOD_ORDER, STATUS_ORDER, Level, Period
from objectives.selectors.item_progress import NO_UPDATE_LABEL
from reports import charts
from reports.exports import Table

STATUS_COLUMNS = [status.label for status in STATUS_ORDER] + [NO_UPDATE_LABEL]


def _status_cells(counts) -> list:
    return [count for _status, _label, count in counts.rows]


def objectives_table(progress, eds_domains: dict[int, str] | None = None) -> Table:
    """The objectives' progress; with `eds_domains` ({objective number: text}), each beside its EDS domain's scores."""
    eds_domains = eds_domains or {}
    eds_column = ["EDS 2022 domain score"] if eds_domains else []
    return Table(
        title="Progress on the three equality objectives",
        slug="objectives",
        columns=["Objective", "Items", *STATUS_COLUMNS, "Average % complete", *eds_column],
        rows=[
            [
                f"Objective {row.objective.number}: {row.objective.title}",
                row.item_count,
                *_status_cells(row.counts),
                row.mean_percent_complete if row.mean_percent_complete is not None else "No items",
                *([eds_domains.get(row.objective.number, "")] if eds_domains else []),
            ]
            for row in progress
        ],
        notes=[
            "An item's status is its latest progress update. An item with no update counts as 0% complete.",
            *(
                ["The EDS 2022 domain that measures each objective, from assessments approved by their board."]
                if eds_domains
                else []
            ),
        ],
    )


def level_period_table(by_level) -> Table:
    levels, periods = dict(Level.choices), dict(Period.choices)
    return Table(
        title="Priorities by level and period (status of each tracked item)",
        slug="levels-and-periods",
        columns=["Level", "Period", "Items", *STATUS_COLUMNS],
        rows=[
            [levels[level], periods[period], counts.total, *_status_cells(counts)]
            for level, period, counts in by_level
            if level in LEVEL_ORDER and period in PERIOD_ORDER
        ],
    )


def _lead(item) -> str:
    return (item.lead.get_full_name() or item.lead.username) if item.lead_id else "No named lead"


def overdue_table(items) -> Table:
    return Table(
        title="Overdue updates in the current reporting round",
        slug="overdue",
        columns=["Priority", "Owner", "Lead", "Last update"],
        rows=[
            [
                f"{item.priority.code}: {item.priority.title}",
                item.owner_name,
                _lead(item),
                f"{item.last_update_at:%-d %B %Y}" if getattr(item, "last_update_at", None) else "None",
            ]
            for item in items
        ],
    )


def overdue_by_owner_table(items) -> Table:
    counts: dict[str, int] = {}
    for item in items:
        counts[item.owner_name] = counts.get(item.owner_name, 0) + 1
    return Table(
        title="Overdue updates in the current reporting round, by owner",
        slug="overdue-by-owner",
        columns=["Owner", "Items overdue"],
        rows=[[owner, count] for owner, count in sorted(counts.items(), key=lambda pair: (-pair[1], pair[0]))],
    )


def completed_table(items) -> Table:
    return Table(
        title="Recently completed",
        slug="recently-completed",
        columns=["Priority", "Owner", "Completed"],
        rows=[
            [f"{item.priority.code}: {item.priority.title}", item.owner_name, f"{item.last_update_at:%-d %B %Y}"]
            for item in items
        ],
    )


def status_chart(progress) -> charts.Chart:
    bars = [(f"Objective {row.objective.number}", row.mean_percent_complete) for row in progress]
    return charts.bar_chart(
        "objectives-chart",
        "Average percent complete of each objective's items",
        bars,
        number_format="{:.0f}%",
        missing_label="no items",
    )
