"""The sections of figures ESR does not hold, as the portal's pages and forms present them."""

from dataclasses import dataclass

from workforce.labels import GROUP_LABELS
from workforce.metrics.suppression import suppress_counts_with_total
from workforce.models import (
    SURVEY_INDICATORS,
    AnnualFigures,
    BoardMembership,
    FormalProcessFigures,
    RecruitmentFigures,
    StaffSurveyResults,
    TrainingFigures,
)


@dataclass(frozen=True)
class Fieldset:
    legend: str
    fields: tuple[str, ...]
    hint: str = ""


@dataclass(frozen=True)
class FiguresSection:
    slug: str
    title: str
    model: type[AnnualFigures]
    standards: str  # which indicators these figures feed
    fieldsets: tuple[Fieldset, ...]
    hint: str = ""

    @property
    def fields(self):
        return tuple(name for fieldset in self.fieldsets for name in fieldset.fields)

    def labelled_values(self, figures, threshold):
        """[(fieldset, [(label, value), ...]), ...] for a read-only page, small counts replaced by SUPPRESSED.

        Values are None without figures. See readable_figures for the rule.
        """
        result = []
        for fieldset in self.fieldsets:
            values = readable_figures({name: getattr(figures, name, None) for name in fieldset.fields}, threshold)
            labels = [short_label(name) or self.model._meta.get_field(name).verbose_name for name in fieldset.fields]
            result.append((fieldset, list(zip(labels, values.values(), strict=True))))
        return result


SUPPRESSED = "*"


def readable_figures(values: dict, threshold: int) -> dict:
    """One fieldset's figures as readers may see them, suppressed by `workforce.metrics.suppression`.

    - The counts (whole numbers of people) are suppressed as counts published with their total: a reader
      can add the groups up, and the metrics publish such totals. So a count of 1 to `threshold` is
      SUPPRESSED, and so is whatever else would let it be worked out from the total (when only one count
      is small, the next smallest non-zero one).
    - A survey result (`..._pct` or `..._score`) is SUPPRESSED when its respondents count is.
    """
    counts = {
        name: value
        for name, value in values.items()
        if isinstance(value, int) and not isinstance(value, bool) and not name.endswith(("_pct", "_score"))
    }
    figures = suppress_counts_with_total(counts, threshold, total=_TOTAL)
    shown = dict(values)
    for name in counts:
        if figures[name].suppressed:
            shown[name] = SUPPRESSED
            for measure in ("_pct", "_score"):
                result = name.removesuffix("_respondents") + measure
                if name.endswith("_respondents") and result in shown:
                    shown[result] = SUPPRESSED
    return shown


_TOTAL = ("total",)  # a key no field name can be


def _groups(prefix, groups):
    return tuple(f"{prefix}_{group}" for group in groups)


ETHNIC = ("white", "bme", "ethnicity_unknown")
DISABILITY = ("disabled", "non_disabled", "disability_unknown")

SECTIONS = (
    FiguresSection(
        "recruitment",
        "Recruitment",
        RecruitmentFigures,
        "WRES indicator 2 and WDES metric 2",
        (
            Fieldset("Applicants shortlisted, by ethnicity", _groups("shortlisted", ETHNIC)),
            Fieldset("Applicants appointed from shortlisting, by ethnicity", _groups("appointed", ETHNIC)),
            Fieldset("Applicants shortlisted, by disability", _groups("shortlisted", DISABILITY)),
            Fieldset("Applicants appointed from shortlisting, by disability", _groups("appointed", DISABILITY)),
        ),
        "All posts advertised in the year, from your recruitment system (for example TRAC).",
    ),
    FiguresSection(
        "formal-processes",
        "Disciplinary and capability",
        FormalProcessFigures,
        "WRES indicator 3 and WDES metric 3",
        (
            Fieldset("Staff entering the formal disciplinary process, by ethnicity", _groups("disciplinary", ETHNIC)),
            Fieldset(
                "Staff entering the formal capability process, by disability",
                _groups("capability", DISABILITY),
                "On the grounds of performance only, not ill health.",
            ),
        ),
        "Cases started in the year, as measured by entry into a formal process.",
    ),
    FiguresSection(
        "training",
        "Non-mandatory training",
        TrainingFigures,
        "WRES indicator 4",
        (Fieldset("Staff accessing non-mandatory training and CPD, by ethnicity", _groups("training", ETHNIC)),),
        "Count each person once, however many courses they attended.",
    ),
    FiguresSection(
        "staff-survey",
        "NHS Staff Survey",
        StaffSurveyResults,
        "WRES indicators 5 to 8 and WDES metrics 4 to 9",
        tuple(
            Fieldset(
                f"{indicator.standard} {indicator.number}: {indicator.question}",
                tuple(
                    f"{indicator.code}_{group}_{kind}"
                    for group in indicator.groups
                    for kind in (indicator.measure, "respondents")
                ),
            )
            for indicator in SURVEY_INDICATORS
        )
        + (Fieldset("WDES 9b", ("wdes_9b_voices_action",)),),
        "From the NHS Staff Survey benchmark report for the survey published in the year. Leave a result empty "
        "if it was not published (for example, because too few staff responded).",
    ),
    FiguresSection(
        "board",
        "Board membership",
        BoardMembership,
        "WRES indicator 9 and WDES metric 10",
        (
            Fieldset("All board members, by ethnicity", _groups("members", ETHNIC)),
            Fieldset("All board members, by disability", _groups("members", DISABILITY)),
            Fieldset("Voting members, by ethnicity", _groups("voting_members", ETHNIC)),
            Fieldset("Voting members, by disability", _groups("voting_members", DISABILITY)),
            Fieldset("Executive members, by ethnicity", _groups("executive_members", ETHNIC)),
            Fieldset("Executive members, by disability", _groups("executive_members", DISABILITY)),
        ),
        "Board members on 31 March.",
    ),
)
SECTIONS_BY_SLUG = {section.slug: section for section in SECTIONS}

# Labels inside a fieldset: the legend says what is counted, so a field is named by its group.
SHORT_LABELS = {
    "white": "White",
    "bme": "Black and minority ethnic (BME)",
    "ethnicity_unknown": "Ethnicity unknown",
    "disabled": "Disabled",
    "non_disabled": "Non-disabled",
    "disability_unknown": "Disability unknown",
}


def short_label(field_name: str) -> str:
    # Longest first, so "non_disabled" is not taken for "disabled".
    for group, label in sorted(SHORT_LABELS.items(), key=lambda item: -len(item[0])):
        if field_name.endswith(f"_{group}") and not field_name.startswith(("wres_", "wdes_")):
            return label
    for group, label in sorted(GROUP_LABELS.items(), key=lambda item: -len(item[0])):
        for suffix, unit in (("_pct", "staff, %"), ("_score", "staff, score 0 to 10"), ("_respondents", "respondents")):
            if field_name.endswith(f"_{group}{suffix}"):
                return f"{label} {unit}"
    return ""
