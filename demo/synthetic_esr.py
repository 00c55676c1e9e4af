"""Synthetic ESR staff-in-post extracts for demos, tests and benchmarks. Nobody in them is real.

Distributions are set to look like Lancashire and South Cumbria: about 10% of staff from ethnic
minorities (more in East Lancashire and among doctors and nurses, fewer in South Cumbria and the
ambulance service), about 77% women, Agenda for Change bands per staff group at the 2024/25 pay
points, medical grades, very senior managers, bank assignments, second assignments, clinical
excellence awards for some consultants, boards of about 14 members, and some "Not Stated" values.

Deterministic per seed, and plausible year on year: each synthetic person has a start year, a
leaving year and a sub-seed drawn in sequence from the seed, so the files for 2021 and 2025 with
the same seed share most people (about 9% leave a year), they age, move up pay points, and
joiners are slightly more diverse and more likely to declare their characteristics than leavers.
"""

import csv
import random
from bisect import bisect
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cached_property
from itertools import accumulate

from workforce.models import reporting_year_for

HEADER = [
    "Employee Number", "Assignment Number", "Primary Assignment", "Organisation", "Staff Group", "Occupation Code",
    "Job Role", "Pay Band", "Assignment Category", "FTE", "Contracted Hours", "Hourly Rate", "Annual Salary",
    "Bonus Pay", "Gender", "Date of Birth", "Ethnic Origin", "Disability Flag", "Sexual Orientation",
    "Religious Belief", "Board Member", "Voting Board Member", "Executive Board Member",
]  # fmt: skip

# The ESR organisations of workforce/data/organisations.json: relative size and how many staff are
# from ethnic minorities compared with the ICS as a whole.
ORGANISATIONS = {
    "RXR": (9.5, 1.7), "RXN": (9.0, 1.2), "RXL": (7.5, 0.9), "RW5": (7.0, 0.9), "RTX": (6.5, 0.6),
    "RX7": (7.5, 0.45), "QE1": (1.2, 1.0),
}  # fmt: skip

# Agenda for Change pay points from 1 April 2024 (2024/25), entry to top of each band.
AFC_PAY_2024_25 = {
    "1": (23615,), "2": (23615,), "3": (24071, 25674), "4": (26530, 29114), "5": (29970, 32324, 36483),
    "6": (37338, 39405, 44962), "7": (46148, 48526, 52809), "8A": (53755, 60504), "8B": (62215, 72293),
    "8C": (74290, 85601), "8D": (88168, 101677), "9": (105385, 121271),
}  # fmt: skip
# Medical and dental pay 2024/25: (grade as ESR names it, WRES cluster, pay points).
MEDICAL_PAY_2024_25 = {
    "consultant": ("Consultant", (105504, 111714, 117924, 124132, 139882)),
    "specialty_doctor": ("Specialty Doctor", (59175, 68174, 74582, 83162, 95400)),
    "specialist": ("Specialist", (96990, 107155)),
    "registrar": ("Specialty Registrar", (49909, 63152, 70425)),
    "fy1": ("Foundation Year 1", (36616,)),
    "fy2": ("Foundation Year 2", (42008,)),
}
# Pay awards relative to 2024/25, by reporting year (2025 = 2024/25); approximate for other years.
PAY_FACTOR = {2026: 1.036, 2025: 1.0, 2024: 0.948, 2023: 0.905, 2022: 0.88, 2021: 0.857, 2020: 0.835, 2019: 0.81}

# staff group: (share of staff, share of women, chance of being from an ethnic minority, bands and weights,
#               occupation code, job roles)
STAFF_GROUPS = {
    "Nursing and Midwifery Registered": (
        0.28,
        0.89,
        0.11,
        {"5": 45, "6": 30, "7": 18, "8A": 5, "8B": 1.5, "8C": 0.5},
        "N0A",
        ("Staff Nurse", "Sister/Charge Nurse", "Midwife", "Nurse Manager"),
    ),  # noqa: E501
    "Additional Clinical Services": (
        0.22,
        0.83,
        0.07,
        {"2": 30, "3": 50, "4": 18, "5": 2},
        "H1A",
        ("Healthcare Assistant", "Support Worker", "Assistant Practitioner"),
    ),  # noqa: E501
    "Administrative and Clerical": (
        0.24,
        0.80,
        0.05,
        {"2": 10, "3": 30, "4": 25, "5": 12, "6": 8, "7": 7, "8A": 4, "8B": 2, "8C": 1, "8D": 0.5, "9": 0.5},
        "G0A",
        ("Administrator", "Medical Secretary", "Manager", "Clerical Worker", "Receptionist"),
    ),  # noqa: E501
    "Allied Health Professionals": (
        0.07,
        0.80,
        0.07,
        {"5": 20, "6": 40, "7": 30, "8A": 8, "8B": 2},
        "S0A",
        ("Physiotherapist", "Occupational Therapist", "Radiographer", "Paramedic"),
    ),  # noqa: E501
    "Medical and Dental": (0.10, 0.48, 0.45, {}, "M0A", ("Consultant", "Doctor")),
    "Estates and Ancillary": (
        0.06,
        0.45,
        0.04,
        {"1": 2, "2": 60, "3": 20, "4": 10, "5": 5, "6": 2, "7": 1},
        "E0A",
        ("Domestic", "Porter", "Catering Assistant", "Maintenance Craftsperson"),
    ),  # noqa: E501
    "Add Prof Scientific and Technic": (
        0.025,
        0.65,
        0.10,
        {"4": 10, "5": 15, "6": 20, "7": 30, "8A": 15, "8B": 7, "8C": 3},
        "P0A",
        ("Pharmacist", "Psychologist", "Pharmacy Technician"),
    ),  # noqa: E501
    "Healthcare Scientists": (
        0.015,
        0.60,
        0.10,
        {"3": 10, "4": 10, "5": 15, "6": 20, "7": 25, "8A": 12, "8B": 8},
        "S1A",
        ("Biomedical Scientist", "Clinical Physiologist"),
    ),  # noqa: E501
    "Students": (0.005, 0.85, 0.08, {"2": 50, "3": 30, "4": 20}, "N9A", ("Student Nurse", "Apprentice")),
}
MEDICAL_GRADES = {"consultant": 40, "specialty_doctor": 12, "specialist": 3, "registrar": 27, "fy1": 9, "fy2": 9}

WHITE_ORIGINS = (
    ("A White - British", 90),
    ("B White - Irish", 2),
    ("C White - Any other White background", 4),
    ("CP White - Polish", 2),
)  # noqa: E501
BME_ORIGINS = (
    ("H Asian or Asian British - Indian", 25), ("J Asian or Asian British - Pakistani", 15),
    ("K Asian or Asian British - Bangladeshi", 2), ("L Asian or Asian British - Any other Asian background", 10),
    ("SC Filipino", 12), ("N Black or Black British - African", 15), ("M Black or Black British - Caribbean", 2),
    ("P Black or Black British - Any other Black background", 2), ("D Mixed - White & Black Caribbean", 2),
    ("F Mixed - White & Asian", 3), ("G Mixed - Any other mixed background", 3), ("R Chinese", 3),
    ("S Any Other Ethnic Group", 6),
)  # fmt: skip
ORIENTATIONS = (
    ("Heterosexual or Straight", 80), ("Gay or Lesbian", 2), ("Bisexual", 1.5),
    ("Other sexual orientation not listed", 0.3), ("Undecided", 0.2),
)  # fmt: skip
RELIGIONS_WHITE = (("Christianity", 52), ("Atheism", 30), ("Other", 6), ("Buddhism", 0.5), ("Judaism", 0.5))
RELIGIONS_BY_ORIGIN = {
    "H": (("Hinduism", 50), ("Sikhism", 20), ("Islam", 15), ("Christianity", 10), ("Jainism", 2)),
    "J": (("Islam", 95), ("Other", 2)),
    "K": (("Islam", 95), ("Other", 2)),
    "SC": (("Christianity", 95), ("Other", 2)),
    "N": (("Christianity", 80), ("Islam", 15)),
}
NOT_DECLARED_RELIGION = ("I do not wish to disclose my religion/belief", "Unspecified")
NOT_DECLARED_ORIENTATION = ("Not stated (person asked but declined to provide a response)", "Unspecified")

BASE_YEAR = 2018  # the simulated workforce starts here; files before it are not plausible trends
WEEKS_PER_YEAR = 52.143


@dataclass
class Person:
    index: int
    seed: int  # their own random sequence, so adding people elsewhere does not change them
    start: int  # reporting year they joined
    leave: int  # first reporting year they are no longer here
    age_at_start: int = 40

    @cached_property
    def rng(self):
        return random.Random(self.seed)


class _Weighted:
    """Items with weights, drawn with one random number (random.choices rebuilds its table on every call)."""

    def __init__(self, pairs):
        self.items, weights = zip(*pairs, strict=True)
        self.cumulative = list(accumulate(weights))
        self.total = self.cumulative[-1]

    def draw(self, rng):
        return self.items[bisect(self.cumulative, rng.random() * self.total)]


WHITE = _Weighted(WHITE_ORIGINS)
BME = _Weighted(BME_ORIGINS)
ORIENTATION = _Weighted(ORIENTATIONS)
RELIGION_WHITE = _Weighted(RELIGIONS_WHITE)
RELIGION_BY_ORIGIN = {code: _Weighted(pairs) for code, pairs in RELIGIONS_BY_ORIGIN.items()}
ORGANISATION = _Weighted([(code, size) for code, (size, _) in ORGANISATIONS.items()])
STAFF_GROUP = _Weighted([(name, spec[0]) for name, spec in STAFF_GROUPS.items()])
AMBULANCE_STAFF_GROUP = _Weighted(
    (
        ("Allied Health Professionals", 35),
        ("Additional Clinical Services", 35),
        ("Administrative and Clerical", 25),
        ("Estates and Ancillary", 5),
    )
)
BANDS = {name: _Weighted(spec[3].items()) for name, spec in STAFF_GROUPS.items() if spec[3]}
MEDICAL_GRADE = _Weighted(MEDICAL_GRADES.items())
FTE = _Weighted(((1.0, 62), (0.8, 12), (0.6, 10), (0.5, 8), (0.4, 5), (0.27, 3)))
CATEGORY = _Weighted((("Permanent", 92), ("Fixed Term Temp", 8)))
DISABILITY_UNDECLARED = _Weighted((("Not Declared", 60), ("Prefer Not To Answer", 10), ("Unspecified", 20), ("", 10)))
ORIENTATION_UNDECLARED = _Weighted(((NOT_DECLARED_ORIENTATION[0], 6), (NOT_DECLARED_ORIENTATION[1], 4)))
RELIGION_UNDECLARED = _Weighted(((NOT_DECLARED_RELIGION[0], 6), (NOT_DECLARED_RELIGION[1], 4)))


def _people(seed: int):
    """Every synthetic person, in a fixed order: whether they are in post in a year is start <= year < leave."""
    sequence = random.Random(seed)
    index = 0
    while True:
        if sequence.random() < 0.82:
            start = BASE_YEAR - int(sequence.expovariate(1 / 9))
        else:
            start = BASE_YEAR + 1 + int(sequence.random() * 10)
        age_at_start = 19 + int(sequence.random() * 35)
        leave = min(start + 1 + int(sequence.expovariate(0.09)), start + 68 - age_at_start)  # retire by 68
        yield Person(index, seed * 1_000_003 + index, start, leave, age_at_start)
        index += 1


def write_extract(out, *, rows: int, seed: int, snapshot_date: date) -> int:
    """Write a CSV extract of exactly `rows` assignments to the text stream `out`; return the row count."""
    year = reporting_year_for(snapshot_date)
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADER)
    written = 0
    for row in _board_rows(seed, year, snapshot_date):
        if written == rows:
            return written
        writer.writerow(row)
        written += 1
    for person in _people(seed):
        if not person.start <= year < person.leave:
            continue
        for row in _person_rows(person, year, snapshot_date):
            if written == rows:
                return written
            writer.writerow(row)
            written += 1
    return written


def _characteristics(rng, person, year, ods, staff_group, senior, women_share, bme_chance):
    """Gender, date of birth, ethnic origin, disability, orientation and religion, as ESR records them in `year`."""
    sex = "Female" if rng.random() < (women_share * (0.8 if senior else 1.0)) else "Male"
    born = date(person.start - person.age_at_start, 1, 1) + timedelta(days=int(rng.random() * 365))
    diversity = ORGANISATIONS[ods][1]
    joined_later = max(0, person.start - BASE_YEAR)
    chance = bme_chance * (diversity if staff_group != "Medical and Dental" else diversity**0.3)
    chance = min(0.9, chance * (0.6 if senior else 1.0) + 0.005 * joined_later)
    is_bme = rng.random() < chance
    origin = (BME if is_bme else WHITE).draw(rng)
    # Not stated at first for some; many declare later, so declaration rates rise year on year.
    declares_in = person.start + (0 if rng.random() < 0.9 else 1 + int(rng.expovariate(0.25)))
    if year < declares_in:
        origin = "Z Not Stated" if rng.random() < 0.85 else ""
    disabled_chance = 0.045 + 0.004 * joined_later
    disability_declares_in = person.start + (0 if rng.random() < 0.7 else 1 + int(rng.expovariate(0.2)))
    if year < disability_declares_in:
        disability = DISABILITY_UNDECLARED.draw(rng)
    else:
        disability = "Yes" if rng.random() < disabled_chance else "No"
    if year < disability_declares_in and rng.random() < 0.8:
        orientation = ORIENTATION_UNDECLARED.draw(rng)
        religion = RELIGION_UNDECLARED.draw(rng)
    else:
        orientation = ORIENTATION.draw(rng)
        code = origin.split(" ")[0] if origin else ""
        religion = RELIGION_BY_ORIGIN.get(code, RELIGION_WHITE).draw(rng)
    return sex, born, origin, disability, orientation, religion


def _person_rows(person, year, snapshot_date):
    rng = person.rng
    ods = ORGANISATION.draw(rng)
    pay_format = "xr" if ods == "RXN" else "band"  # one trust's extract gives ESR pay scales, not bands
    if ods == "QE1":
        staff_group = "Administrative and Clerical" if rng.random() < 0.85 else "Nursing and Midwifery Registered"
    elif ods == "RX7":
        staff_group = AMBULANCE_STAFF_GROUP.draw(rng)
    else:
        staff_group = STAFF_GROUP.draw(rng)
    _, women_share, bme_chance, _, occupation, roles = STAFF_GROUPS[staff_group]
    years_in_post = max(0, year - person.start)
    factor = PAY_FACTOR.get(year, 1.0)
    bonus = 0
    if staff_group == "Medical and Dental":
        grade = MEDICAL_GRADE.draw(rng)
        name, points = MEDICAL_PAY_2024_25[grade]
        pay_band, job_role, hours_full = name, ("Consultant" if grade == "consultant" else "Doctor"), 40.0
        annual_full = points[min(len(points) - 1, years_in_post // 3)]
        senior = grade == "consultant"
        if senior and rng.random() < 0.15:
            bonus = rng.choice((3016, 6032, 9048, 12064, 15080, 20000, 30000, 40038))
    else:
        band = BANDS[staff_group].draw(rng)
        points = AFC_PAY_2024_25[band]
        annual_full = points[min(len(points) - 1, years_in_post // 2)]
        hours_full = 37.5
        if pay_format == "xr":
            pay_band = f"XR{int(band[0]):02d} Review Body Band {band[0]}" + (
                f" - Range {band[1]}" if len(band) > 1 else ""
            )
        else:
            pay_band = f"Band {band}"
        job_role = rng.choice(roles)
        senior = band in {"8B", "8C", "8D", "9"}
    sex, born, origin, disability, orientation, religion = _characteristics(
        rng, person, year, ods, staff_group, senior, women_share, bme_chance
    )
    bank_only = rng.random() < 0.05
    fte = 0 if bank_only else FTE.draw(rng)
    category = "Bank" if bank_only else CATEGORY.draw(rng)
    employee = str(20_000_000 + person.index)
    common = [sex, born.isoformat(), origin, disability, orientation, religion, "N", "N", "N"]
    annual = annual_full * factor
    hourly_full = annual / (hours_full * WEEKS_PER_YEAR)
    rows = []
    if bank_only:
        rows.append([employee, employee, "Y", ods, staff_group, occupation, job_role, pay_band, category, "0", "",
                     f"{hourly_full:.2f}", "", "0", *common])  # fmt: skip
    else:
        rows.append([employee, employee, "Y", ods, staff_group, occupation, job_role, pay_band, category, f"{fte:g}",
                     f"{hours_full * fte:g}", "", f"{annual * fte:.2f}", f"{bonus * factor:.2f}", *common])  # fmt: skip
        if rng.random() < 0.07:  # a bank assignment as well as their post
            rows.append([employee, f"{employee}-2", "N", ods, staff_group, occupation, job_role, pay_band, "Bank",
                         "0", "", f"{hourly_full:.2f}", "", "0", *common])  # fmt: skip
    return rows


BOARD_SEATS = (
    # (job role, assignment category, voting, executive, pay band, annual salary 2024/25)
    ("Chair", "Non-Exec Director/Chair", True, False, "Other", 57000),
    *[("Non-Executive Director", "Non-Exec Director/Chair", True, False, "Other", 13000)] * 6,
    ("Chief Executive", "Permanent", True, True, "VSM", 230000),
    ("Director of Finance", "Permanent", True, True, "VSM", 175000),
    ("Medical Director", "Permanent", True, True, "VSM", 190000),
    ("Director of Nursing", "Permanent", True, True, "VSM", 165000),
    ("Chief Operating Officer", "Permanent", True, True, "VSM", 170000),
    ("Director of People", "Permanent", False, True, "VSM", 150000),
    ("Director of Strategy", "Permanent", False, True, "VSM", 145000),
)


def _board_rows(seed, year, snapshot_date):
    """About 14 board members per organisation; each seat changes holder every five years or so."""
    for ods in ORGANISATIONS:
        for seat, (role, category, voting, executive, band, salary) in enumerate(BOARD_SEATS):
            term = (year + seat) // 5
            rng = random.Random(f"{seed}-{ods}-{seat}-{term}")
            employee = str(10_000_000 + rng.randrange(9_000_000))
            person = Person(0, 0, (term * 5) - seat, 9999)
            person.rng = rng
            sex, born, origin, disability, orientation, religion = _characteristics(
                rng, person, year, ods, "Administrative and Clerical", True, 0.5, 0.08
            )
            if year - person.start < 1 and origin in {"", "Z Not Stated"}:
                origin = "A White - British"
            if snapshot_date.year - born.year < 40:
                born = date(snapshot_date.year - 42 - rng.randrange(20), 1, 1) + timedelta(days=rng.randrange(365))
            annual = salary * PAY_FACTOR.get(year, 1.0)
            yield [employee, employee, "Y", ods, "Administrative and Clerical", "G0A", role, band, category,
                   "1" if executive else "0.1", "37.5" if executive else "3.75", "", f"{annual:.2f}", "0.00",
                   sex, born.isoformat(), origin, disability, orientation, religion, "Y", "Y" if voting else "N",
                   "Y" if executive else "N"]  # fmt: skip
