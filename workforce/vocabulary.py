"""The controlled vocabulary of workforce data: equality groups, pay bands and grades.

Shared by the ESR import (which maps raw ESR values onto it), the stored staff records and the
metric calculations, so every part of the portal groups people the same way.
"""

import re

from django.db import models


class EthnicGroup(models.TextChoices):
    """WRES grouping: White, Black and minority ethnic (BME), or Unknown."""

    WHITE = "white", "White"
    BME = "bme", "BME"
    UNKNOWN = "unknown", "Unknown"


class DisabilityGroup(models.TextChoices):
    """WDES grouping from the ESR disability flag."""

    DISABLED = "disabled", "Disabled"
    NON_DISABLED = "non_disabled", "Non-disabled"
    UNKNOWN = "unknown", "Unknown"


class Sex(models.TextChoices):
    """ESR gender as used by gender pay gap reporting (men and women); anything else is Unknown."""

    FEMALE = "female", "Female"
    MALE = "male", "Male"
    UNKNOWN = "unknown", "Unknown"


class PayBand(models.TextChoices):
    """Agenda for Change bands, very senior managers, medical and dental staff, and other pay scales."""

    BAND_1 = "1", "Band 1"
    BAND_2 = "2", "Band 2"
    BAND_3 = "3", "Band 3"
    BAND_4 = "4", "Band 4"
    BAND_5 = "5", "Band 5"
    BAND_6 = "6", "Band 6"
    BAND_7 = "7", "Band 7"
    BAND_8A = "8a", "Band 8a"
    BAND_8B = "8b", "Band 8b"
    BAND_8C = "8c", "Band 8c"
    BAND_8D = "8d", "Band 8d"
    BAND_9 = "9", "Band 9"
    VSM = "vsm", "Very senior manager"
    MEDICAL = "medical", "Medical and dental"
    OTHER = "other", "Other pay scale"


AFC_BANDS = [band for band in PayBand if band not in (PayBand.VSM, PayBand.MEDICAL, PayBand.OTHER)]


class MedicalGrade(models.TextChoices):
    """Medical and dental grades as WRES indicator 1 clusters 5 to 7 group them."""

    CONSULTANT = "consultant", "Consultant"
    CAREER_GRADE = "career_grade", "Non-consultant career grade"
    TRAINEE = "trainee", "Trainee grade"
    NONE = "", "Not medical"


# ESR ethnic origin codes: A, B, C and C-subcodes (CA "White - English", CP "White - Polish", ...)
# are White; D to S (there are no I, O or Q codes) and their subcodes are Black and minority ethnic; Z is
# Not Stated.
_ETHNIC_CODE = re.compile(r"^\s*([A-Za-z])([A-Za-z0-9]?)\b")


def ethnic_group_for(esr_ethnic_origin: str | None) -> EthnicGroup:
    """Group an ESR ethnic origin ("A White - British", "CP White - Polish", "Z Not Stated") for WRES."""
    if not esr_ethnic_origin or esr_ethnic_origin.strip().lower() in {"not stated", "unspecified", "undefined"}:
        return EthnicGroup.UNKNOWN
    match = _ETHNIC_CODE.match(esr_ethnic_origin)
    if not match:
        return EthnicGroup.UNKNOWN
    letter = match.group(1).upper()
    if letter in "ABC":
        return EthnicGroup.WHITE
    if "D" <= letter <= "S" and letter not in "IOQ":  # ESR has no I, O or Q codes
        return EthnicGroup.BME
    return EthnicGroup.UNKNOWN


def disability_group_for(esr_disability_flag: str | None) -> DisabilityGroup:
    """Yes is Disabled, No is Non-disabled; Not Declared, Prefer Not To Answer, Unspecified and blank are Unknown."""
    flag = (esr_disability_flag or "").strip().lower()
    if flag in {"yes", "y"}:
        return DisabilityGroup.DISABLED
    if flag in {"no", "n"}:
        return DisabilityGroup.NON_DISABLED
    return DisabilityGroup.UNKNOWN


class StaffGroup(models.TextChoices):
    """ESR staff groups, named as ESR names them."""

    ADD_PROF_SCIENTIFIC = "add_prof_scientific", "Add Prof Scientific and Technic"
    ADDITIONAL_CLINICAL = "additional_clinical", "Additional Clinical Services"
    ADMIN_CLERICAL = "admin_clerical", "Administrative and Clerical"
    ALLIED_HEALTH = "allied_health", "Allied Health Professionals"
    ESTATES_ANCILLARY = "estates_ancillary", "Estates and Ancillary"
    HEALTHCARE_SCIENTISTS = "healthcare_scientists", "Healthcare Scientists"
    MEDICAL_DENTAL = "medical_dental", "Medical and Dental"
    NURSING_MIDWIFERY = "nursing_midwifery", "Nursing and Midwifery Registered"
    STUDENTS = "students", "Students"


# WRES indicator 1 splits the workforce into clinical and non-clinical staff. The portal's rule:
# Administrative and Clerical and Estates and Ancillary are non-clinical; every other staff group,
# students included, is clinical.
NON_CLINICAL_STAFF_GROUPS = frozenset({StaffGroup.ADMIN_CLERICAL, StaffGroup.ESTATES_ANCILLARY})


def is_clinical_staff_group(staff_group: str) -> bool:
    return staff_group not in NON_CLINICAL_STAFF_GROUPS


class AssignmentCategory(models.TextChoices):
    """ESR assignment category: how the person is employed on this assignment."""

    PERMANENT = "permanent", "Permanent"
    FIXED_TERM = "fixed_term", "Fixed term temporary"
    BANK = "bank", "Bank"
    LOCUM = "locum", "Locum"
    HONORARY = "honorary", "Honorary"
    NON_EXECUTIVE = "non_executive", "Non-executive director or chair"
    OTHER = "other", "Other"


class SexualOrientation(models.TextChoices):
    """ESR sexual orientation.

    Not declared: "Not stated", "Unspecified", "I do not wish to disclose" and blank. Undecided counts as declared.
    """

    HETEROSEXUAL = "heterosexual", "Heterosexual or straight"
    GAY_LESBIAN = "gay_lesbian", "Gay or lesbian"
    BISEXUAL = "bisexual", "Bisexual"
    OTHER = "other", "Other sexual orientation"
    UNDECIDED = "undecided", "Undecided"
    NOT_DECLARED = "not_declared", "Not declared"


class Religion(models.TextChoices):
    """ESR religious belief.

    Not declared: "I do not wish to disclose my religion/belief", "Unspecified" and blank.
    """

    ATHEISM = "atheism", "Atheism"
    BUDDHISM = "buddhism", "Buddhism"
    CHRISTIANITY = "christianity", "Christianity"
    HINDUISM = "hinduism", "Hinduism"
    ISLAM = "islam", "Islam"
    JAINISM = "jainism", "Jainism"
    JUDAISM = "judaism", "Judaism"
    SIKHISM = "sikhism", "Sikhism"
    OTHER = "other", "Other"
    NOT_DECLARED = "not_declared", "Not declared"


# Five-year age bands at the snapshot date, from the date of birth. The 55 boundary is exact, so "55 and over"
# is a sum of bands.
AGE_BANDS = ("16-19", "20-24", "25-29", "30-34", "35-39", "40-44", "45-49", "50-54", "55-59", "60-64", "65-69", "70+")
# ESR's own age bands, kept as ESR gives them when a file has no dates of birth: they start a year later than
# ours, so no ESR band can be read as one of ours without counting some people a year young or old.
ESR_AGE_BANDS = (
    "<=20", "21-25", "26-30", "31-35", "36-40", "41-45", "46-50", "51-55", "56-60", "61-65", "66-70", ">=71",
)  # fmt: skip
# ESR's 51-55 holds 55-year-olds and younger people alike: nobody in it can be counted as 55 and over or not.
ESR_AGE_BAND_ACROSS_55 = "51-55"
AGED_55_AND_OVER = frozenset(AGE_BANDS[AGE_BANDS.index("55-59") :]) | frozenset(
    ESR_AGE_BANDS[ESR_AGE_BANDS.index("56-60") :]
)


def age_band_for(age: int) -> str | None:
    """The age band label for an age in whole years, or None under 16 (not a valid employee age)."""
    if age < 16:
        return None
    if age < 20:
        return "16-19"
    if age >= 70:
        return "70+"
    low = age - age % 5
    return f"{low}-{low + 4}"
