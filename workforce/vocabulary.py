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
# are White; D to S and their subcodes are Black and minority ethnic; Z is Not Stated.
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
    if "D" <= letter <= "S":
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
