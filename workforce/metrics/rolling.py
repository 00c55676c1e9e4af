"""WRES indicator 3 and WDES metric 3 as a two-year rolling average.

The guidance. NHS England's WRES and WDES technical guidance, as recalled (the text could not be found in any
source the portal's developers could read, so the wording is FROM MEMORY AND UNVERIFIED), notes under
indicator 3 (and in the same words under WDES metric 3): "this indicator will be based on data from a two year
rolling average of the current year and the previous year". The portal applies it as follows, and the README
says the same.

What is averaged. The numbers of staff entering the formal process (disciplinary for WRES 3, capability for
WDES 3) in the current and the previous reporting year are averaged, group by group; each group's rate is that
average over the group's headcount in the current year (the snapshot the year's metrics use):

    rate(group) = (entering last year + entering this year) / 2 / headcount this year

and the relative likelihood is the ratio of two such rates. Why these: the guidance averages the data of two
years, and the data the rate divides by is the current workforce (it is the headcount the rest of the return
uses, and a previous year's snapshot may not exist); averaging the entries is what smooths the small yearly
numbers the guidance worries about. The halving cancels in the ratio. The 95% interval (Katz) counts the
events the two years hold against two years of the current headcount (a = entering over both years, n = 2 x
headcount), which is the same rate with the right number of events behind it.

The headline (`"likelihood"`) is the rolling figure; the current year alone is kept beside it
(`"single_year"`), and the counts shown (`"groups"`) are the current year's. When the previous year has no
figures (or not from every organisation that has this year's) there is no rolling average: the headline says
"No rolling average: no figures for 2023/24" rather than passing the single year off as one.

Disclosure. The rolling ratio is worked out from counts that are published: this year's (in "groups") and last
year's (in last year's result). It is withheld when any of the counts behind it is hidden or small in either
year, as a ratio with a hidden count beside it can give that count back.
"""

from collections.abc import Mapping
from dataclasses import dataclass

from workforce.labels import reporting_year_label

from .basis import ROLLING_AVERAGE, SINGLE_YEAR, FigureBasis
from .likelihood import RelativeLikelihood, relative_likelihood
from .suppression import (
    DERIVED_FROM_SUPPRESSED_COUNT,
    GROUP_BELOW_THRESHOLD,
    NOT_COMPUTABLE_NO_DATA,
    Figure,
    Suppressor,
    group_is_too_small,
    is_small,
    threshold_of,
)


@dataclass(frozen=True)
class PreviousYear:
    """The previous reporting year's counts entering the process, by group, for a scope's rolling average.

    `entering` is None when there is no rolling average, and `missing` then says why ("no figures for
    2023/24"); `year` is the previous reporting year (2024 for 2023/24)."""

    year: int
    entering: Mapping[str, int] | None
    missing: str = ""

    @classmethod
    def of(
        cls, year: int, current: Mapping[int, Mapping[str, int]], previous: Mapping[int, Mapping[str, int]]
    ) -> "PreviousYear":
        """From each organisation's entered counts this year and last (organisation id -> group -> count): the
        rolling average needs last year's counts from every organisation that entered this year's."""
        label = reporting_year_label(year - 1)
        if not current:
            return cls(year - 1, None, f"no figures for {reporting_year_label(year)}")
        missing = [organisation for organisation in current if not previous.get(organisation)]
        if len(missing) == len(current):
            return cls(year - 1, None, f"no figures for {label}")
        if missing:
            return cls(year - 1, None, f"no figures for {label} from {len(missing)} of {len(current)} organisations")
        total: dict[str, int] = {}
        for organisation in current:
            for group, count in previous[organisation].items():
                total[group] = total.get(group, 0) + count
        return cls(year - 1, total)


def with_rolling_average(
    single_year: dict,
    entering: Mapping[str, int],
    headcount: Mapping[str, int],
    previous: PreviousYear | None,
    *,
    compared: tuple[str, str],
    threshold: "int | Suppressor",
) -> dict:
    """WRES 3 or WDES 3 with the two-year rolling average as its headline (see the module docstring).

    `single_year` is the indicator for the current year alone ({"likelihood", "groups"}, as `wres.indicator_3`
    gives it); `entering` and `headcount` its counts by group; `compared` the two groups of the ratio, the
    first compared with the second. Returns {"likelihood": the rolling average, "groups": the current year's
    counts, "single_year": the current year's likelihood, "basis": rolling average or "No rolling average"}.
    """
    current: RelativeLikelihood = single_year["likelihood"]
    if previous is None or previous.entering is None:
        why = previous.missing if previous else "no figures for the previous year"
        note = f"No rolling average: {why}."
        rolling = _unavailable(current, Figure.not_computable(NOT_COMPUTABLE_NO_DATA, note))
        basis = FigureBasis(SINGLE_YEAR, f"{note} The figure for this year alone is shown beside it.")
    else:
        rolling = _rolling_likelihood(single_year, entering, headcount, previous.entering, compared, threshold)
        years = f"{reporting_year_label(previous.year)} and {reporting_year_label(previous.year + 1)}"
        basis = FigureBasis(
            ROLLING_AVERAGE,
            f"The numbers entering the process in {years}, averaged, over this year's headcount.",
        )
    return {"likelihood": rolling, "groups": single_year["groups"], "single_year": current, "basis": basis}


def _rolling_likelihood(
    single_year: dict,
    entering: Mapping[str, int],
    headcount: Mapping[str, int],
    previous: Mapping[str, int],
    compared: tuple[str, str],
    threshold: "int | Suppressor",
) -> RelativeLikelihood:
    current: RelativeLikelihood = single_year["likelihood"]
    limit = threshold_of(threshold)
    first, second = compared
    if any(group_is_too_small(headcount.get(group, 0), limit) and headcount.get(group, 0) for group in compared):
        return _unavailable(current, Figure.withheld(GROUP_BELOW_THRESHOLD))
    shown_counts = [single_year["groups"][group][key] for group in compared for key in ("entering", "headcount")]
    if any(figure.suppressed for figure in shown_counts) or any(
        is_small(previous.get(group, 0), limit) for group in compared
    ):
        note = "Not shown: with a hidden count behind it, the ratio could give that count back."
        return _unavailable(current, Figure.withheld(DERIVED_FROM_SUPPRESSED_COUNT, note))
    # Two years' events against two years of this year's headcount: the averaged rate, with the events behind it.
    return relative_likelihood(
        previous.get(first, 0) + entering.get(first, 0),
        2 * headcount.get(first, 0),
        previous.get(second, 0) + entering.get(second, 0),
        2 * headcount.get(second, 0),
        first_group=current.first_group,
        second_group=current.second_group,
        event=current.event,
        threshold=limit,
    )


def _unavailable(current: RelativeLikelihood, figure: Figure) -> RelativeLikelihood:
    return RelativeLikelihood(
        figure, figure, figure, None, None, current.first_group, current.second_group, current.event
    )
