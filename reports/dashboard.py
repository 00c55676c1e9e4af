"""What the People Board dashboards show, as plain data: the overview of one scope and year, and the page
of one metric. Views render these; the board pack and CSV downloads export the same tables, so a page and
its exports can never disagree.

Every workforce figure comes from a stored result (`workforce.selectors`), already suppressed; a table cell
is either plain text or a figure dict, which pages print by its "display" ("*" when suppressed) and
exports write as its value, or its display when it has none.
"""

from dataclasses import dataclass, field
from datetime import date

from django.urls import reverse

from lsc_belonging import charts
from objectives.models import LEVEL_ORDER, PERIOD_ORDER, STATUS_ORDER, Level, Period, ReportingRound
from objectives.selectors.board import (
    objective_progress,
    overdue_items,
    rag_counts,
    rag_counts_by_level_and_period,
    recently_completed,
)
from objectives.selectors.item_progress import NO_UPDATE_LABEL
from objectives.selectors.scope import plan_scope_for
from organisations.models import Organisation
from reports.exports import Table
from workforce.catalogue import (
    RELATIVE_LIKELIHOOD_BAND,
    MetricDefinition,
    change_since,
    headline_figure,
    headline_metrics,
    reading,
)
from workforce.models import reporting_year_label as year_label
from workforce.scopes import Scope, UnknownScope, all_scopes, parse_scope
from workforce.selectors.results import available_years, figure_at, metric_comparison, metric_result, metric_results

GROUP_LABELS = {
    "white": "White",
    "bme": "BME",
    "unknown": "Unknown",
    "disabled": "Disabled",
    "non_disabled": "Non-disabled",
    "male": "Men",
    "female": "Women",
    "total": "Total",
}
BAND_LABELS = {
    "vsm": "Very senior managers",
    "consultant": "Consultants",
    "career_grade": "Non-consultant career grades",
    "trainee": "Medical and dental trainees",
    "other": "Other pay scales",
    "total": "Total",
}
CLUSTER_LABELS = {
    "cluster_1": "Cluster 1 (Bands 1 to 4)",
    "cluster_2": "Cluster 2 (Bands 5 to 7)",
    "cluster_3": "Cluster 3 (Bands 8a and 8b)",
    "cluster_4": "Cluster 4 (Bands 8c to 9 and VSM)",
    "cluster_5": "Cluster 5 (Consultants)",
    "cluster_6": "Cluster 6 (Non-consultant career grades)",
    "cluster_7": "Cluster 7 (Medical and dental trainees)",
}
QUARTILE_LABELS = {"lower": "Lower", "lower_middle": "Lower middle", "upper_middle": "Upper middle", "upper": "Upper"}


class BadChoice(ValueError):
    """A scope or year in the URL that the portal does not have; the message says which."""


def label_of(key: str) -> str:
    return GROUP_LABELS.get(key) or BAND_LABELS.get(key) or CLUSTER_LABELS.get(key) or _band_label(key)


def _band_label(key: str) -> str:
    return f"Band {key}" if key[:1].isdigit() else key.replace("_", " ").capitalize()


def chart_label(label: str) -> str:
    """An organisation's name short enough for a chart axis (the table beside it has the full name)."""
    for suffix in (" NHS Foundation Trust", " NHS Trust"):
        label = label.removesuffix(suffix)
    return label.removeprefix("NHS ").replace("Integrated Care Board", "ICB")


# --- The choice of scope and year (it lives in the URL) --------------------------------------------


@dataclass(frozen=True)
class Choice:
    scope: Scope
    year: int | None
    years: list[int]

    @property
    def year_label(self) -> str:
        return year_label(self.year) if self.year else "no year"

    @property
    def previous_year(self) -> int | None:
        earlier = [y for y in self.years if self.year and y < self.year]
        return earlier[-1] if earlier else None

    @property
    def query(self) -> str:
        return f"scope={self.scope.key}" + (f"&year={self.year}" if self.year else "")

    @property
    def plan_query(self) -> str:
        """The same scope as the plan pages' filters say it."""
        return f"{self.scope.kind}={self.scope.slug}" if self.scope.kind != "ics" else ""


def choose(scope_key: str | None, year_text: str | None) -> Choice:
    """The scope and year a dashboard URL asks for (defaults: the ICS, the latest year with metrics)."""
    try:
        scope = parse_scope(scope_key)
    except UnknownScope:
        raise BadChoice(f"There is no organisation or place called “{scope_key}”.") from None
    years = available_years()
    if not year_text:
        return Choice(scope, years[-1] if years else None, years)
    if not year_text.isdigit() or int(year_text) not in years:
        shown = ", ".join(year_label(y) for y in years) or "none yet"
        raise BadChoice(f"There are no workforce figures for the year “{year_text}”. Years available: {shown}.")
    return Choice(scope, int(year_text), years)


@dataclass(frozen=True)
class ScopeOption:
    key: str
    label: str
    group: str


def scope_options() -> list[ScopeOption]:
    groups = {"ics": "Integrated care system", "place": "Places", "organisation": "Organisations"}
    return [ScopeOption(scope.key, scope.label, groups[scope.kind]) for scope in all_scopes()]


# --- "Data as at" --------------------------------------------------------------------------------


def data_as_at(choice: Choice, result: dict | None) -> str:
    """The stamp on every page and export: the ESR snapshot and the plan's reporting round."""
    reporting_round = ReportingRound.objects.current()
    round_text = (
        f"reporting round {reporting_round.name} (due {reporting_round.due_on:%-d %B %Y})"
        if reporting_round
        else "no open reporting round"
    )
    if result is None:
        snapshot_text = "no ESR snapshot for this scope and year"
    else:
        snapshot = date.fromisoformat(result["scope"]["snapshot_date"])
        snapshot_text = f"ESR snapshot of {snapshot:%-d %B %Y} ({year_label(result['scope']['year'])})"
    return f"{choice.scope.label}. Data as at: {snapshot_text}; plan progress as at {round_text}."


# --- Overview ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Headline:
    definition: MetricDefinition
    figure: dict | None
    previous: dict | None
    change_text: str
    verdict: str
    reading: str


def headlines(choice: Choice, result: dict | None, previous: dict | None) -> list[Headline]:
    rows = []
    for definition in headline_metrics():
        figure = headline_figure(definition, result)
        before = headline_figure(definition, previous)
        change = change_since(definition, figure, before)
        rows.append(Headline(definition, figure, before, change.text, change.verdict, reading(definition, result)))
    return rows


def headline_table(rows: list[Headline], choice: Choice) -> Table:
    previous = year_label(choice.previous_year) if choice.previous_year else "Previous year"
    return Table(
        title="Headline workforce equality metrics",
        slug="headline-metrics",
        columns=["Metric", choice.year_label, previous, "Change", "Better or worse", "What it means"],
        rows=[
            [
                row.definition.label,
                row.figure or "No data",
                row.previous or "No data",
                row.change_text,
                row.verdict or "Not judged",
                row.reading,
            ]
            for row in rows
        ],
        notes=["* = not shown, to protect the privacy of a small number of people."],
    )


@dataclass
class Overview:
    choice: Choice
    stamp: str
    result: dict | None
    headlines: list[Headline]
    tables: list[Table] = field(default_factory=list)
    overdue: list = field(default_factory=list)
    recent: list = field(default_factory=list)
    status_chart: charts.Chart | None = None

    def table(self, slug: str) -> Table | None:
        return next((table for table in self.tables if table.slug == slug), None)


def overview(choice: Choice) -> Overview:
    result = metric_result(choice.scope, choice.year) if choice.year else None
    previous = metric_result(choice.scope, choice.previous_year) if choice.previous_year else None
    rows = headlines(choice, result, previous)
    scope = plan_scope_for(choice.scope)
    progress = objective_progress(scope)
    by_level = rag_counts_by_level_and_period(scope)
    overdue = list(overdue_items(scope))
    recent = recently_completed(scope, limit=10)
    totals = rag_counts(scope)
    tables = [
        headline_table(rows, choice),
        objectives_table(progress),
        level_period_table(by_level),
        overdue_by_owner_table(overdue),
        completed_table(recent),
        overdue_table(overdue),
    ]
    return Overview(
        choice=choice,
        stamp=data_as_at(choice, result),
        result=result,
        headlines=rows,
        tables=tables,
        overdue=overdue,
        recent=recent,
        status_chart=status_chart(progress, totals),
    )


STATUS_COLUMNS = [status.label for status in STATUS_ORDER] + [NO_UPDATE_LABEL]


def _status_cells(counts) -> list:
    return [count for _status, _label, count in counts.rows]


def objectives_table(progress) -> Table:
    return Table(
        title="Progress on the three equality objectives",
        slug="objectives",
        columns=["Objective", "Items", *STATUS_COLUMNS, "Average % complete"],
        rows=[
            [
                f"Objective {row.objective.number}: {row.objective.title}",
                row.item_count,
                *_status_cells(row.counts),
                row.mean_percent_complete if row.mean_percent_complete is not None else "No items",
            ]
            for row in progress
        ],
        notes=["An item's status is its latest progress update. An item with no update counts as 0% complete."],
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


def _owner(item) -> str:
    return item.owner_name


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
                _owner(item),
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
            [f"{item.priority.code}: {item.priority.title}", _owner(item), f"{item.last_update_at:%-d %B %Y}"]
            for item in items
        ],
    )


def status_chart(progress, totals) -> charts.Chart:
    bars = [(f"Objective {row.objective.number}", row.mean_percent_complete) for row in progress]
    chart = charts.bar_chart(
        "objectives-chart",
        "Average percent complete of each objective's items",
        bars,
        number_format="{:.0f}%",
        missing_label="no items",
    )
    return chart


# --- Metric pages --------------------------------------------------------------------------------


@dataclass
class MetricPage:
    definition: MetricDefinition
    choice: Choice
    stamp: str
    figure: dict | None
    change_text: str
    verdict: str
    reading: str
    trend_chart: charts.Chart | None
    comparison_chart: charts.Chart | None
    extra_charts: list[charts.Chart]
    tables: list[Table]

    def table(self, slug: str) -> Table | None:
        return next((table for table in self.tables if table.slug == slug), None)


def _value(figure: dict | None):
    return figure["value"] if figure else None


def metric_page(definition: MetricDefinition, choice: Choice) -> MetricPage:
    by_year = metric_results(choice.scope)
    result = by_year.get(choice.year) if choice.year else None
    previous = by_year.get(choice.previous_year) if choice.previous_year else None
    figure = headline_figure(definition, result)
    change = change_since(definition, figure, headline_figure(definition, previous))
    trend_table, trend_chart = metric_trend_view(definition, choice, by_year)
    tables = [trend_table]
    comparison_chart = None
    if choice.year:
        comparison_table, comparison_chart = comparison_view(definition, choice)
        tables.append(comparison_table)
    extra_tables, extra_charts = detail_views(definition, result)
    return MetricPage(
        definition=definition,
        choice=choice,
        stamp=data_as_at(choice, result),
        figure=figure,
        change_text=change.text,
        verdict=change.verdict,
        reading=reading(definition, result),
        trend_chart=trend_chart,
        comparison_chart=comparison_chart,
        extra_charts=extra_charts,
        tables=tables + extra_tables,
    )


def metric_trend_view(definition: MetricDefinition, choice: Choice, by_year: dict) -> tuple[Table, charts.Chart]:
    years = sorted(by_year)
    series = definition.series
    columns = ["Year", *[one.label for one in series]]
    rows = [[year_label(year), *[figure_at(by_year[year], one.path) or "No data" for one in series]] for year in years]
    table = Table(
        title=f"{definition.code} over time: {choice.scope.label}",
        slug="trend",
        columns=columns,
        rows=rows,
        notes=[definition.help_text] if definition.help_text else [],
    )
    chart_series = [
        charts.Series(one.label, [_value(figure_at(by_year[year], one.path)) for year in years]) for one in series
    ]
    likelihood = definition.kind == "likelihood"
    chart = charts.line_chart(
        f"trend-{definition.slug}",
        f"{definition.code} each year, {choice.scope.label}",
        [year_label(year) for year in years],
        chart_series,
        number_format=definition.number_format,
        reference_band=RELATIVE_LIKELIHOOD_BAND if likelihood else None,
        reference_band_label="0.80 to 1.25, no adverse impact" if likelihood else "",
    )
    return table, chart


def comparison_view(definition: MetricDefinition, choice: Choice) -> tuple[Table, charts.Chart]:
    rows, bars = [], []
    for kind, kind_label in (("organisation", "Organisation"), ("place", "Place")):
        for result in metric_comparison(choice.year, kind).values():
            figure = headline_figure(definition, result)
            label = result["scope"]["label"]
            rows.append([label, kind_label, figure or "No data"])
            bars.append((chart_label(label), _value(figure)))
    columns = ["Organisation or place", "Kind", f"{definition.code} ({choice.year_label})"]
    likelihood = definition.kind == "likelihood"
    if likelihood:
        columns.append("Outside 0.80 to 1.25")
        for row in rows:
            value = _value(row[2]) if isinstance(row[2], dict) else None
            low, high = RELATIVE_LIKELIHOOD_BAND
            row.append("Not shown" if value is None else ("Yes" if not low <= value <= high else "No"))
    table = Table(
        title=f"{definition.code} across the ICS, {choice.year_label}",
        slug="comparison",
        columns=columns,
        rows=rows,
        notes=["Organisations without an ESR snapshot that year (councils do not use ESR) are not listed."],
    )
    chart = charts.bar_chart(
        f"comparison-{definition.slug}",
        f"{definition.code} by organisation and place, {choice.year_label}",
        bars,
        number_format=definition.number_format,
        reference_band=RELATIVE_LIKELIHOOD_BAND if likelihood else None,
        reference_band_label="0.80 to 1.25" if likelihood else "",
        reference_line=1.0 if likelihood else None,
    )
    return table, chart


# --- Detail of one metric in one scope and year ------------------------------------------------------


def detail_views(definition: MetricDefinition, result: dict | None) -> tuple[list[Table], list[charts.Chart]]:
    if result is None:
        return [], []
    part = figure_at(result, definition.detail_path) if definition.detail_path else None
    if part is None:
        return [], []
    builder = {
        "likelihood": _likelihood_tables,
        "survey": _survey_tables,
        "board": _board_tables,
        "pay_gap": _pay_gap_tables,
        "share": _share_tables,
        "declaration": _declaration_tables,
    }.get(definition.kind)
    return builder(definition, part, result) if builder else ([], [])


def _likelihood_tables(definition, part, result):
    likelihood = part["likelihood"]
    groups = part["groups"]
    measure_names = list(next(iter(groups.values())).keys()) if groups else []
    columns = ["Group", *[name.capitalize() if name != "rate" else "Rate (%)" for name in measure_names]]
    rows = [[label_of(group), *[figures[name] for name in measure_names]] for group, figures in groups.items()]
    counts = Table(title=f"{definition.code}: the counts behind it", slug="groups", columns=columns, rows=rows)
    summary = Table(
        title=f"{definition.code}: relative likelihood with its 95% confidence interval",
        slug="likelihood",
        columns=["Relative likelihood", "95% interval from", "to", "Outside 0.80 to 1.25", "Could be chance"],
        rows=[
            [
                likelihood["ratio"],
                likelihood["ci_lower"],
                likelihood["ci_upper"],
                _yes_no(likelihood["adverse_impact"]),
                _yes_no(likelihood["may_be_chance"]),
            ]
        ],
        notes=[
            f"{likelihood['first_group'].capitalize()} compared with {likelihood['second_group']}: "
            f"{likelihood['event']}. Unknown is shown but left out of the ratio."
        ],
    )
    return [summary, counts], []


def _yes_no(value):
    return "Not known" if value is None else ("Yes" if value else "No")


def _survey_tables(definition, part, result):
    groups = [key for key in part if key not in ("title", "difference")]
    rows = [[label_of(group), part[group]["value"], part[group]["respondents"]] for group in groups]
    rows.append(["Difference", part["difference"], ""])
    unit = "score" if definition.unit == "score" else "%"
    tables = [
        Table(
            title=part["title"],
            slug="survey",
            columns=["Group", f"Result ({unit})", "Respondents"],
            rows=rows,
            notes=["From the NHS Staff Survey figures each organisation entered."],
        )
    ]
    voices = figure_at(result, "wdes.9b") if definition.slug == "wdes-9a" else None
    if voices:  # WDES 9b is a yes or no, not a figure with a trend: it is shown beside 9a
        tables.append(
            Table(
                title="WDES 9b: Has the organisation taken action to facilitate the voices of disabled staff?",
                slug="wdes-9b",
                columns=["Answer", "Organisations saying yes", "Organisations saying no"],
                rows=[[voices["answer"], voices["yes"], voices["no"]]],
            )
        )
    return tables, []


def _board_tables(definition, part, result):
    rows = []
    for key, label in (
        ("all_members", "All board members"),
        ("voting_members", "Voting members"),
        ("executive_members", "Executive members"),
    ):
        members = part[key]
        counts = members["counts"]
        rows.append([label, *[counts[group] for group in counts], members["share"], members["difference"]])
    groups = list(part["all_members"]["counts"])
    return [
        Table(
            title=f"{definition.code}: board membership",
            slug="board",
            columns=["Members", *[label_of(g) for g in groups], "Share (%)", "Difference from workforce (points)"],
            rows=rows,
            notes=[f"Share of the workforce: {part['workforce_share']['display']}%."],
        )
    ], []


def _pay_gap_tables(definition, part, result):
    reference, comparison = part["reference_group"], part["comparison_group"]
    gaps = Table(
        title=f"{definition.code}: hourly pay and bonus",
        slug="gaps",
        columns=["Measure", "Gap (%)"],
        rows=[
            ["Mean hourly pay gap", part["mean_hourly_gap"]],
            ["Median hourly pay gap", part["median_hourly_gap"]],
            ["Mean bonus gap", part["mean_bonus_gap"]],
            ["Median bonus gap", part["median_bonus_gap"]],
            *[
                [f"{label_of(group)} paid a bonus (%)", figures["percent_received"]]
                for group, figures in part["bonus"].items()
            ],
        ],
    )
    quartile_rows = [
        [QUARTILE_LABELS.get(q, q), *[figures[g] for g in (comparison, reference)]]
        for q, figures in part["quartiles"].items()
    ]
    quartiles = Table(
        title="Who is in each pay quartile",
        slug="quartiles",
        columns=["Quartile", f"{label_of(comparison)} (%)", f"{label_of(reference)} (%)"],
        rows=quartile_rows,
        notes=["Staff ranked by hourly pay and divided into four equal groups, lowest paid first."],
    )
    chart_list = []
    if reference == "male":
        chart_list.append(
            charts.quartile_chart(
                f"quartiles-{definition.slug}",
                "Women and men in each pay quartile",
                [
                    (QUARTILE_LABELS.get(q, q), _value(f["female"]), _value(f["male"]))
                    for q, f in part["quartiles"].items()
                ],
            )
        )
    characteristic = definition.slug.removeprefix("pay-gap-")
    by_band = figure_at(result, ("pay_gap", "by_band", characteristic)) or {}
    band_rows = []
    for band, figures in by_band.items():
        headcount = figures.get("headcount", {})
        band_rows.append(
            [
                label_of(band),
                *[headcount.get(g, "") for g in (comparison, reference)],
                figures["mean_hourly_gap"],
                figures["median_hourly_gap"],
            ]
        )
    tables = [gaps, quartiles]
    if band_rows:
        tables.append(
            Table(
                title=f"Pay gap within each pay band, {label_of(reference).lower()} and {label_of(comparison).lower()}",
                slug="by-band",
                columns=[
                    "Band",
                    f"{label_of(comparison)} (headcount)",
                    f"{label_of(reference)} (headcount)",
                    "Mean gap (%)",
                    "Median gap (%)",
                ],
                rows=band_rows,
                notes=[
                    "A gap is not shown for a band where either group has fewer people than the suppression threshold."
                ],
            )
        )
    return tables, chart_list


def _share_tables(definition, part, result):
    if "clinical" not in part:
        return [], []
    tables = []
    for staff_type, label in (("clinical", "Clinical staff"), ("non_clinical", "Non-clinical staff")):
        counts = part[staff_type]["counts"]
        groups = list(next(iter(counts.values())).keys())
        tables.append(
            Table(
                title=f"{definition.code}: {label.lower()} by pay band",
                slug=f"bands-{staff_type.replace('_', '-')}",
                columns=["Band or grade", *[label_of(g) for g in groups]],
                rows=[[label_of(row), *[figures[g] for g in groups]] for row, figures in counts.items()],
                notes=["Headcount on each person's primary assignment. Clusters group bands as the WRES does."],
            )
        )
    characteristic = "ethnicity" if definition.standard == "WRES" else "disability"
    intersections = {k: v for k, v in result.get("intersections", {}).items() if k.startswith(characteristic)}
    tables += intersection_tables(intersections)
    return tables, []


def intersection_tables(intersections: dict) -> list[Table]:
    """Headcount by two characteristics at once (for example ethnicity by band by sex), as the metrics
    layer stored them after suppression; nothing is added up here, so nothing hidden can be worked out."""
    tables = []
    for name, table in intersections.items():
        if not isinstance(table, dict) or "rows" not in table:
            continue
        groups, sexes = table.get("groups", []), table.get("sexes", [])
        rows = []
        for band, by_sex in table["rows"].items():
            for sex in sexes:
                cell = by_sex.get(sex, {})
                counts = cell.get("counts", {})
                rows.append([label_of(band), label_of(sex), *[counts.get(g, "") for g in [*groups, "total"]]])
        tables.append(
            Table(
                title=name.replace("_", " ").capitalize(),
                slug=name.replace("_", "-"),
                columns=["Band or grade", "Sex", *[label_of(g) for g in [*groups, "total"]]],
                rows=rows,
                notes=[table.get("note", "")] if table.get("note") else [],
            )
        )
    return tables


def _declaration_tables(definition, part, result):
    rows = [
        ["Whole scope", *[part["overall"][k] for k in ("headcount", "declared", "not_stated", "percent_not_stated")]]
    ]
    labels = (
        {key: label for key, label in Organisation.objects.values_list("slug", "name")}
        if part.get("by_organisation")
        else {}
    )
    for slug, figures in part.get("by_organisation", {}).items():
        rows.append(
            [
                labels.get(slug, slug),
                *[figures[k] for k in ("headcount", "declared", "not_stated", "percent_not_stated")],
            ]
        )
    return [
        Table(
            title=f"{definition.title}, by organisation",
            slug="by-organisation",
            columns=["Organisation", "Headcount", "Recorded", "Not recorded", "Not recorded (%)"],
            rows=rows,
        )
    ], []


def metric_page_url(definition: MetricDefinition, choice: Choice) -> str:
    return reverse("reports:metric", args=[definition.slug]) + "?" + choice.query
