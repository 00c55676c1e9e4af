"""NHS Staff Survey figures by group (WRES indicators 5-8, WDES metrics 4-9a) and board composition.

Shared by `wres.py` and `wdes.py`: both standards put two groups' survey results side by side, and both
compare the board with the workforce (WRES indicator 9, WDES metric 10).
"""

from collections.abc import Mapping, Sequence

from .inputs import BoardComposition, SurveyResult
from .suppression import (
    DEFAULT_THRESHOLD,
    GROUP_BELOW_THRESHOLD,
    NOT_COMPUTABLE_NO_DATA,
    Figure,
    Suppressor,
    as_suppressor,
    group_is_too_small,
    percentage,
)

BOARD_MEMBERSHIPS = ("all_members", "voting_members", "executive_members")


def combine_survey_results(results: Sequence[SurveyResult]) -> SurveyResult | None:
    """Several organisations' results for one group as one: the respondent-weighted mean, total respondents.

    A place or the ICS has no survey result of its own; weighting each organisation's percentage (or
    engagement score) by its respondents gives the figure all their respondents together would give.
    """
    respondents = sum(result.respondents for result in results)
    if not respondents:
        return None
    return SurveyResult(sum(r.value * r.respondents for r in results) / respondents, respondents)


def survey_comparison(
    results: Mapping[str, SurveyResult],
    groups: Sequence[str],
    threshold: "int | Suppressor" = DEFAULT_THRESHOLD,
    decimals: int = 1,
    name: str = "survey",
) -> dict:
    """Each group's survey figure and respondents, and the difference between the two groups.

    A figure from fewer respondents than the threshold is withheld (no percentage from a small group);
    the respondent count itself is a count of people and suppressed like one. "difference" is the second
    group's figure minus the first's (e.g. BME minus White), in percentage points (or score points).
    """
    suppressor = as_suppressor(threshold)
    threshold = suppressor.threshold
    comparison: dict = {}
    values: list[float | None] = []
    for group in groups:
        result = results.get(group)
        if result is None:
            comparison[group] = {
                "value": Figure.not_computable(NOT_COMPUTABLE_NO_DATA, "No survey figure has been entered."),
                "respondents": Figure.not_computable(NOT_COMPUTABLE_NO_DATA),
            }
            values.append(None)
            continue
        small = group_is_too_small(result.respondents, threshold)
        comparison[group] = {
            "value": Figure.withheld(GROUP_BELOW_THRESHOLD) if small else Figure.shown(result.value, decimals),
            "respondents": suppressor.count(f"{name}.{group}.respondents", result.respondents),
        }
        values.append(None if small else result.value)
    known = [value for value in values if value is not None]
    if len(groups) == 2 and len(known) == 2:
        comparison["difference"] = Figure.shown(known[1] - known[0], decimals)
    else:
        comparison["difference"] = Figure.not_computable(NOT_COMPUTABLE_NO_DATA, "Both groups' figures are needed.")
    return comparison


def combine_boards(boards: Sequence[BoardComposition]) -> BoardComposition:
    """Several organisations' boards counted together (for a place or the ICS)."""
    merged: dict[str, dict[str, int]] = {membership: {} for membership in BOARD_MEMBERSHIPS}
    for board in boards:
        for membership in BOARD_MEMBERSHIPS:
            for group, count in getattr(board, membership).items():
                merged[membership][group] = merged[membership].get(group, 0) + count
    return BoardComposition(**merged)


def board_from_flags(staff: Sequence, group_attribute: str, groups: Sequence[str]) -> BoardComposition:
    """Board composition from the ESR board flags, for organisations that entered no board figures."""
    merged = {membership: dict.fromkeys(groups, 0) for membership in BOARD_MEMBERSHIPS}
    for member in staff:
        if not member.is_board_member:
            continue
        group = getattr(member, group_attribute)
        merged["all_members"][group] = merged["all_members"].get(group, 0) + 1
        if member.is_voting_board_member:
            merged["voting_members"][group] = merged["voting_members"].get(group, 0) + 1
        if member.is_executive_board_member:
            merged["executive_members"][group] = merged["executive_members"].get(group, 0) + 1
    return BoardComposition(**merged)


def board_versus_workforce(
    board: BoardComposition,
    workforce: Mapping[str, int],
    groups: Sequence[str],
    focus_group: str,
    threshold: "int | Suppressor" = DEFAULT_THRESHOLD,
) -> dict:
    """The focus group's share of the board minus its share of the workforce, in percentage points.

    WRES indicator 9 (focus BME) and WDES metric 10 (focus disabled), for all board members, voting
    members and executive members. Shares are of everyone, Unknown included, so that board and workforce
    are measured the same way. The board counts are published with their total, so they are suppressed
    together; a share whose count is suppressed is withheld, and so is the difference.
    """
    suppressor = as_suppressor(threshold)
    threshold = suppressor.threshold
    workforce_total = sum(workforce.get(group, 0) for group in groups)
    # The share is of two counts the scope publishes elsewhere (the group's headcount and the headcount):
    # recorded here so that the joint suppression links them (`linked_tables`), and withheld with either.
    shown = suppressor.table(
        f"board.{focus_group}.workforce", {focus_group: workforce.get(focus_group, 0), "total": workforce_total}, ()
    )
    workforce_share = percentage(
        workforce.get(focus_group, 0), workforce_total, threshold, shown[focus_group], 1, total_figure=shown["total"]
    )
    result: dict = {"workforce_share": workforce_share}
    for membership in BOARD_MEMBERSHIPS:
        counts = {group: getattr(board, membership).get(group, 0) for group in groups}
        figures = suppressor.counts_with_total(f"board.{focus_group}.{membership}", counts)
        total = figures.pop("total")
        board_total = sum(counts.values())
        share = percentage(counts[focus_group], board_total, threshold, figures[focus_group])
        if share.is_available and workforce_share.is_available:
            difference = Figure.shown(
                100.0 * counts[focus_group] / board_total - 100.0 * workforce.get(focus_group, 0) / workforce_total, 1
            )
        else:
            missing = share if not share.is_available else workforce_share
            difference = Figure(None, missing.suppressed, missing.reason, missing.note)
        result[membership] = {"counts": {**figures, "total": total}, "share": share, "difference": difference}
    return result
