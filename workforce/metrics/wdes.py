"""Workforce Disability Equality Standard (WDES): metrics 1 to 10.

Definitions follow NHS England's WDES technical guidance and issue 4:

- Groups: Disabled (ESR disability flag "Yes"), Non-disabled ("No"), Unknown (everything else: not
  declared, prefer not to answer, blank). Unknown is shown as its own column and left out of ratios.
- Headcount: each person once (primary assignment), bank assignments excluded.

Metric 1   Percentage of staff in AfC pay bands or medical and dental subgroups and VSM, clinical and
           non-clinical, by group, compared with the overall workforce; in the seven clusters (`bands.py`).
Metric 2   Relative likelihood of non-disabled applicants being appointed from shortlisting compared with
           disabled applicants: (ND appointed / ND shortlisted) / (D appointed / D shortlisted).
Metric 3   Relative likelihood of disabled staff entering the formal capability process (on the grounds of
           performance, not ill health) compared with non-disabled staff:
           (D entering / D headcount) / (ND entering / ND headcount). As recalled (the text could not be
           found: unverified), the WDES guidance bases it on "a two year rolling average of the current
           year and the previous year", like WRES 3: the headline is that rolling average, the current year
           alone beside it (`rolling.with_rolling_average`).
Metric 4   NHS Staff Survey: (a) harassment, bullying or abuse from (i) patients, service users, their
           relatives or the public, (ii) managers, (iii) other colleagues; (b) the last time it happened,
           they or a colleague reported it. Keyed "4a_i", "4a_ii", "4a_iii" and "4b".
Metric 5   Believing the organisation provides equal opportunities for career progression or promotion.
Metric 6   Felt pressure from their manager to come to work despite not feeling well enough.
Metric 7   Satisfied with the extent to which the organisation values their work.
Metric 8   Disabled staff saying the employer has made adequate adjustments to enable them to carry out
           their work (asked of disabled staff only).
Metric 9   (a) Staff engagement score (0-10) for disabled and non-disabled staff and the difference;
           (b) whether the organisation has taken action to facilitate the voices of disabled staff to be
           heard (yes/no).
Metric 10  Disabled share of the board minus disabled share of the overall workforce, in percentage
           points, for all board members, voting members and executive members.
"""

from collections.abc import Mapping, Sequence

from workforce.labels import WDES_SURVEY_QUESTIONS
from workforce.vocabulary import DisabilityGroup

from .bands import band_distribution, profile_band_distribution, profile_workforce_counts
from .inputs import DISABILITY_GROUPS, BoardComposition, Shortlisting, SurveyResult
from .likelihood import group_rates, relative_likelihood
from .profile import WorkforceProfile
from .rolling import PreviousYear, with_rolling_average
from .suppression import (
    DEFAULT_THRESHOLD,
    NOT_COMPUTABLE_NO_DATA,
    Figure,
    Suppressor,
    threshold_of,
)
from .survey import board_versus_workforce, survey_comparison

DISABLED = DisabilityGroup.DISABLED.value
NON_DISABLED = DisabilityGroup.NON_DISABLED.value


def metric_1(headcount: Sequence, threshold: "int | Suppressor" = DEFAULT_THRESHOLD) -> dict:
    """Staff by band/grade and disability group, clinical and non-clinical, with clusters."""
    return band_distribution(headcount, "disability_group", DISABILITY_GROUPS, threshold)


def metric_2(recruitment: Mapping[str, Shortlisting], threshold: "int | Suppressor" = DEFAULT_THRESHOLD) -> dict:
    """Relative likelihood of non-disabled applicants being appointed from shortlisting compared with disabled."""
    shortlisted = {group: figures.shortlisted for group, figures in recruitment.items()}
    appointed = {group: figures.appointed for group, figures in recruitment.items()}
    return {
        "likelihood": relative_likelihood(
            appointed.get(NON_DISABLED, 0),
            shortlisted.get(NON_DISABLED, 0),
            appointed.get(DISABLED, 0),
            shortlisted.get(DISABLED, 0),
            first_group="non-disabled applicants",
            second_group="disabled applicants",
            event="appointed from shortlisting",
            threshold=threshold_of(threshold),
        ),
        "groups": group_rates(
            "wdes.2", appointed, shortlisted, "appointed", "shortlisted", DISABILITY_GROUPS, threshold
        ),
    }


def metric_3(
    entering_capability: Mapping[str, int],
    headcount_by_group: Mapping[str, int],
    threshold: "int | Suppressor" = DEFAULT_THRESHOLD,
) -> dict:
    """Relative likelihood of disabled staff entering the formal capability process compared with non-disabled."""
    return {
        "likelihood": relative_likelihood(
            entering_capability.get(DISABLED, 0),
            headcount_by_group.get(DISABLED, 0),
            entering_capability.get(NON_DISABLED, 0),
            headcount_by_group.get(NON_DISABLED, 0),
            first_group="disabled staff",
            second_group="non-disabled staff",
            event="entering the formal capability process",
            threshold=threshold_of(threshold),
        ),
        "groups": group_rates(
            "wdes.3", entering_capability, headcount_by_group, "entering", "headcount", DISABILITY_GROUPS, threshold
        ),
    }


# Metric 8 is asked of disabled staff only: its figure is their percentage, with nothing to compare it with.
DISABLED_ONLY = "8"


def survey_metrics(
    survey: Mapping[str, Mapping[str, SurveyResult]], threshold: "int | Suppressor" = DEFAULT_THRESHOLD
) -> dict:
    """Metrics 4a(i)-(iii), 4b, 5-7 and 9a: non-disabled and disabled side by side, and disabled minus
    non-disabled; metric 8: the disabled staff's percentage alone (`metric_8`)."""
    return {
        metric: metric_8(survey, threshold)
        if metric == DISABLED_ONLY
        else {
            "title": title,
            **survey_comparison(survey.get(metric, {}), (NON_DISABLED, DISABLED), threshold, 1, f"wdes.{metric}"),
        }
        for metric, title in WDES_SURVEY_QUESTIONS.items()
    }


def metric_8(
    survey: Mapping[str, Mapping[str, SurveyResult]], threshold: "int | Suppressor" = DEFAULT_THRESHOLD
) -> dict:
    """WDES metric 8: the percentage of disabled staff saying their employer has made adequate adjustment(s)
    to enable them to carry out their work (NHS England's wording). A single percentage of disabled staff:
    the survey does not ask non-disabled staff, so there is no difference to compute."""
    comparison = survey_comparison(survey.get(DISABLED_ONLY, {}), (DISABLED,), threshold, 1, f"wdes.{DISABLED_ONLY}")
    return {"title": WDES_SURVEY_QUESTIONS[DISABLED_ONLY], DISABLED: comparison[DISABLED]}


def metric_9b(answers: Sequence[bool | None]) -> dict:
    """Whether the organisation(s) took action to facilitate the voices of disabled staff to be heard.

    For one organisation the answer; for a place or the ICS, how many organisations answered yes and no
    (organisations, not people, so no suppression applies).
    """
    given = [answer for answer in answers if answer is not None]
    if not given:
        return {
            "answer": Figure.not_computable(NOT_COMPUTABLE_NO_DATA, "No answer has been entered."),
            "yes": 0,
            "no": 0,
        }
    yes = sum(given)
    answer = ("Yes" if given[0] else "No") if len(answers) == 1 else f"{yes} of {len(given)} organisations"
    return {"answer": answer, "yes": yes, "no": len(given) - yes}


def metric_10(
    board: BoardComposition, headcount_by_group: Mapping[str, int], threshold: "int | Suppressor" = DEFAULT_THRESHOLD
) -> dict:
    """Disabled share of the board (all, voting, executive) minus disabled share of the workforce, points."""
    return board_versus_workforce(board, headcount_by_group, DISABILITY_GROUPS, DISABLED, threshold)


def wdes(
    profile: WorkforceProfile,
    *,
    recruitment: Mapping[str, Shortlisting],
    entering_capability: Mapping[str, int],
    survey: Mapping[str, Mapping[str, SurveyResult]],
    facilitates_voices: Sequence[bool | None],
    board: BoardComposition,
    threshold: "int | Suppressor" = DEFAULT_THRESHOLD,
    previous_capability: PreviousYear | None = None,
) -> dict[str, dict]:
    """All WDES metrics for one scope (its headcount from `profile`), keyed "1" to "10" ("4a_i" for 4a(i) ...).
    `previous_capability` holds the previous year's counts for metric 3's two-year rolling average."""
    by_group = profile_workforce_counts(profile, "disability_group", DISABILITY_GROUPS)
    return {
        "1": profile_band_distribution(profile, "disability_group", DISABILITY_GROUPS, threshold),
        "2": metric_2(recruitment, threshold),
        "3": with_rolling_average(
            metric_3(entering_capability, by_group, threshold),
            entering_capability,
            by_group,
            previous_capability,
            compared=(DISABLED, NON_DISABLED),
            threshold=threshold,
        ),
        **survey_metrics(survey, threshold),
        "9b": metric_9b(facilitates_voices),
        "10": metric_10(board, by_group, threshold),
    }
