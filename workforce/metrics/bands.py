"""Staff in each pay band and medical grade by group: WRES indicator 1 and WDES metric 1.

NHS England's WRES technical guidance (indicator 1) and WDES technical guidance (metric 1) ask for the
headcount of staff in each Agenda for Change band (Bands 1 to 9, including 8a-8d, and VSM) and medical
and dental grade, for clinical and non-clinical staff separately, by group, compared with the overall
workforce. The WDES, and the issue for both, also group the rows into seven clusters:

    Cluster 1: AfC Bands 1-4          Cluster 5: medical and dental consultants
    Cluster 2: AfC Bands 5-7          Cluster 6: non-consultant career grades
    Cluster 3: AfC Bands 8a-8b        Cluster 7: medical and dental trainee grades
    Cluster 4: AfC Bands 8c-9 and VSM

Staff on other pay scales (and medical staff with no recorded grade) are in an "other" row, so the
rows add up to the headcount. The band rows, clusters, totals and the clinical/non-clinical split are all
published together, so they are suppressed as one linked set of counts.
"""

from collections import Counter
from collections.abc import Mapping, Sequence
from operator import attrgetter

from workforce.vocabulary import AFC_BANDS, MedicalGrade, PayBand

from .suppression import (
    DEFAULT_THRESHOLD,
    HIDE_LAST,
    Figure,
    Sum,
    Suppressor,
    as_suppressor,
    hide_last,
    percentage,
)

MEDICAL_ROWS = (MedicalGrade.CONSULTANT.value, MedicalGrade.CAREER_GRADE.value, MedicalGrade.TRAINEE.value)
BAND_ROWS = (*(band.value for band in AFC_BANDS), PayBand.VSM.value, *MEDICAL_ROWS, "other")
CLUSTERS = {
    "cluster_1": ("1", "2", "3", "4"),
    "cluster_2": ("5", "6", "7"),
    "cluster_3": ("8a", "8b"),
    "cluster_4": ("8c", "8d", "9", "vsm"),
    "cluster_5": (MedicalGrade.CONSULTANT.value,),
    "cluster_6": (MedicalGrade.CAREER_GRADE.value,),
    "cluster_7": (MedicalGrade.TRAINEE.value,),
}
SPLITS = ("clinical", "non_clinical")
TOTAL = "total"
# Agenda for Change Bands 8a to 9 and VSM, clinical and non-clinical together: the senior roles the
# Belonging Plan's representation measure is about (the "BME share in Bands 8a+" headline).
SENIOR = HIDE_LAST
SENIOR_CLUSTERS = ("cluster_3", "cluster_4")
_NON_MEDICAL_ROWS = frozenset(BAND_ROWS) - frozenset(MEDICAL_ROWS) - {"other"}


def band_row(pay_band: str, medical_grade: str, is_executive_board_member: bool = False) -> str:
    """The indicator 1 row of a staff member: their AfC band or VSM, medical grade, or "other". An executive
    board member is in the VSM row whatever their pay scale: the WRES and WDES define the row as "VSM
    (including Executive Board members)" (NHS England, WDES 2023 metrics: VSM "matched to the WRES
    definition"; WRES indicator 1 as trusts publish it)."""
    if is_executive_board_member:
        return PayBand.VSM.value
    if pay_band == PayBand.MEDICAL:
        return medical_grade if medical_grade in MEDICAL_ROWS else "other"
    return pay_band if pay_band in _NON_MEDICAL_ROWS else "other"


# How band_distribution counts the headcount: by these fields and the group's.
BAND_FIELDS = ("is_clinical", "pay_band", "medical_grade", "is_executive_board_member")


def band_distribution(
    headcount: Sequence,
    group_attribute: str,
    groups: Sequence[str],
    threshold: "int | Suppressor" = DEFAULT_THRESHOLD,
) -> dict:
    """Counts and percentages of staff by band/grade row and group, for clinical and non-clinical staff.

    `headcount` is the WRES/WDES headcount (primary assignments, no bank); `group_attribute` names the
    member's group field ("ethnic_group" or "disability_group"). Returns, for each of "clinical" and "non_clinical":

    - "counts": row -> group/"total" -> count Figure (rows: bands and grades, then clusters, then "total");
    - "share_of_row": the percentage of the row's staff in each group (e.g. the share of Band 8a who are
      BME), to compare with "overall_workforce" "share";
    - "share_of_group": the percentage of each group's staff in each row (the group's band profile);

    and "overall_workforce": the headcount and the share of each group in the whole workforce.
    """
    # Count the distinct (clinical, band, grade, executive, group) combinations at C speed, then fold them.
    combinations = Counter(map(attrgetter(*BAND_FIELDS, group_attribute), headcount))
    return band_distribution_from_counts(combinations, group_attribute, groups, threshold)


def band_distribution_from_counts(
    combinations: Mapping,
    group_attribute: str,
    groups: Sequence[str],
    threshold: "int | Suppressor" = DEFAULT_THRESHOLD,
    senior_row: bool = False,
) -> dict:
    """`band_distribution` from the headcount counted by (*BAND_FIELDS, group).

    With `senior_row`, also "senior": Bands 8a and above (see SENIOR)."""
    suppressor = as_suppressor(threshold)
    tally: Counter = Counter()
    for (is_clinical, pay_band, medical_grade, is_executive, group), count in combinations.items():
        split = SPLITS[0] if is_clinical else SPLITS[1]
        tally[(split, band_row(pay_band, medical_grade, is_executive), group)] += count
    counts, sums = _band_table(tally, groups, senior_row)
    figures = suppressor.table(f"{group_attribute}.bands", counts, sums, priority=hide_last)
    result: dict = {split: _split_shares(split, counts, figures, groups, suppressor.threshold) for split in SPLITS}
    result["overall_workforce"] = _row_shares(("all", TOTAL), counts, figures, groups, suppressor.threshold)
    if senior_row:
        # Suppressed in the same table as the band rows, so the solver knows this row is their sum and hides
        # enough that no hidden band count can be worked out from it.
        result["senior"] = _row_shares(("all", SENIOR), counts, figures, groups, suppressor.threshold)
    return result


def _band_table(tally: Counter, groups: Sequence[str], senior_row: bool) -> tuple[dict, list[Sum]]:
    """The counts published for indicator 1, keyed (split, row, column), and every sum they are published with:
    rows add up to clusters and totals, groups to the row total, clinical and non-clinical to the whole."""
    columns = (*groups, TOTAL)
    rows = (*BAND_ROWS, *CLUSTERS, TOTAL)
    counts: dict = {}
    sums: list[Sum] = []
    for split in SPLITS:
        for row in BAND_ROWS:
            for group in groups:
                counts[(split, row, group)] = tally[(split, row, group)]
            counts[(split, row, TOTAL)] = sum(tally[(split, row, group)] for group in groups)
        for cluster, members in CLUSTERS.items():
            for column in columns:
                counts[(split, cluster, column)] = sum(counts[(split, row, column)] for row in members)
                sums.append(Sum((split, cluster, column), tuple((split, row, column) for row in members)))
        for column in columns:
            counts[(split, TOTAL, column)] = sum(counts[(split, row, column)] for row in BAND_ROWS)
            sums.append(Sum((split, TOTAL, column), tuple((split, row, column) for row in BAND_ROWS)))
        for row in rows:
            sums.append(Sum((split, row, TOTAL), tuple((split, row, group) for group in groups)))
    for column in columns:
        counts[("all", TOTAL, column)] = sum(counts[(split, TOTAL, column)] for split in SPLITS)
        sums.append(Sum(("all", TOTAL, column), tuple((split, TOTAL, column) for split in SPLITS)))
        if senior_row:
            senior_parts = tuple((split, cluster, column) for split in SPLITS for cluster in SENIOR_CLUSTERS)
            counts[("all", SENIOR, column)] = sum(counts[part] for part in senior_parts)
            sums.append(Sum(("all", SENIOR, column), senior_parts))
    sums.append(Sum(("all", TOTAL, TOTAL), tuple(("all", TOTAL, group) for group in groups)))
    if senior_row:
        sums.append(Sum(("all", SENIOR, TOTAL), tuple(("all", SENIOR, group) for group in groups)))
    return counts, sums


def _split_shares(split: str, counts: dict, figures: dict, groups: Sequence[str], threshold: int) -> dict:
    """Clinical or non-clinical staff: the counts, each row's share by group and each group's share by row."""
    columns = (*groups, TOTAL)
    rows = (*BAND_ROWS, *CLUSTERS, TOTAL)

    def share(row: str, group: str, of: tuple) -> Figure:
        return percentage(
            counts[(split, row, group)], counts[of], threshold, figures[(split, row, group)], total_figure=figures[of]
        )

    return {
        "counts": {row: {column: figures[(split, row, column)] for column in columns} for row in rows},
        "share_of_row": {row: {g: share(row, g, (split, row, TOTAL)) for g in groups} for row in rows},
        "share_of_group": {row: {g: share(row, g, (split, TOTAL, g)) for g in groups} for row in rows},
    }


def _row_shares(row: tuple, counts: dict, figures: dict, groups: Sequence[str], threshold: int) -> dict:
    """One row of the whole workforce (overall, or Bands 8a and above): its counts and each group's share."""
    return {
        "counts": {column: figures[(*row, column)] for column in (*groups, TOTAL)},
        "share": {
            group: percentage(
                counts[(*row, group)],
                counts[(*row, TOTAL)],
                threshold,
                figures[(*row, group)],
                total_figure=figures[(*row, TOTAL)],
            )
            for group in groups
        },
    }


def workforce_counts(headcount: Sequence, group_attribute: str, groups: Sequence[str]) -> dict[str, int]:
    """Headcount by group (plain numbers for further calculation, not for publishing)."""
    tally = Counter(map(attrgetter(group_attribute), headcount))
    return {group: tally[group] for group in groups}


def profile_band_distribution(
    profile, group_attribute: str, groups: Sequence[str], threshold, senior_row: bool = False
) -> dict:
    """`band_distribution` of a `profile.WorkforceProfile`'s headcount."""
    combinations = profile.tally(*BAND_FIELDS, group_attribute)
    return band_distribution_from_counts(combinations, group_attribute, groups, threshold, senior_row)


def profile_workforce_counts(profile, group_attribute: str, groups: Sequence[str]) -> dict[str, int]:
    """`workforce_counts` of a `profile.WorkforceProfile`'s headcount."""
    tally = profile.tally(group_attribute)
    return {group: tally[group] for group in groups}
