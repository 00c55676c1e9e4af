"""Workforce Race Equality Standard (WRES): indicators 1 to 9.

Definitions follow NHS England's WRES technical guidance (the annual "Workforce Race Equality Standard:
technical guidance" that accompanies the data collection) and issue 4:

- Groups: White (ESR ethnic origin codes A, B, C and C-subcodes), BME (D to S), Unknown (Z, blank,
  Not Stated). Unknown is shown as its own column and left out of every ratio.
- Headcount: each person once (primary assignment), bank assignments excluded
  (`inputs.headcount_population`).

Indicator 1  Percentage of staff in each AfC band (1-9, VSM) and medical grade, clinical and non-clinical,
             by group, compared with the overall workforce; plus the seven clusters (`bands.py`).
Indicator 2  Relative likelihood of White applicants being appointed from shortlisting compared with BME
             applicants: (White appointed / White shortlisted) / (BME appointed / BME shortlisted).
Indicator 3  Relative likelihood of BME staff entering the formal disciplinary process compared with White
             staff: (BME entering / BME headcount) / (White entering / White headcount). The guidance
             measures entry by the start of a formal disciplinary investigation and, as recalled (the text
             could not be found: unverified), bases it on "a two year rolling average of the current year
             and the previous year": the headline is that rolling average, the current year alone beside it
             (`rolling.with_rolling_average`, which says exactly what is averaged).
Indicator 4  Relative likelihood of White staff accessing non-mandatory training and CPD compared with BME
             staff: (White accessing / White headcount) / (BME accessing / BME headcount).
Indicators 5-8  NHS Staff Survey, White and BME side by side:
             5 harassment, bullying or abuse from patients, relatives or the public in the last 12 months;
             6 harassment, bullying or abuse from staff in the last 12 months;
             7 believing the organisation provides equal opportunities for career progression or promotion;
             8 personally experienced discrimination at work from a manager, team leader or colleague.
Indicator 9  BME share of the board minus BME share of the overall workforce, in percentage points, for
             all board members, voting members and executive members.

Every function returns plain dicts of `Figure`s already through suppression.
"""

from collections.abc import Mapping, Sequence

from workforce.labels import WRES_SURVEY_QUESTIONS
from workforce.vocabulary import EthnicGroup

from .bands import band_distribution, profile_band_distribution, profile_workforce_counts
from .inputs import ETHNIC_GROUPS, BoardComposition, Shortlisting, SurveyResult
from .likelihood import group_rates, relative_likelihood
from .profile import WorkforceProfile
from .rolling import PreviousYear, with_rolling_average
from .suppression import DEFAULT_THRESHOLD, Suppressor, threshold_of
from .survey import board_versus_workforce, survey_comparison

WHITE = EthnicGroup.WHITE.value
BME = EthnicGroup.BME.value


def indicator_1(headcount: Sequence, threshold: "int | Suppressor" = DEFAULT_THRESHOLD) -> dict:
    """Staff by band/grade and ethnic group, clinical and non-clinical, with clusters (`bands.band_distribution`)."""
    return band_distribution(headcount, "ethnic_group", ETHNIC_GROUPS, threshold)


def indicator_2(recruitment: Mapping[str, Shortlisting], threshold: "int | Suppressor" = DEFAULT_THRESHOLD) -> dict:
    """Relative likelihood of White applicants being appointed from shortlisting compared with BME applicants."""
    shortlisted = {group: figures.shortlisted for group, figures in recruitment.items()}
    appointed = {group: figures.appointed for group, figures in recruitment.items()}
    return {
        "likelihood": relative_likelihood(
            appointed.get(WHITE, 0),
            shortlisted.get(WHITE, 0),
            appointed.get(BME, 0),
            shortlisted.get(BME, 0),
            first_group="White applicants",
            second_group="BME applicants",
            event="appointed from shortlisting",
            threshold=threshold_of(threshold),
        ),
        "groups": group_rates("wres.2", appointed, shortlisted, "appointed", "shortlisted", ETHNIC_GROUPS, threshold),
    }


def indicator_3(
    entering_disciplinary: Mapping[str, int],
    headcount_by_group: Mapping[str, int],
    threshold: "int | Suppressor" = DEFAULT_THRESHOLD,
) -> dict:
    """Relative likelihood of BME staff entering the formal disciplinary process compared with White staff."""
    return {
        "likelihood": relative_likelihood(
            entering_disciplinary.get(BME, 0),
            headcount_by_group.get(BME, 0),
            entering_disciplinary.get(WHITE, 0),
            headcount_by_group.get(WHITE, 0),
            first_group="BME staff",
            second_group="White staff",
            event="entering the formal disciplinary process",
            threshold=threshold_of(threshold),
        ),
        "groups": group_rates(
            "wres.3", entering_disciplinary, headcount_by_group, "entering", "headcount", ETHNIC_GROUPS, threshold
        ),
    }


def indicator_4(
    accessing_training: Mapping[str, int],
    headcount_by_group: Mapping[str, int],
    threshold: "int | Suppressor" = DEFAULT_THRESHOLD,
) -> dict:
    """Relative likelihood of White staff accessing non-mandatory training and CPD compared with BME staff."""
    return {
        "likelihood": relative_likelihood(
            accessing_training.get(WHITE, 0),
            headcount_by_group.get(WHITE, 0),
            accessing_training.get(BME, 0),
            headcount_by_group.get(BME, 0),
            first_group="White staff",
            second_group="BME staff",
            event="accessing non-mandatory training and CPD",
            threshold=threshold_of(threshold),
        ),
        "groups": group_rates(
            "wres.4", accessing_training, headcount_by_group, "accessing", "headcount", ETHNIC_GROUPS, threshold
        ),
    }


def indicators_5_to_8(
    survey: Mapping[str, Mapping[str, SurveyResult]], threshold: "int | Suppressor" = DEFAULT_THRESHOLD
) -> dict[str, dict]:
    """Staff survey indicators 5-8: White and BME percentages, respondents, and BME minus White."""
    return {
        indicator: {
            "title": title,
            **survey_comparison(survey.get(indicator, {}), (WHITE, BME), threshold, name=f"wres.{indicator}"),
        }
        for indicator, title in WRES_SURVEY_QUESTIONS.items()
    }


def indicator_9(
    board: BoardComposition, headcount_by_group: Mapping[str, int], threshold: "int | Suppressor" = DEFAULT_THRESHOLD
) -> dict:
    """BME share of the board (all, voting, executive) minus BME share of the workforce, percentage points."""
    return board_versus_workforce(board, headcount_by_group, ETHNIC_GROUPS, BME, threshold)


def wres(
    profile: WorkforceProfile,
    *,
    recruitment: Mapping[str, Shortlisting],
    entering_disciplinary: Mapping[str, int],
    accessing_training: Mapping[str, int],
    survey: Mapping[str, Mapping[str, SurveyResult]],
    board: BoardComposition,
    threshold: "int | Suppressor" = DEFAULT_THRESHOLD,
    senior_row: bool = False,
    previous_disciplinary: PreviousYear | None = None,
) -> dict[str, dict]:
    """All WRES indicators for one scope (its headcount read from `profile`), keyed "1" to "9". With
    `senior_row`, indicator 1 also has Bands 8a and above ("senior"). `previous_disciplinary` holds the
    previous year's counts for indicator 3's two-year rolling average (none: no rolling average)."""
    by_group = profile_workforce_counts(profile, "ethnic_group", ETHNIC_GROUPS)
    return {
        "1": profile_band_distribution(profile, "ethnic_group", ETHNIC_GROUPS, threshold, senior_row),
        "2": indicator_2(recruitment, threshold),
        "3": with_rolling_average(
            indicator_3(entering_disciplinary, by_group, threshold),
            entering_disciplinary,
            by_group,
            previous_disciplinary,
            compared=(BME, WHITE),
            threshold=threshold,
        ),
        "4": indicator_4(accessing_training, by_group, threshold),
        **indicators_5_to_8(survey, threshold),
        "9": indicator_9(board, by_group, threshold),
    }
