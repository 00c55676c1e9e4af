"""The figures ESR does not hold, as one scope uses them: each organisation's entered figures for the year (and
the year before, for WRES 3 and WDES 3's rolling averages), added up for a place or the ICS, and handed to the
WRES and WDES calculations."""

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from .inputs import DISABILITY_GROUPS, ETHNIC_GROUPS, BoardComposition, OrganisationFigures, Shortlisting
from .profile import WorkforceProfile
from .rolling import PreviousYear
from .suppression import Suppressor
from .survey import board_from_flags, combine_boards, combine_survey_results
from .wdes import wdes
from .wres import wres


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


@dataclass(frozen=True)
class EnteredFigures:
    """The figures ESR does not hold that one scope's organisations entered: this year's by organisation, and
    the previous year's (for the rolling averages)."""

    year: int
    organisations: list[int]  # the scope's organisations, in order
    current: dict[int, OrganisationFigures]
    previous: dict[int, OrganisationFigures]

    @classmethod
    def of(cls, figures: Sequence[OrganisationFigures], year: int, organisation_ids: Collection[int]):
        wanted = frozenset(organisation_ids)
        return cls(
            year,
            sorted(wanted),
            {f.organisation_id: f for f in figures if f.year == year and f.organisation_id in wanted},
            {f.organisation_id: f for f in figures if f.year == year - 1 and f.organisation_id in wanted},
        )

    @property
    def entered(self) -> list[OrganisationFigures]:
        return list(self.current.values())

    def previous_year(self, attribute: str) -> PreviousYear:
        """The previous year's counts of `attribute` for a rolling average over the organisations with this year's."""
        this_year = {o: getattr(f, attribute) for o, f in self.current.items() if getattr(f, attribute)}
        last_year = {o: getattr(f, attribute) for o, f in self.previous.items() if getattr(f, attribute)}
        return PreviousYear.of(self.year, this_year, last_year)

    def boards(self, board_members: Sequence, attribute: str, group_attribute: str, groups) -> BoardComposition:
        """Each organisation's board: the entered figures when there are any, otherwise the ESR board flags."""
        boards: list[BoardComposition] = []
        for organisation in self.organisations:
            entered = getattr(self.current[organisation], attribute) if organisation in self.current else None
            if entered is not None:
                boards.append(entered)
            else:
                own = [member for member in board_members if member.organisation_id == organisation]
                boards.append(board_from_flags(own, group_attribute, groups))
        return combine_boards(boards)

    def coverage(self) -> dict[str, list[int]]:
        """Which organisations entered each kind of figure, and the scope's organisations."""
        coverage = {
            attribute: sorted(f.organisation_id for f in self.entered if getattr(f, attribute))
            for attribute in COVERED_FIGURES
        }
        coverage["organisations"] = self.organisations
        return coverage


COVERED_FIGURES = (
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


def wres_of(profile: WorkforceProfile, entered: EnteredFigures, suppressor: Suppressor, senior_row: bool) -> dict:
    """Every WRES indicator of a scope: its profiled staff and the figures its organisations entered."""
    figures = entered.entered
    return wres(
        profile,
        recruitment=_sum_shortlisting(f.recruitment_by_ethnicity for f in figures),
        entering_disciplinary=_sum_counts(f.entering_disciplinary_by_ethnicity for f in figures),
        accessing_training=_sum_counts(f.non_mandatory_training_by_ethnicity for f in figures),
        survey=_combine_survey(f.wres_survey for f in figures),
        board=entered.boards(profile.board_members, "board_by_ethnicity", "ethnic_group", ETHNIC_GROUPS),
        threshold=suppressor,
        senior_row=senior_row,
        previous_disciplinary=entered.previous_year("entering_disciplinary_by_ethnicity"),
    )


def wdes_of(profile: WorkforceProfile, entered: EnteredFigures, suppressor: Suppressor) -> dict:
    """Every WDES metric of a scope: its profiled staff and the figures its organisations entered."""
    figures = entered.entered
    return wdes(
        profile,
        recruitment=_sum_shortlisting(f.recruitment_by_disability for f in figures),
        entering_capability=_sum_counts(f.entering_capability_by_disability for f in figures),
        survey=_combine_survey(f.wdes_survey for f in figures),
        facilitates_voices=[
            entered.current[o].facilitates_disabled_staff_voices if o in entered.current else None
            for o in entered.organisations
        ],
        board=entered.boards(profile.board_members, "board_by_disability", "disability_group", DISABILITY_GROUPS),
        threshold=suppressor,
        previous_capability=entered.previous_year("entering_capability_by_disability"),
    )
