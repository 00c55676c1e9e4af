"""Map raw ESR values onto the portal's vocabulary. Each parser returns the value or raises ValueError.

The messages name what is accepted, because an admin reads them to fix the file.
"""

import re
from datetime import date, datetime

from workforce.vocabulary import (
    AGE_BANDS,
    ESR_AGE_BANDS,
    AssignmentCategory,
    DisabilityGroup,
    MedicalGrade,
    PayBand,
    Religion,
    Sex,
    SexualOrientation,
    StaffGroup,
    age_band_for,
)


def _key(value: str) -> str:
    return re.sub(r"[^a-z0-9]", "", value.lower().replace("&", "and"))


# --- yes/no flags -------------------------------------------------------------------------------

_YES = {"y", "yes", "true", "t", "1"}
_NO = {"n", "no", "false", "f", "0"}


def parse_flag(raw: str, *, blank: bool) -> bool:
    value = raw.strip().lower()
    if not value:
        return blank
    if value in _YES:
        return True
    if value in _NO:
        return False
    raise ValueError("is not Yes or No (Y/N)")


# --- pay band -----------------------------------------------------------------------------------

_AFC = re.compile(
    r"^(?:xr\d\d\s+)?(?:review\s+body\s+)?(?:afc\s+|agenda\s+for\s+change\s+)?(?:band\s*)?"
    r"([1-9])\s*(?:-\s*)?(?:range\s*)?([a-d])?$"
)
_VSM = {"vsm", "very senior manager", "very senior managers", "esm", "executive senior manager"}
_MEDICAL = {"medical", "medical and dental", "medical & dental", "m&d", "medical/dental"}
_OTHER = {"other", "non afc", "non-afc", "local", "local pay", "other pay scale"}

_CONSULTANT = ("consultant",)
_TRAINEE = (
    "foundation", "fy1", "fy2", "registrar", "specialty training", "speciality training", "core training",
    "trainee", "house officer", "senior house officer", "st1", "st2", "st3", "st4", "st5", "st6", "st7", "st8",
    "ct1", "ct2", "ct3", "junior doctor", "doctor in training",
)  # fmt: skip
_CAREER = (
    "specialty doctor", "speciality doctor", "associate specialist", "staff grade", "specialist",
    "clinical assistant", "hospital practitioner", "trust grade", "trust doctor", "locally employed",
)  # fmt: skip


def medical_grade_in(text: str) -> MedicalGrade | None:
    """The medical grade a grade or job title names ("Consultant", "Specialty Registrar"), if any."""
    value = text.strip().lower()
    if not value:
        return None
    if any(word in value for word in _CONSULTANT):
        return MedicalGrade.CONSULTANT
    words = set(re.findall(r"[a-z0-9]+", value))
    if any((word in words) if " " not in word else (word in value) for word in _TRAINEE):
        return MedicalGrade.TRAINEE
    if any(word in value for word in _CAREER):
        return MedicalGrade.CAREER_GRADE
    return None


def parse_pay_band(raw: str) -> tuple[PayBand, MedicalGrade | None]:
    """ "Band 8A", "XR05 Review Body Band 5", "8a", "VSM", "Medical", "Consultant" -> (band, medical grade or None)."""
    value = re.sub(r"\s+", " ", raw.strip().lower())
    if not value:
        raise ValueError("is empty")
    match = _AFC.match(value)
    if match:
        number, letter = match.groups()
        if number == "8":
            if not letter:
                raise ValueError("is band 8 without its range: use 8A, 8B, 8C or 8D")
            return PayBand(f"8{letter}"), None
        if letter:
            raise ValueError(f"is not an Agenda for Change band: only band 8 has ranges A to D ({number}{letter})")
        return PayBand(number), None
    if value in _VSM:
        return PayBand.VSM, None
    if value in _MEDICAL:
        return PayBand.MEDICAL, None
    if value in _OTHER:
        return PayBand.OTHER, None
    grade = medical_grade_in(value)
    if grade:
        return PayBand.MEDICAL, grade
    raise ValueError('is not a pay band the portal knows: use for example "Band 5", "Band 8A", "VSM" or "Medical"')


def parse_medical_grade(raw: str) -> MedicalGrade | None:
    """A Medical Grade column value, or None when blank."""
    if not raw.strip():
        return None
    key = _key(raw)
    for grade in (MedicalGrade.CONSULTANT, MedicalGrade.CAREER_GRADE, MedicalGrade.TRAINEE):
        if key in {_key(grade.value), _key(grade.label)}:
            return grade
    grade = medical_grade_in(raw)
    if grade:
        return grade
    raise ValueError("is not a medical grade: use Consultant, a career grade (Specialty Doctor) or a trainee grade")


# --- staff group and assignment category ---------------------------------------------------------

_STAFF_GROUPS = {_key(group.label): group for group in StaffGroup} | {
    _key("Add Prof Scientific and Technical"): StaffGroup.ADD_PROF_SCIENTIFIC,
    _key("Additional Professional Scientific and Technical"): StaffGroup.ADD_PROF_SCIENTIFIC,
    _key("Admin and Clerical"): StaffGroup.ADMIN_CLERICAL,
    _key("Allied Health Professional"): StaffGroup.ALLIED_HEALTH,
    _key("Allied Health Professions"): StaffGroup.ALLIED_HEALTH,
    _key("Healthcare Scientist"): StaffGroup.HEALTHCARE_SCIENTISTS,
    _key("Nursing and Midwifery"): StaffGroup.NURSING_MIDWIFERY,
    _key("Nursing and Midwifery Registered Nurses"): StaffGroup.NURSING_MIDWIFERY,
    _key("Student"): StaffGroup.STUDENTS,
}


def parse_staff_group(raw: str) -> StaffGroup:
    group = _STAFF_GROUPS.get(_key(raw))
    if group is None:
        raise ValueError("is not an ESR staff group (for example Nursing and Midwifery Registered)")
    return group


_CATEGORIES = {
    "permanent": AssignmentCategory.PERMANENT,
    "fixedtermtemp": AssignmentCategory.FIXED_TERM,
    "fixedtermtemporary": AssignmentCategory.FIXED_TERM,
    "fixedterm": AssignmentCategory.FIXED_TERM,
    "temporary": AssignmentCategory.FIXED_TERM,
    "bank": AssignmentCategory.BANK,
    "locum": AssignmentCategory.LOCUM,
    "honorary": AssignmentCategory.HONORARY,
    "nonexecdirectorchair": AssignmentCategory.NON_EXECUTIVE,
    "nonexecutivedirectorchair": AssignmentCategory.NON_EXECUTIVE,
    "nonexecutivedirector": AssignmentCategory.NON_EXECUTIVE,
    "nonexecutive": AssignmentCategory.NON_EXECUTIVE,
    "chair": AssignmentCategory.NON_EXECUTIVE,
    "other": AssignmentCategory.OTHER,
}


def parse_assignment_category(raw: str) -> AssignmentCategory:
    category = _CATEGORIES.get(_key(raw))
    if category is None:
        raise ValueError("is not an assignment category (Permanent, Fixed Term Temp, Bank, Locum, Honorary, ...)")
    return category


# --- equality characteristics -------------------------------------------------------------------

_SEX = {
    "female": Sex.FEMALE, "f": Sex.FEMALE, "woman": Sex.FEMALE,
    "male": Sex.MALE, "m": Sex.MALE, "man": Sex.MALE,
    "": Sex.UNKNOWN, "unknown": Sex.UNKNOWN, "notknown": Sex.UNKNOWN, "notspecified": Sex.UNKNOWN,
    "unspecified": Sex.UNKNOWN, "indeterminate": Sex.UNKNOWN, "other": Sex.UNKNOWN, "x": Sex.UNKNOWN,
    "prefernottosay": Sex.UNKNOWN,
}  # fmt: skip


def parse_sex(raw: str) -> Sex:
    sex = _SEX.get(_key(raw))
    if sex is None:
        raise ValueError("is not a gender ESR records (Female, Male or Unknown)")
    return sex


_DISABILITY = {
    "yes": DisabilityGroup.DISABLED, "y": DisabilityGroup.DISABLED,
    "no": DisabilityGroup.NON_DISABLED, "n": DisabilityGroup.NON_DISABLED,
    "": DisabilityGroup.UNKNOWN, "notdeclared": DisabilityGroup.UNKNOWN,
    "prefernottoanswer": DisabilityGroup.UNKNOWN, "prefernottosay": DisabilityGroup.UNKNOWN,
    "unspecified": DisabilityGroup.UNKNOWN, "notknown": DisabilityGroup.UNKNOWN, "notstated": DisabilityGroup.UNKNOWN,
}  # fmt: skip


def parse_disability(raw: str) -> DisabilityGroup:
    group = _DISABILITY.get(_key(raw))
    if group is None:
        raise ValueError("is not a disability flag (Yes, No, Not Declared, Prefer Not To Answer, Unspecified or blank)")
    return group


# ESR ethnic origin descriptions, for files that give the description without its code.
ETHNIC_ORIGINS = {
    "A": "White - British", "B": "White - Irish", "C": "White - Any other White background",
    "D": "Mixed - White & Black Caribbean", "E": "Mixed - White & Black African", "F": "Mixed - White & Asian",
    "G": "Mixed - Any other mixed background", "H": "Asian or Asian British - Indian",
    "J": "Asian or Asian British - Pakistani", "K": "Asian or Asian British - Bangladeshi",
    "L": "Asian or Asian British - Any other Asian background", "M": "Black or Black British - Caribbean",
    "N": "Black or Black British - African", "P": "Black or Black British - Any other Black background",
    "R": "Chinese", "S": "Any Other Ethnic Group", "Z": "Not Stated",
}  # fmt: skip
_ETHNIC_DESCRIPTIONS = {_key(text): code for code, text in ETHNIC_ORIGINS.items()}
_ETHNIC_CODE = re.compile(r"^([A-Za-z][A-Za-z0-9]?)(?:\s|$)")
_ETHNIC_UNSTATED = {"", "unspecified", "undefined", "notknown", "notstated", "notgiven"}


# The letters ESR's ethnic origin codes start with (ETHNIC_ORIGINS): A to S without I, O and Q (never used,
# as they read like 1, 0 and O), and Z. Anything else is a row error, never a guess at BME or White.
ETHNIC_CODE_LETTERS = frozenset(code for code in ETHNIC_ORIGINS)


def parse_ethnic_origin(raw: str) -> str:
    """The ESR ethnic origin code ("A", "CP", "Z"), or "" when not given. Codes starting with a letter ESR
    does not use (I, O, Q and T to Y) are refused, so they cannot be counted as BME."""
    value = raw.strip()
    key = _key(value)
    if key in _ETHNIC_UNSTATED:
        return "Z" if key == "notstated" else ""
    match = _ETHNIC_CODE.match(value)
    if match:
        code = match.group(1).upper()
        if code[0] in ETHNIC_CODE_LETTERS:
            return code
    code = _ETHNIC_DESCRIPTIONS.get(key)
    if code:
        return code
    raise ValueError(
        "is not an ESR ethnic origin: codes start with A to S (not I, O or Q) or Z, "
        'for example "A White - British", "CP White - Polish", "Z Not Stated"'
    )


_NOT_DECLARED = (
    "notstated", "donotwish", "dontwish", "prefernot", "unspecified", "notdeclared", "declined", "notknown",
)  # fmt: skip


def parse_sexual_orientation(raw: str) -> SexualOrientation:
    """Not stated, unspecified, prefer not to say and blank are Not declared."""
    key = _key(raw)
    if not key or any(word in key for word in _NOT_DECLARED):
        return SexualOrientation.NOT_DECLARED
    for words, value in (
        (("heterosexual", "straight"), SexualOrientation.HETEROSEXUAL),
        (("gay", "lesbian"), SexualOrientation.GAY_LESBIAN),
        (("bisexual",), SexualOrientation.BISEXUAL),
        (("undecided", "notsure"), SexualOrientation.UNDECIDED),
        (("other", "notlisted"), SexualOrientation.OTHER),
    ):
        if any(word in key for word in words):
            return value
    raise ValueError("is not a sexual orientation ESR records (Heterosexual or Straight, Gay or Lesbian, ...)")


_RELIGIONS = (
    (("atheism", "atheist", "norelig", "none"), Religion.ATHEISM),
    (("buddhis",), Religion.BUDDHISM),
    (("christian",), Religion.CHRISTIANITY),
    (("hindu",), Religion.HINDUISM),
    (("islam", "muslim"), Religion.ISLAM),
    (("jain",), Religion.JAINISM),
    (("judaism", "jewish"), Religion.JUDAISM),
    (("sikh",), Religion.SIKHISM),
    (("other",), Religion.OTHER),
)


def parse_religion(raw: str) -> Religion:
    """I do not wish to disclose, unspecified and blank are Not declared."""
    key = _key(raw)
    if not key or any(word in key for word in _NOT_DECLARED):
        return Religion.NOT_DECLARED
    for words, value in _RELIGIONS:
        if any(word in key for word in words):
            return value
    raise ValueError("is not a religious belief ESR records (Christianity, Islam, Atheism, ...)")


# --- dates and ages -------------------------------------------------------------------------------

_DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d-%b-%Y", "%d %b %Y", "%d-%B-%Y", "%d %B %Y", "%d.%m.%Y")


def parse_date(raw: str) -> date:
    """ESR and spreadsheet date formats: 1980-01-31, 31/01/1980, 31-JAN-1980, 31 Jan 1980 (a time is ignored)."""
    value = raw.strip()
    if len(value) > 10 and value[10] in " T" and value[:4].isdigit():
        value = value[:10]
    if len(value) == 10 and value[4] == "-":
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    raise ValueError("is not a date (use YYYY-MM-DD or DD/MM/YYYY)")


def age_band_from_birth(raw: str, on: date) -> str:
    born = parse_date(raw)
    age = on.year - born.year - ((on.month, on.day) < (born.month, born.day))
    if age > 100 or born > on:
        raise ValueError(f"gives an age of {age} on the snapshot date: check the date")
    band = age_band_for(age)
    if band is None:
        raise ValueError(f"gives an age of {age} on the snapshot date, under 16")
    return band


_ESR_BAND = re.compile(r"^(\d{2})\s*-\s*(\d{2})(?:\s*years)?$")


def parse_age_band(raw: str) -> str:
    """Our bands ("55-59", "70+") as they are, and ESR's bands ("56-60", "<=20 Years", ">=71 Years") as ESR's
    bands ("56-60", "<=20", ">=71"): ESR's start a year later than ours, so one cannot be read as the other
    (the portal once read ESR's 51-55 as 50-54, counting 55-year-olds as under 55)."""
    value = raw.strip().lower()
    if value in AGE_BANDS:
        return value
    if value in {"70 and over", "70+ years"}:
        return "70+"
    if value in {"<=20 years", "<=20", "<20", "under 20", "16-20", "16-20 years"}:
        return "<=20"
    if value in {">=71 years", ">=71", "71+", "71 and over"}:
        return ">=71"
    match = _ESR_BAND.match(value)
    if match:
        band = f"{match.group(1)}-{match.group(2)}"
        if band in ESR_AGE_BANDS:
            return band
    raise ValueError('is not an age band (for example "55-59", or ESR\'s "56-60")')


# --- numbers and identifiers ------------------------------------------------------------------------


def parse_number(raw: str, *, low: float, high: float) -> str:
    """A number as text COPY and SQL accept; "£1,234.50" -> "1234.50". Raises ValueError when out of range."""
    value = raw.strip().replace(",", "").lstrip("£")
    try:
        number = float(value)
    except ValueError:
        raise ValueError("is not a number") from None
    if not low <= number <= high:
        raise ValueError(f"is outside {low:g} to {high:g}")
    return value


_IDENTIFIER = re.compile(r"^[A-Za-z0-9][A-Za-z0-9\-/]{0,29}$")


def normalise_identifier(raw: str) -> str:
    """An employee or assignment number as it is hashed: upper case, without the ".0" or leading zeros
    that spreadsheets add or remove, so the same person gets the same key whichever way the file was saved."""
    value = raw.strip().upper()
    if value.endswith(".0"):
        value = value[:-2]
    value = value.lstrip("0") or value
    if not _IDENTIFIER.match(value):
        raise ValueError("is not an ESR number (letters, digits and hyphens, up to 30 characters)")
    return value
