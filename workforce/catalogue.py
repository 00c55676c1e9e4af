"""The catalogue of equality metrics the portal shows: what each is called, where its headline figure sits
in a stored result, which way is better, and how to read it in one sentence.

Dashboards, metric pages, board packs, the API and the plan's priority-to-metric links all name a metric
by its slug ("wres-2", "pay-gap-gender"), so this is the one place a metric is described. Every figure
comes from a stored result (`workforce.selectors`), already suppressed; `headline_figure` only ever
combines figures that are shown, so it cannot reveal a hidden count.
"""

from collections.abc import Callable
from dataclasses import dataclass

from workforce.metrics.likelihood import RelativeLikelihood
from workforce.metrics.readings import (
    board_reading,
    declaration_reading,
    likelihood_reading,
    pay_gap_reading,
    representation_reading,
    survey_reading,
)
from workforce.metrics.suppression import Figure, round_half_up
from workforce.selectors.results import figure_at

# Which way a figure should move: a relative likelihood towards 1 (equal treatment), a gap towards 0.
TOWARDS_ONE, TOWARDS_ZERO, LOWER, HIGHER = "towards_one", "towards_zero", "lower", "higher"
BETTER_TEXT = {
    TOWARDS_ONE: "closer to 1 is better",
    TOWARDS_ZERO: "closer to 0 is better",
    LOWER: "lower is better",
    HIGHER: "higher is better",
}
UNITS = {"ratio": "", "percent": "%", "points": " percentage points", "score": ""}
RELATIVE_LIKELIHOOD_BAND = (0.80, 1.25)

# "BME share in Bands 8a and above": a row of the WRES 1 table, suppressed with the band rows it adds up.
SENIOR_SHARE = "wres.1.senior.share.bme"


@dataclass(frozen=True)
class Series:
    """One line on a metric's trend chart: a label and the path of its figure in a result."""

    label: str
    path: str


@dataclass(frozen=True)
class MetricDefinition:
    slug: str
    standard: str  # "WRES", "WDES", "Pay gap", "Representation" or "Declaration"
    code: str  # as boards say it: "WRES 2", "WDES 4a(i)"
    title: str
    kind: str  # "likelihood", "survey", "board", "pay_gap", "share" or "declaration"
    path: str  # the headline figure
    unit: str  # a key of UNITS
    better: str | None
    headline: bool = False
    series: tuple[Series, ...] = ()
    detail_path: str = ""  # the part of a result the metric page tabulates
    reader: Callable[[dict], str] | None = None
    help_text: str = ""

    @property
    def label(self) -> str:
        return f"{self.code}: {self.title}"

    @property
    def better_text(self) -> str:
        return BETTER_TEXT.get(self.better, "")

    @property
    def unit_suffix(self) -> str:
        return UNITS.get(self.unit, "")

    @property
    def number_format(self) -> str:
        return "{:.2f}" if self.unit == "ratio" else "{:.1f}"


# --- Figures as stored (dicts) back to the metrics layer's types, for its readings ---------------


def as_figure(figure: dict | None) -> Figure:
    if figure is None:
        return Figure.not_computable("not computable: no data", "There is no figure for this year.")
    return Figure(figure["value"], figure["suppressed"], figure["reason"], figure["note"])


def as_likelihood(likelihood: dict) -> RelativeLikelihood:
    inverse = likelihood.get("inverse")
    return RelativeLikelihood(
        ratio=as_figure(likelihood["ratio"]),
        lower=as_figure(likelihood["ci_lower"]),
        upper=as_figure(likelihood["ci_upper"]),
        adverse_impact=likelihood["adverse_impact"],
        may_be_chance=likelihood["may_be_chance"],
        first_group=likelihood["first_group"],
        second_group=likelihood["second_group"],
        event=likelihood["event"],
        inverse=as_figure(inverse) if inverse else None,
    )


def _withheld(reason: str, note: str = "") -> dict:
    return Figure.withheld(reason, note).to_dict()


def headline_figure(definition: MetricDefinition, result: dict | None) -> dict | None:
    """The metric's headline figure in one result (a figure dict), or None when the result lacks it."""
    if result is None:
        return None
    return figure_at(result, definition.path)


def reading(definition: MetricDefinition, result: dict | None) -> str:
    """The one-sentence plain-English reading of the metric in one result."""
    if result is None:
        return "There are no figures for this scope and year."
    if definition.reader is None:
        return ""
    try:
        return definition.reader(result)
    except (KeyError, TypeError, AttributeError):  # a result of an older shape lacks the part
        return "There are no figures for this metric in this scope and year."


# --- Readers ----------------------------------------------------------------------------------------


def _likelihood_reader(path):
    return lambda result: likelihood_reading(as_likelihood(figure_at(result, path)))


def _survey_reader(path, first, second, first_label, second_label, unit="%"):
    def read(result):
        part = figure_at(result, path)
        comparison = {
            "title": part["title"],
            first: {"value": as_figure(part[first]["value"])},
            second: {"value": as_figure(part[second]["value"])},
        }
        return survey_reading(comparison, first, second, first_label, second_label, unit)

    return read


def _board_reader(path, group):
    return lambda result: board_reading(as_figure(figure_at(result, path)), group)


def _pay_gap_reader(characteristic, reference, comparison):
    return lambda result: (
        pay_gap_reading(
            as_figure(figure_at(result, ("pay_gap", characteristic, "mean_hourly_gap"))), reference, comparison
        )
        + " (mean hourly pay)"
    )


def _representation_reader(characteristic, group):
    def read(result):
        part = result["representation"]
        return representation_reading(
            as_figure(part[characteristic]["workforce_percent"]),
            as_figure(part[characteristic]["population_percent"]),
            group,
            part["area"],
        )

    return read


def _declaration_reader(characteristic):
    return lambda result: declaration_reading(
        as_figure(figure_at(result, ("declaration", characteristic, "overall", "percent_not_stated"))), characteristic
    )


def _senior_reader(result):
    if figure_at(result, SENIOR_SHARE) is None:
        return (
            "This is published for the whole ICS only: for a place or an organisation it would hide too many "
            "of the band figures it adds up."
        )
    share = as_figure(figure_at(result, SENIOR_SHARE))
    if not share.is_available:
        return "This figure is not shown, to protect the privacy of a small number of people."
    workforce = as_figure(figure_at(result, "wres.1.overall_workforce.share.bme"))
    tail = f", compared with {workforce.value:.1f}% of the whole workforce" if workforce.is_available else ""
    return f"BME staff make up {share.value:.1f}% of staff in Bands 8a and above{tail}."


# --- The catalogue ----------------------------------------------------------------------------------


def _likelihood(slug, standard, number, title, key, headline=False, help_text=""):
    path = f"{standard.lower()}.{key}.likelihood"
    return MetricDefinition(
        slug=slug,
        standard=standard,
        code=f"{standard} {number}",
        title=title,
        kind="likelihood",
        path=f"{path}.ratio",
        unit="ratio",
        better=TOWARDS_ONE,
        headline=headline,
        series=(Series("Relative likelihood", f"{path}.ratio"),),
        detail_path=f"{standard.lower()}.{key}",
        reader=_likelihood_reader(path),
        help_text=help_text
        or "A relative likelihood between 0.80 and 1.25 is taken to show no adverse impact (the four-fifths rule).",
    )


def _survey(slug, standard, number, key, title, groups, labels, unit="%"):
    base = f"{standard.lower()}.{key}"
    return MetricDefinition(
        slug=slug,
        standard=standard,
        code=f"{standard} {number}",
        title=title,
        kind="survey",
        path=f"{base}.difference",
        unit="points" if unit == "%" else "score",
        better=TOWARDS_ZERO,
        series=(Series(labels[0], f"{base}.{groups[0]}.value"), Series(labels[1], f"{base}.{groups[1]}.value")),
        detail_path=base,
        reader=_survey_reader(base, groups[0], groups[1], labels[0], labels[1], unit),
        help_text="From the NHS Staff Survey. The difference is the second group's figure minus the first's.",
    )


def _wres_survey(number, title):
    return _survey(f"wres-{number}", "WRES", number, str(number), title, ("white", "bme"), ("White staff", "BME staff"))


def _wdes_survey(slug_part, number, key, title, unit="%"):
    return _survey(
        f"wdes-{slug_part}",
        "WDES",
        number,
        key,
        title,
        ("non_disabled", "disabled"),
        ("non-disabled staff", "disabled staff"),
        unit,
    )


def _board(slug, standard, number, key, group, headline=False):
    base = f"{standard.lower()}.{key}"
    return MetricDefinition(
        slug=slug,
        standard=standard,
        code=f"{standard} {number}",
        title=f"{group} board membership compared with the workforce",
        kind="board",
        path=f"{base}.all_members.difference",
        unit="points",
        better=TOWARDS_ZERO,
        headline=headline,
        series=(
            Series("All board members", f"{base}.all_members.difference"),
            Series("Voting members", f"{base}.voting_members.difference"),
            Series("Executive members", f"{base}.executive_members.difference"),
        ),
        detail_path=base,
        reader=_board_reader(f"{base}.all_members.difference", group),
        help_text=f"The {group} share of the board minus the {group} share of the workforce, in percentage points.",
    )


def _pay_gap(characteristic, title, reference, comparison):
    base = f"pay_gap.{characteristic}"
    return MetricDefinition(
        slug=f"pay-gap-{characteristic}",
        standard="Pay gap",
        code=f"{characteristic.capitalize()} pay gap",
        title=title,  # "Mean hourly pay gap between ..."
        kind="pay_gap",
        path=f"{base}.mean_hourly_gap",
        unit="percent",
        better=TOWARDS_ZERO,
        headline=True,
        series=(
            Series("Mean hourly pay gap", f"{base}.mean_hourly_gap"),
            Series("Median", f"{base}.median_hourly_gap"),
        ),
        detail_path=base,
        reader=_pay_gap_reader(characteristic, reference, comparison),
        help_text=(
            f"The difference between the average hourly pay of {reference} and of {comparison}, as a percentage "
            f"of {reference}'s. A negative gap means {comparison} are paid more on average."
        ),
    )


def _declaration(characteristic, label, headline=True):
    path = f"declaration.{characteristic}.overall.percent_not_stated"
    return MetricDefinition(
        slug=f"declaration-{characteristic.replace('_', '-')}",
        standard="Declaration",
        code="Declaration rate",
        title=f"Staff with no recorded {label}",
        kind="declaration",
        path=path,
        unit="percent",
        better=LOWER,
        headline=headline,
        series=(Series("Not recorded", path),),
        detail_path=f"declaration.{characteristic}",
        reader=_declaration_reader(characteristic),
        help_text="Staff whose answer is unknown or not declared in ESR. "
        "Low rates make every other figure more reliable.",
    )


def _representation(characteristic, group, series_label):
    base = f"representation.{characteristic}"
    return MetricDefinition(
        slug=f"representation-{characteristic}",
        standard="Representation",
        code="Representation",
        title=f"{group} staff compared with the local population",
        kind="share",
        path=f"{base}.workforce_percent",
        unit="percent",
        better=None,
        series=(
            Series(series_label, f"{base}.workforce_percent"),
            Series("Population (Census 2021)", f"{base}.population_percent"),
        ),
        detail_path=base,
        reader=_representation_reader(characteristic, group),
        help_text="The Census 2021 comparators are mostly unverified (see the README): read them with care.",
    )


METRICS: tuple[MetricDefinition, ...] = (
    MetricDefinition(
        slug="wres-1",
        standard="WRES",
        code="WRES 1",
        title="BME staff in the workforce, by pay band",
        kind="share",
        path="wres.1.overall_workforce.share.bme",
        unit="percent",
        better=None,
        series=(Series("BME share of the workforce", "wres.1.overall_workforce.share.bme"),),
        detail_path="wres.1",
        reader=lambda result: representation_reading(
            as_figure(figure_at(result, "wres.1.overall_workforce.share.bme")), as_figure(None), "BME", ""
        ).replace(" where it is known", ""),
        help_text="The share of all staff (including those whose ethnicity is unknown).",
    ),
    MetricDefinition(
        slug="bme-senior",
        standard="WRES",
        code="WRES 1",
        title="BME share of staff in Bands 8a and above",
        kind="share",
        path=SENIOR_SHARE,
        unit="percent",
        better=HIGHER,
        headline=True,
        series=(
            Series("Bands 8a and above", SENIOR_SHARE),
            Series("Whole workforce", "wres.1.overall_workforce.share.bme"),
        ),
        detail_path="wres.1",
        reader=_senior_reader,
        help_text="Agenda for Change Bands 8a to 9 and very senior managers, clinical and non-clinical "
        "together, as a share of all their staff (including those whose ethnicity is unknown). For the "
        "whole ICS only.",
    ),
    _likelihood(
        "wres-2", "WRES", 2, "Relative likelihood of White applicants being appointed from shortlisting", "2", True
    ),
    _likelihood(
        "wres-3", "WRES", 3, "Relative likelihood of BME staff entering the formal disciplinary process", "3", True
    ),
    _likelihood("wres-4", "WRES", 4, "Relative likelihood of White staff accessing non-mandatory training", "4", True),
    _wres_survey(5, "Harassment, bullying or abuse from patients, relatives or the public"),
    _wres_survey(6, "Harassment, bullying or abuse from staff"),
    _wres_survey(7, "Belief that the organisation provides equal opportunities for career progression"),
    _wres_survey(8, "Discrimination at work from a manager, team leader or colleague"),
    _board("wres-9", "WRES", 9, "9", "BME", headline=True),
    MetricDefinition(
        slug="wdes-1",
        standard="WDES",
        code="WDES 1",
        title="Disabled staff in the workforce, by pay band",
        kind="share",
        path="wdes.1.overall_workforce.share.disabled",
        unit="percent",
        better=None,
        series=(Series("Disabled share of the workforce", "wdes.1.overall_workforce.share.disabled"),),
        detail_path="wdes.1",
        reader=lambda result: representation_reading(
            as_figure(figure_at(result, "wdes.1.overall_workforce.share.disabled")), as_figure(None), "Disabled", ""
        ).replace(" where it is known", ""),
        help_text="The share of all staff (including those whose disability status is unknown).",
    ),
    _likelihood(
        "wdes-2",
        "WDES",
        2,
        "Relative likelihood of non-disabled applicants being appointed from shortlisting",
        "2",
        True,
    ),
    _likelihood(
        "wdes-3", "WDES", 3, "Relative likelihood of disabled staff entering the formal capability process", "3", True
    ),
    _wdes_survey("4a-i", "4a(i)", "4a_i", "Harassment, bullying or abuse from patients, service users or the public"),
    _wdes_survey("4a-ii", "4a(ii)", "4a_ii", "Harassment, bullying or abuse from managers"),
    _wdes_survey("4a-iii", "4a(iii)", "4a_iii", "Harassment, bullying or abuse from other colleagues"),
    _wdes_survey("4b", "4b", "4b", "Reporting the last experience of harassment, bullying or abuse"),
    _wdes_survey("5", "5", "5", "Belief that the organisation provides equal opportunities for career progression"),
    _wdes_survey("6", "6", "6", "Pressure from their manager to come to work when not well enough"),
    _wdes_survey("7", "7", "7", "Satisfaction with how far the organisation values their work"),
    _wdes_survey("8", "8", "8", "Adequate adjustments made to enable disabled staff to carry out their work"),
    _wdes_survey("9a", "9a", "9a", "Staff engagement score (0 to 10)", unit=""),
    _board("wdes-10", "WDES", 10, "10", "Disabled"),
    _pay_gap("gender", "Mean hourly pay gap between men and women", "men", "women"),
    _pay_gap("ethnicity", "Mean hourly pay gap between White and BME staff", "White staff", "BME staff"),
    _pay_gap(
        "disability",
        "Mean hourly pay gap between non-disabled and disabled staff",
        "non-disabled staff",
        "disabled staff",
    ),
    _representation("ethnicity", "BME", "BME share of the workforce (known)"),
    _representation("disability", "Disabled", "Disabled share of the workforce (known)"),
    _declaration("ethnicity", "ethnicity"),
    _declaration("disability", "disability status"),
    _declaration("sexual_orientation", "sexual orientation"),
    _declaration("religion", "religion or belief"),
)

_BY_SLUG = {definition.slug: definition for definition in METRICS}
STANDARDS = ("WRES", "WDES", "Pay gap", "Representation", "Declaration")


def metric_definition(slug: str) -> MetricDefinition | None:
    return _BY_SLUG.get(slug)


def headline_metrics() -> list[MetricDefinition]:
    return [definition for definition in METRICS if definition.headline]


def metrics_by_standard() -> list[tuple[str, list[MetricDefinition]]]:
    return [(standard, [m for m in METRICS if m.standard == standard]) for standard in STANDARDS]


def metric_choices() -> list[tuple[str, str]]:
    """(slug, label) for forms, e.g. linking a priority to the metrics it should move."""
    return [(definition.slug, definition.label) for definition in METRICS]


# --- Change since last year -------------------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    """How a figure moved since the year before, in words (never by colour alone)."""

    text: str  # "Up 0.12 from 1.44"
    verdict: str  # "Better", "Worse", "No change" or "" when it cannot be judged


def change_since(definition: MetricDefinition, current: dict | None, previous: dict | None) -> Change:
    if current is None or previous is None or current["value"] is None or previous["value"] is None:
        return Change("No comparison", "")
    now, before = current["value"], previous["value"]
    step = round_half_up(now - before, 2 if definition.unit == "ratio" else 1)
    shown = definition.number_format.format(abs(step))
    if step == 0:
        return Change(f"No change from {previous['display']}", "No change")
    text = f"{'Up' if step > 0 else 'Down'} {shown} from {previous['display']}"
    distance = {
        TOWARDS_ONE: lambda v: abs(v - 1),
        TOWARDS_ZERO: abs,
        LOWER: lambda v: v,
        HIGHER: lambda v: -v,
    }.get(definition.better)
    if distance is None:
        return Change(text, "")
    if distance(now) == distance(before):
        return Change(text, "No change")
    return Change(text, "Better" if distance(now) < distance(before) else "Worse")
