"""Figures ESR does not hold, entered by EDI leads or imported as CSV: one model per section of figures.

Each model is one organisation's figures for one reporting year (year 2025 = 1 April 2024 to 31 March
2025), with history. Counts are of people; "unknown" is ethnicity or disability not stated. A row that
exists is complete: every count field is required.
"""

from dataclasses import dataclass

import simple_history
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from simple_history.models import HistoricalRecords

from organisations.models import Organisation
from workforce.labels import GROUP_LABELS, WDES_SURVEY_QUESTIONS, WRES_SURVEY_QUESTIONS
from workforce.models.reporting_years import reporting_year_label


def _count(label):
    return models.PositiveIntegerField(label, validators=[MaxValueValidator(1_000_000)])


class AnnualFiguresQuerySet(models.QuerySet):
    def of_organisation(self, organisation):
        return self.filter(organisation=organisation)

    def in_year(self, year: int):
        return self.filter(year=year)

    def in_years(self, years):
        return self.filter(year__in=years)


class AnnualFigures(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField(
        "Reporting year", validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = AnnualFiguresQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["-year", "organisation__name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "year"], name="one_%(class)s_per_organisation_year")
        ]

    def __str__(self):
        return f"{self._meta.verbose_name.capitalize()}: {self.organisation.display_short_name} {self.year_label}"

    @property
    def year_label(self):
        return reporting_year_label(self.year)


class RecruitmentFigures(AnnualFigures):
    """WRES indicator 2 and WDES metric 2: applicants shortlisted and appointed from shortlisting."""

    shortlisted_white = _count("White applicants shortlisted")
    shortlisted_bme = _count("BME applicants shortlisted")
    shortlisted_ethnicity_unknown = _count("Applicants shortlisted, ethnicity unknown")
    appointed_white = _count("White applicants appointed")
    appointed_bme = _count("BME applicants appointed")
    appointed_ethnicity_unknown = _count("Applicants appointed, ethnicity unknown")
    shortlisted_disabled = _count("Disabled applicants shortlisted")
    shortlisted_non_disabled = _count("Non-disabled applicants shortlisted")
    shortlisted_disability_unknown = _count("Applicants shortlisted, disability unknown")
    appointed_disabled = _count("Disabled applicants appointed")
    appointed_non_disabled = _count("Non-disabled applicants appointed")
    appointed_disability_unknown = _count("Applicants appointed, disability unknown")
    history = HistoricalRecords()

    GROUPS = ("white", "bme", "ethnicity_unknown", "disabled", "non_disabled", "disability_unknown")

    class Meta(AnnualFigures.Meta):
        verbose_name = verbose_name_plural = "recruitment figures"

    def clean(self):
        errors = {}
        for group in self.GROUPS:
            shortlisted, appointed = getattr(self, f"shortlisted_{group}"), getattr(self, f"appointed_{group}")
            if shortlisted is not None and appointed is not None and appointed > shortlisted:
                label = self._meta.get_field(f"appointed_{group}").verbose_name
                errors[f"appointed_{group}"] = f"{label} must not be more than the number shortlisted ({shortlisted})"
        if errors:
            raise ValidationError(errors)


class FormalProcessFigures(AnnualFigures):
    """WRES indicator 3 (formal disciplinary process) and WDES metric 3 (formal capability process)."""

    disciplinary_white = _count("White staff entering the formal disciplinary process")
    disciplinary_bme = _count("BME staff entering the formal disciplinary process")
    disciplinary_ethnicity_unknown = _count("Staff entering the formal disciplinary process, ethnicity unknown")
    capability_disabled = _count("Disabled staff entering the formal capability process")
    capability_non_disabled = _count("Non-disabled staff entering the formal capability process")
    capability_disability_unknown = _count("Staff entering the formal capability process, disability unknown")
    history = HistoricalRecords()

    class Meta(AnnualFigures.Meta):
        verbose_name = verbose_name_plural = "disciplinary and capability figures"


class TrainingFigures(AnnualFigures):
    """WRES indicator 4: staff accessing non-mandatory training and continuing professional development."""

    training_white = _count("White staff accessing non-mandatory training or CPD")
    training_bme = _count("BME staff accessing non-mandatory training or CPD")
    training_ethnicity_unknown = _count("Staff accessing non-mandatory training or CPD, ethnicity unknown")
    history = HistoricalRecords()

    class Meta(AnnualFigures.Meta):
        verbose_name = verbose_name_plural = "non-mandatory training figures"


class BoardMembership(AnnualFigures):
    """WRES indicator 9 and WDES metric 10: board members by group, for all, voting and executive members."""

    members_white = _count("White board members")
    members_bme = _count("BME board members")
    members_ethnicity_unknown = _count("Board members, ethnicity unknown")
    members_disabled = _count("Disabled board members")
    members_non_disabled = _count("Non-disabled board members")
    members_disability_unknown = _count("Board members, disability unknown")
    voting_members_white = _count("White voting members")
    voting_members_bme = _count("BME voting members")
    voting_members_ethnicity_unknown = _count("Voting members, ethnicity unknown")
    voting_members_disabled = _count("Disabled voting members")
    voting_members_non_disabled = _count("Non-disabled voting members")
    voting_members_disability_unknown = _count("Voting members, disability unknown")
    executive_members_white = _count("White executive members")
    executive_members_bme = _count("BME executive members")
    executive_members_ethnicity_unknown = _count("Executive members, ethnicity unknown")
    executive_members_disabled = _count("Disabled executive members")
    executive_members_non_disabled = _count("Non-disabled executive members")
    executive_members_disability_unknown = _count("Executive members, disability unknown")
    history = HistoricalRecords()

    ETHNIC_GROUPS = ("white", "bme", "ethnicity_unknown")
    DISABILITY_GROUPS = ("disabled", "non_disabled", "disability_unknown")

    class Meta(AnnualFigures.Meta):
        verbose_name = verbose_name_plural = "board membership"

    def total(self, kind, groups):
        return sum(getattr(self, f"{kind}_{group}") or 0 for group in groups)

    def clean(self):
        errors = {}
        for kind in ("members", "voting_members", "executive_members"):
            by_ethnicity, by_disability = self.total(kind, self.ETHNIC_GROUPS), self.total(kind, self.DISABILITY_GROUPS)
            if by_ethnicity != by_disability:
                errors[f"{kind}_disabled"] = (
                    f"{kind.replace('_', ' ').capitalize()} by disability add up to {by_disability}, "
                    f"but by ethnicity to {by_ethnicity}: they are the same people"
                )
        for kind in ("voting_members", "executive_members"):
            for group in self.ETHNIC_GROUPS + self.DISABILITY_GROUPS:
                part, whole = getattr(self, f"{kind}_{group}"), getattr(self, f"members_{group}")
                if part is not None and whole is not None and part > whole:
                    label = self._meta.get_field(f"{kind}_{group}").verbose_name
                    errors[f"{kind}_{group}"] = (
                        f"{label} must not be more than the board members in that group ({whole})"
                    )
        if errors:
            raise ValidationError(errors)


@dataclass(frozen=True)
class SurveyIndicator:
    """One NHS Staff Survey indicator as WRES or WDES reports it, comparing two groups."""

    code: str  # field name prefix, for example "wres_5"
    standard: str  # "WRES" or "WDES"
    number: str  # as the standard numbers it, for example "4a(i)"
    question: str
    groups: tuple[str, ...]  # ("white", "bme") or ("disabled", "non_disabled"); WDES 8 asks disabled staff only
    measure: str = "pct"  # "pct" (percentage 0-100) or "score" (WDES 9a engagement score 0-10)


# The question wording is the one in workforce.labels, so the entry form and the dashboards say the same.
SURVEY_INDICATORS = (
    SurveyIndicator("wres_5", "WRES", "5", WRES_SURVEY_QUESTIONS["5"], ("white", "bme")),
    SurveyIndicator("wres_6", "WRES", "6", WRES_SURVEY_QUESTIONS["6"], ("white", "bme")),
    SurveyIndicator("wres_7", "WRES", "7", WRES_SURVEY_QUESTIONS["7"], ("white", "bme")),
    SurveyIndicator("wres_8", "WRES", "8", WRES_SURVEY_QUESTIONS["8"], ("white", "bme")),
    SurveyIndicator("wdes_4a_patients", "WDES", "4a(i)", WDES_SURVEY_QUESTIONS["4a_i"], ("disabled", "non_disabled")),
    SurveyIndicator("wdes_4a_managers", "WDES", "4a(ii)", WDES_SURVEY_QUESTIONS["4a_ii"], ("disabled", "non_disabled")),
    SurveyIndicator(
        "wdes_4a_colleagues", "WDES", "4a(iii)", WDES_SURVEY_QUESTIONS["4a_iii"], ("disabled", "non_disabled")
    ),
    SurveyIndicator("wdes_4b", "WDES", "4b", WDES_SURVEY_QUESTIONS["4b"], ("disabled", "non_disabled")),
    SurveyIndicator("wdes_5", "WDES", "5", WDES_SURVEY_QUESTIONS["5"], ("disabled", "non_disabled")),
    SurveyIndicator("wdes_6", "WDES", "6", WDES_SURVEY_QUESTIONS["6"], ("disabled", "non_disabled")),
    SurveyIndicator("wdes_7", "WDES", "7", WDES_SURVEY_QUESTIONS["7"], ("disabled", "non_disabled")),
    SurveyIndicator("wdes_8", "WDES", "8", WDES_SURVEY_QUESTIONS["8"], ("disabled",)),
    SurveyIndicator(
        "wdes_9a", "WDES", "9a", WDES_SURVEY_QUESTIONS["9a"], ("disabled", "non_disabled"), measure="score"
    ),
)


class StaffSurveyResults(AnnualFigures):
    """NHS Staff Survey results for WRES indicators 5 to 8 and WDES metrics 4 to 9, for one organisation and year.

    For each indicator in SURVEY_INDICATORS and each of its groups there are two fields:
    `<code>_<group>_<measure>` (a percentage 0–100, or for wdes_9a a score 0–10) and
    `<code>_<group>_respondents`; for example `wres_5_bme_pct`, `wres_5_bme_respondents`,
    `wdes_9a_disabled_score`. `wdes_9b_voices_action` records WDES 9b (has the organisation taken
    action to facilitate the voices of disabled staff to be heard). Empty means not published.
    """

    wdes_9b_voices_action = models.BooleanField(
        "WDES 9b: has the organisation taken action to facilitate the voices of disabled staff to be heard?",
        null=True,
        blank=True,
    )

    class Meta(AnnualFigures.Meta):
        verbose_name = verbose_name_plural = "staff survey results"

    def result(self, indicator_code, group):
        """(value, respondents) for one indicator and group; either may be None."""
        indicator = next(i for i in SURVEY_INDICATORS if i.code == indicator_code)
        return (
            getattr(self, f"{indicator_code}_{group}_{indicator.measure}"),
            getattr(self, f"{indicator_code}_{group}_respondents"),
        )


def _survey_fields():
    for indicator in SURVEY_INDICATORS:
        top = 10 if indicator.measure == "score" else 100
        unit = "score (0 to 10)" if indicator.measure == "score" else "%"
        for group in indicator.groups:
            label = f"{indicator.standard} {indicator.number}: {GROUP_LABELS[group]} staff, {unit}"
            yield (
                f"{indicator.code}_{group}_{indicator.measure}",
                models.DecimalField(
                    label,
                    max_digits=4,
                    decimal_places=1,
                    null=True,
                    blank=True,
                    validators=[MinValueValidator(0), MaxValueValidator(top)],
                ),
            )
            yield (
                f"{indicator.code}_{group}_respondents",
                models.PositiveIntegerField(
                    f"{indicator.standard} {indicator.number}: {GROUP_LABELS[group]} respondents",
                    null=True,
                    blank=True,
                    validators=[MaxValueValidator(1_000_000)],
                ),
            )


# Generated from SURVEY_INDICATORS so the indicator list, the fields, the form and the CSV columns agree.
# History is registered after the fields exist, so the historical model records them too.
for _name, _field in _survey_fields():
    StaffSurveyResults.add_to_class(_name, _field)
simple_history.register(StaffSurveyResults)
