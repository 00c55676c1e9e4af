"""Every label the portal prints for a key of the metrics: groups, bands and clusters, quartiles, the
characteristics, the survey questions stored with each result, and each metric's title.

One table, read by the calculations (the survey questions they store), the catalogue (metric titles) and
the dashboards (row and column labels), so a group or a metric is called the same everywhere.
"""

from workforce.vocabulary import DisabilityGroup, EthnicGroup

GROUP_LABELS = {
    **{group.value: str(group.label) for group in EthnicGroup},
    **{group.value: str(group.label) for group in DisabilityGroup},
    "male": "Men",
    "female": "Women",
    "total": "Total",
}
BAND_LABELS = {
    "vsm": "Very senior managers",
    "consultant": "Consultants",
    "career_grade": "Non-consultant career grades",
    "trainee": "Medical and dental trainees",
    "other": "Other pay scales",
    "total": "Total",
}
CLUSTER_LABELS = {
    "cluster_1": "Cluster 1 (Bands 1 to 4)",
    "cluster_2": "Cluster 2 (Bands 5 to 7)",
    "cluster_3": "Cluster 3 (Bands 8a and 8b)",
    "cluster_4": "Cluster 4 (Bands 8c to 9 and VSM)",
    "cluster_5": "Cluster 5 (Consultants)",
    "cluster_6": "Cluster 6 (Non-consultant career grades)",
    "cluster_7": "Cluster 7 (Medical and dental trainees)",
}
QUARTILE_LABELS = {"lower": "Lower", "lower_middle": "Lower middle", "upper_middle": "Upper middle", "upper": "Upper"}

# The pay gap characteristics: the reference and the compared group, in words (as readings and notes say them).
PAY_GAP_GROUP_NAMES = {
    "gender": ("men", "women"),
    "ethnicity": ("White staff", "BME staff"),
    "disability": ("non-disabled staff", "disabled staff"),
}
# What kind of figure a metric is (`workforce.metrics.basis`), as a tag beside it on every page and export.
BASIS_LABELS = {
    "statutory": "Statutory figure",
    "ordinary_pay": "From ordinary pay by the statutory method (not a statutory figure)",
    "estimate": "Estimate from basic pay, not the statutory figure",
    "rolling_average": "Two-year rolling average",
    "single_year": "No rolling average",
}
# What the declaration rates count as recorded or not, in words.
DECLARATION_LABELS = {
    "ethnicity": "ethnicity",
    "disability": "disability status",
    "sexual_orientation": "sexual orientation",
    "religion": "religion or belief",
}

# The NHS Staff Survey questions as each result stores them (the "title" of WRES 5-8 and WDES 4a-9a).
WRES_SURVEY_QUESTIONS = {
    "5": "Staff experiencing harassment, bullying or abuse from patients, relatives or the public in the last "
    "12 months",
    "6": "Staff experiencing harassment, bullying or abuse from staff in the last 12 months",
    "7": "Staff believing that the organisation provides equal opportunities for career progression or promotion",
    "8": "Staff personally experiencing discrimination at work from a manager, team leader or other colleagues",
}
WDES_SURVEY_QUESTIONS = {
    "4a_i": "Staff experiencing harassment, bullying or abuse from patients, service users, relatives or the public",
    "4a_ii": "Staff experiencing harassment, bullying or abuse from managers",
    "4a_iii": "Staff experiencing harassment, bullying or abuse from other colleagues",
    "4b": "Staff saying that the last time they experienced harassment, bullying or abuse at work, they or a "
    "colleague reported it",
    "5": "Staff believing that the organisation provides equal opportunities for career progression or promotion",
    "6": "Staff saying they have felt pressure from their manager to come to work, despite not feeling well "
    "enough to perform their duties",
    "7": "Staff saying they are satisfied with the extent to which their organisation values their work",
    "8": "Disabled staff saying their employer has made adequate adjustments to enable them to carry out their work",
    "9a": "Staff engagement score (0-10)",
}

# Each metric's title on the dashboards, by its catalogue slug ("WRES 2: <title>").
METRIC_TITLES = {
    "wres-1": "BME staff in the workforce, by pay band",
    "bme-senior": "BME share of staff in Bands 8a and above",
    "wres-2": "Relative likelihood of White applicants being appointed from shortlisting",
    "wres-3": "Relative likelihood of BME staff entering the formal disciplinary process",
    "wres-4": "Relative likelihood of White staff accessing non-mandatory training",
    "wres-5": "Harassment, bullying or abuse from patients, relatives or the public",
    "wres-6": "Harassment, bullying or abuse from staff",
    "wres-7": "Belief that the organisation provides equal opportunities for career progression",
    "wres-8": "Discrimination at work from a manager, team leader or colleague",
    "wres-9": "BME board membership compared with the workforce",
    "wdes-1": "Disabled staff in the workforce, by pay band",
    "wdes-2": "Relative likelihood of non-disabled applicants being appointed from shortlisting",
    "wdes-3": "Relative likelihood of disabled staff entering the formal capability process",
    "wdes-4a-i": "Harassment, bullying or abuse from patients, service users or the public",
    "wdes-4a-ii": "Harassment, bullying or abuse from managers",
    "wdes-4a-iii": "Harassment, bullying or abuse from other colleagues",
    "wdes-4b": "Reporting the last experience of harassment, bullying or abuse",
    "wdes-5": "Belief that the organisation provides equal opportunities for career progression",
    "wdes-6": "Pressure from their manager to come to work when not well enough",
    "wdes-7": "Satisfaction with how far the organisation values their work",
    "wdes-8": "Adequate adjustments made to enable disabled staff to carry out their work",
    "wdes-9a": WDES_SURVEY_QUESTIONS["9a"],
    "wdes-10": "Disabled board membership compared with the workforce",
    "pay-gap-gender": "Mean hourly pay gap between men and women",
    "pay-gap-ethnicity": "Mean hourly pay gap between White and BME staff",
    "pay-gap-disability": "Mean hourly pay gap between non-disabled and disabled staff",
    "representation-ethnicity": "BME staff compared with the local population",
    "representation-disability": "Disabled staff compared with the local population",
    **{
        f"declaration-{characteristic.replace('_', '-')}": f"Staff with no recorded {label}"
        for characteristic, label in DECLARATION_LABELS.items()
    },
}


def reporting_year_label(year: int) -> str:
    """A reporting year as people write it: "2024/25" for 2025 (1 April 2024 to 31 March 2025)."""
    return f"{year - 1}/{str(year)[-2:]}"


def label_of(key: str) -> str:
    """The label of a group, band, grade or cluster key ("bme" -> "BME", "8a" -> "Band 8a")."""
    return GROUP_LABELS.get(key) or BAND_LABELS.get(key) or CLUSTER_LABELS.get(key) or _band_label(key)


def _band_label(key: str) -> str:
    return f"Band {key}" if key[:1].isdigit() else key.replace("_", " ").capitalize()
