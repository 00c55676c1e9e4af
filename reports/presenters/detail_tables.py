"""The detail behind one metric in one scope and year, as tables (and a chart for the pay quartiles): the
counts and rates behind a likelihood, survey results, board membership, pay gaps, staff by band and
declaration by organisation. Every cell is plain text or a stored figure, already suppressed."""

from typing import cast

from organisations.models import Organisation
from reports import charts
from reports.exports import Table
from workforce.catalogue import (
    BoardMetric,
    DeclarationMetric,
    LikelihoodMetric,
    MetricDefinition,
    PayGapMetric,
    ShareMetric,
    SurveyMetric,
)
from workforce.labels import QUARTILE_LABELS, label_of
from workforce.metrics.results import (
    BandPayGapData,
    BandsData,
    BasisData,
    BoardData,
    CharacteristicDeclarationData,
    DeclarationRatesData,
    IntersectionTableData,
    LikelihoodData,
    LikelihoodPartData,
    MetricResultData,
    PayGapFiguresData,
    SurveyPartData,
    SurveyResultData,
    VoicesData,
)

Views = tuple[list[Table], list[charts.Chart]]


def detail_views(definition: MetricDefinition, result: MetricResultData | None) -> Views:
    """The tables and charts of the metric's detail in one result; none without a result or its part."""
    if result is None:
        return [], []
    try:
        if isinstance(definition, LikelihoodMetric):
            return [*likelihood_tables(definition, definition.part(result))], []
        if isinstance(definition, SurveyMetric):
            voices = definition.voices(result) if definition.voices else None
            return survey_tables(definition, definition.part(result), voices), []
        if isinstance(definition, BoardMetric):
            return [board_table(definition, definition.part(result))], []
        if isinstance(definition, PayGapMetric):
            return pay_gap_views(definition, definition.part(result), definition.by_band(result))
        if isinstance(definition, ShareMetric) and definition.bands:
            intersections = result.get("intersections", {})
            return band_tables(definition, definition.bands(result), intersections), []
        if isinstance(definition, DeclarationMetric):
            return [declaration_table(definition, definition.part(result))], []
    except (KeyError, TypeError):  # a result of an older shape lacks the part
        pass
    return [], []


def _yes_no(value: bool | None) -> str:
    return "Not known" if value is None else ("Yes" if value else "No")


def likelihood_tables(definition: MetricDefinition, part: LikelihoodPartData) -> tuple[Table, Table]:
    """The relative likelihood with its 95% interval, and the counts and rates of each group behind it."""
    likelihood, groups = part["likelihood"], part["groups"]
    measure_names = list(next(iter(groups.values())).keys()) if groups else []
    columns = ["Group", *[name.capitalize() if name != "rate" else "Rate (%)" for name in measure_names]]
    rows = [[label_of(group), *figures.values()] for group, figures in groups.items()]
    # WRES 3, WDES 3: the headline is a two-year rolling average, with the year alone and a basis beside it.
    single_year = cast(LikelihoodData | None, part.get("single_year"))
    title = "this year's counts" if single_year else "the counts behind it"
    counts = Table(title=f"{definition.code}: {title}", slug="groups", columns=columns, rows=rows)
    figures = [likelihood] if single_year is None else [likelihood, single_year]
    notes = [
        f"{likelihood['first_group'].capitalize()} compared with {likelihood['second_group']}: "
        f"{likelihood['event']}. Unknown is shown but left out of the ratio."
    ]
    basis = cast(BasisData | None, part.get("basis"))
    if basis:
        notes.append(f"{basis['label']}: {basis['detail']}")
    summary = Table(
        title=f"{definition.code}: relative likelihood with its 95% confidence interval",
        slug="likelihood",
        columns=[
            *(["Figure"] if single_year else []),
            "Relative likelihood",
            "95% interval from",
            "to",
            "Outside 0.80 to 1.25",
            "Could be chance",
        ],
        rows=[
            [
                *([label] if single_year else []),
                figure["ratio"],
                figure["ci_lower"],
                figure["ci_upper"],
                _yes_no(figure["adverse_impact"]),
                _yes_no(figure["may_be_chance"]),
            ]
            for figure, label in zip(figures, ("Two-year rolling average", "This year alone"), strict=False)
        ],
        notes=notes,
    )
    return summary, counts


def survey_tables(definition: MetricDefinition, part: SurveyPartData, voices: VoicesData | None) -> list[Table]:
    """Each group's survey result and respondents, and the difference; WDES 9b beside WDES 9a."""
    # Every key but the title and the difference is a group ("white", "bme" or "non_disabled", "disabled").
    groups = {key: cast(SurveyResultData, value) for key, value in part.items() if key not in ("title", "difference")}
    rows: list[list] = [[label_of(group), result["value"], result["respondents"]] for group, result in groups.items()]
    difference = part.get("difference")  # none for WDES 8, which asks disabled staff only
    if difference is not None:
        rows.append(["Difference", difference, ""])
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
    if voices:  # WDES 9b is a yes or no, not a figure with a trend: it is shown beside 9a
        tables.append(
            Table(
                title="WDES 9b: Has the organisation taken action to facilitate the voices of disabled staff?",
                slug="wdes-9b",
                columns=["Answer", "Organisations saying yes", "Organisations saying no"],
                rows=[[voices["answer"], voices["yes"], voices["no"]]],
            )
        )
    return tables


def board_table(definition: MetricDefinition, part: BoardData) -> Table:
    rows = []
    for members, label in (
        (part["all_members"], "All board members"),
        (part["voting_members"], "Voting members"),
        (part["executive_members"], "Executive members"),
    ):
        rows.append([label, *members["counts"].values(), members["share"], members["difference"]])
    groups = list(part["all_members"]["counts"])
    return Table(
        title=f"{definition.code}: board membership",
        slug="board",
        columns=["Members", *[label_of(g) for g in groups], "Share (%)", "Difference from workforce (points)"],
        rows=rows,
        notes=[f"Share of the workforce: {part['workforce_share']['display']}%."],
    )


def pay_gap_views(definition: MetricDefinition, part: PayGapFiguresData, by_band: dict[str, BandPayGapData]) -> Views:
    """The gaps and bonus, the quartiles (with a chart for men and women) and the gaps within each band."""
    reference, comparison = part["reference_group"], part["comparison_group"]
    basis = part.get("basis")
    gaps = Table(
        title=f"{definition.code}: hourly pay and bonus",
        slug="gaps",
        notes=[f"{basis['label']}: {basis['detail']}"] if basis else [],
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
    quartiles = Table(
        title="Who is in each pay quartile",
        slug="quartiles",
        columns=["Quartile", f"{label_of(comparison)} (%)", f"{label_of(reference)} (%)"],
        rows=[
            [QUARTILE_LABELS.get(q, q), *[figures[g] for g in (comparison, reference)]]
            for q, figures in part["quartiles"].items()
        ],
        notes=["Staff ranked by hourly pay and divided into four equal groups, lowest paid first."],
    )
    chart_list = []
    if reference == "male":
        chart_list.append(
            charts.quartile_chart(
                f"quartiles-{definition.slug}",
                "Women and men in each pay quartile",
                [
                    (QUARTILE_LABELS.get(q, q), f["female"]["value"], f["male"]["value"])
                    for q, f in part["quartiles"].items()
                ],
            )
        )
    tables = [gaps, quartiles]
    if by_band:
        tables.append(_gaps_by_band_table(reference, comparison, by_band))
    return tables, chart_list


def _gaps_by_band_table(reference: str, comparison: str, by_band: dict[str, BandPayGapData]) -> Table:
    rows = [
        [
            label_of(band),
            *[figures["headcount"].get(g, "") for g in (comparison, reference)],
            figures["mean_hourly_gap"],
            figures["median_hourly_gap"],
        ]
        for band, figures in by_band.items()
    ]
    return Table(
        title=f"Pay gap within each pay band, {label_of(reference).lower()} and {label_of(comparison).lower()}",
        slug="by-band",
        columns=[
            "Band",
            f"{label_of(comparison)} (headcount)",
            f"{label_of(reference)} (headcount)",
            "Mean gap (%)",
            "Median gap (%)",
        ],
        rows=rows,
        notes=["A gap is not shown for a band where either group has fewer people than the suppression threshold."],
    )


def band_tables(
    definition: ShareMetric, bands: BandsData, intersections: dict[str, IntersectionTableData]
) -> list[Table]:
    """Clinical and non-clinical staff by band and group, then any stored intersection of the characteristic."""
    tables = []
    for table, staff_type, label in (
        (bands["clinical"], "clinical", "Clinical staff"),
        (bands["non_clinical"], "non_clinical", "Non-clinical staff"),
    ):
        counts = table["counts"]
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
    mine = {name: table for name, table in intersections.items() if name.startswith(definition.characteristic)}
    return tables + intersection_tables(mine)


def intersection_tables(intersections: dict[str, IntersectionTableData]) -> list[Table]:
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
                cell = by_sex.get(sex)
                counts = cell["counts"] if cell else {}
                rows.append([label_of(band), label_of(sex), *[counts.get(g, "") for g in [*groups, "total"]]])
        tables.append(
            Table(
                title=name.replace("_", " ").capitalize(),
                slug=name.replace("_", "-"),
                columns=["Band or grade", "Sex", *[label_of(g) for g in [*groups, "total"]]],
                rows=rows,
                notes=[table["note"]] if table.get("note") else [],
            )
        )
    return tables


def _rates(rates: DeclarationRatesData) -> list:
    return [rates["headcount"], rates["declared"], rates["not_stated"], rates["percent_not_stated"]]


def declaration_table(definition: MetricDefinition, part: CharacteristicDeclarationData) -> Table:
    """Recorded and not recorded, for the whole scope and each of its organisations (named, not by slug)."""
    rows = [["Whole scope", *_rates(part["overall"])]]
    names = dict(Organisation.objects.values_list("slug", "name")) if part.get("by_organisation") else {}
    for slug, figures in part.get("by_organisation", {}).items():
        rows.append([names.get(slug, slug), *_rates(figures)])
    return Table(
        title=f"{definition.title}, by organisation",
        slug="by-organisation",
        columns=["Organisation", "Headcount", "Recorded", "Not recorded", "Not recorded (%)"],
        rows=rows,
    )
