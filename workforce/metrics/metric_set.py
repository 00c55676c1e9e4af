"""The full metric set for one scope (an organisation, a place or the ICS) and one snapshot.

`compute_metric_set` is the one entry point phase 2 calls (from the import service, to store the results,
and from `export_metrics`). It takes plain inputs and returns plain results in which every figure has
already been through suppression, so no page, export or API can show an unsuppressed small number.
`as_plain_data` turns the result into JSON-ready dicts and lists.
"""

from collections.abc import Collection, Sequence

from .declaration import declaration_rates
from .inputs import (
    DISABILITY_GROUPS,
    ETHNIC_GROUPS,
    BoardComposition,
    OrganisationFigures,
    Shortlisting,
    headcount_population,
)
from .paygap import pay_gaps
from .representation import PopulationProfile, representation
from .suppression import DEFAULT_THRESHOLD, count_figure, figures_to_dict
from .survey import board_from_flags, combine_boards, combine_survey_results
from .wdes import wdes
from .wres import wres

SCOPE_KINDS = ("organisation", "place", "ics")


def _sum_counts(mappings) -> dict:
    total: dict = {}
    for mapping in mappings:
        for group, count in mapping.items():
            total[group] = total.get(group, 0) + count
    return total


def _sum_shortlisting(mappings) -> dict:
    total: dict = {}
    for mapping in mappings:
        for group, figures in mapping.items():
            before = total.get(group, Shortlisting(0, 0))
            total[group] = Shortlisting(before.shortlisted + figures.shortlisted, before.appointed + figures.appointed)
    return total


def _combine_survey(surveys) -> dict:
    by_item: dict = {}
    for survey in surveys:
        for item, results in survey.items():
            for group, result in results.items():
                by_item.setdefault(item, {}).setdefault(group, []).append(result)
    combined: dict = {}
    for item, groups in by_item.items():
        for group, results in groups.items():
            result = combine_survey_results(results)
            if result is not None:
                combined.setdefault(item, {})[group] = result
    return combined


def _boards(
    staff: Sequence, figures: dict[int, OrganisationFigures], organisation_ids, attribute, group_attribute, groups
):
    """Each organisation's board: the entered figures when there are any, otherwise the ESR board flags."""
    boards: list[BoardComposition] = []
    board_members = [member for member in staff if member.is_board_member and member.is_primary_assignment]
    for organisation in organisation_ids:
        entered = getattr(figures[organisation], attribute) if organisation in figures else None
        if entered is not None:
            boards.append(entered)
        else:
            own = [member for member in board_members if member.organisation_id == organisation]
            boards.append(board_from_flags(own, group_attribute, groups))
    return combine_boards(boards)


def compute_metric_set(
    staff: Sequence,
    organisation_figures: Sequence[OrganisationFigures] = (),
    *,
    scope_kind: str,
    scope_name: str,
    year: int,
    organisation_ids: Collection[int] | None = None,
    population: PopulationProfile | None = None,
    threshold: int = DEFAULT_THRESHOLD,
) -> dict:
    """Every metric for one scope and snapshot, suppressed.

    `staff` are the StaffMember records of the snapshot; when `organisation_ids` is given only those
    organisations' records and figures are used (otherwise all that are passed). `organisation_figures`
    are the entered figures for `year`; those of several organisations are added together (counts
    summed, survey results weighted by respondents). `population` is the Census comparator of the place
    or ICS. Returns a dict keyed "scope", "headcount", "wres" ("1".."9"), "wdes" ("1".."10"), "pay_gap"
    (with "gov_uk" columns), "representation", "declaration" and "coverage" (which organisations entered
    each kind of figure).
    """
    if scope_kind not in SCOPE_KINDS:
        raise ValueError(f"scope_kind must be one of {SCOPE_KINDS}, not {scope_kind!r}")
    if organisation_ids is not None:
        wanted = frozenset(organisation_ids)
        staff = [member for member in staff if member.organisation_id in wanted]
        organisation_figures = [f for f in organisation_figures if f.organisation_id in wanted]
        organisations = sorted(wanted)
    else:
        organisations = sorted(
            {member.organisation_id for member in staff} | {f.organisation_id for f in organisation_figures}
        )
    figures = {f.organisation_id: f for f in organisation_figures if f.year == year}
    entered = list(figures.values())
    headcount = headcount_population(staff)

    def provided(attribute: str) -> list[int]:
        return sorted(f.organisation_id for f in entered if getattr(f, attribute))

    coverage = {
        attribute: provided(attribute)
        for attribute in (
            "recruitment_by_ethnicity",
            "recruitment_by_disability",
            "entering_disciplinary_by_ethnicity",
            "entering_capability_by_disability",
            "non_mandatory_training_by_ethnicity",
            "wres_survey",
            "wdes_survey",
            "board_by_ethnicity",
            "board_by_disability",
        )
    }
    coverage["organisations"] = organisations

    return {
        "scope": {"kind": scope_kind, "name": scope_name, "year": year, "threshold": threshold},
        "headcount": count_figure(len(headcount), threshold),
        "wres": wres(
            headcount,
            recruitment=_sum_shortlisting(f.recruitment_by_ethnicity for f in entered),
            entering_disciplinary=_sum_counts(f.entering_disciplinary_by_ethnicity for f in entered),
            accessing_training=_sum_counts(f.non_mandatory_training_by_ethnicity for f in entered),
            survey=_combine_survey(f.wres_survey for f in entered),
            board=_boards(staff, figures, organisations, "board_by_ethnicity", "ethnic_group", ETHNIC_GROUPS),
            threshold=threshold,
        ),
        "wdes": wdes(
            headcount,
            recruitment=_sum_shortlisting(f.recruitment_by_disability for f in entered),
            entering_capability=_sum_counts(f.entering_capability_by_disability for f in entered),
            survey=_combine_survey(f.wdes_survey for f in entered),
            facilitates_voices=[
                figures[o].facilitates_disabled_staff_voices if o in figures else None for o in organisations
            ],
            board=_boards(staff, figures, organisations, "board_by_disability", "disability_group", DISABILITY_GROUPS),
            threshold=threshold,
        ),
        "pay_gap": pay_gaps(staff, threshold),
        "representation": representation(headcount, population, threshold),
        "declaration": declaration_rates(staff, threshold),
        "coverage": coverage,
    }


def as_plain_data(metric_set: dict) -> dict:
    """The metric set as JSON-ready dicts, lists, strings and numbers (each Figure as a dict)."""
    return figures_to_dict(metric_set)
