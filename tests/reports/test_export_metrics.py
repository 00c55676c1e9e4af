"""manage.py export_metrics: every metric of a scope for a snapshot, checked against a calculation of its own.

The independent calculation below reads the synthetic ESR extract with the csv module and works each
figure out in plain Python from the definitions (WRES and WDES technical guidance, SI 2017/353), sharing no
code with workforce.metrics.
"""

import csv
import io
import json
import re
import statistics
import subprocess
import sys
from datetime import date

import pytest
from django.core.management import CommandError, call_command

from demo.synthetic_esr import write_extract
from organisations.models import Organisation
from organisations.services.reference_data import reference_data_load
from workforce.models import (
    FormalProcessFigures,
    MetricResult,
    RecruitmentFigures,
    TrainingFigures,
    reporting_year_label,
)
from workforce.services.esr_import import esr_extract_import

pytestmark = pytest.mark.django_db

DAY = date(2025, 3, 31)
YEAR = 2025
ROWS = 10_000  # enough that the ICS bonus figures are not small numbers

# --- The independent calculation ---------------------------------------------------------------------

NON_CLINICAL = {"Administrative and Clerical", "Estates and Ancillary"}
CAREER_GRADES = {"Specialty Doctor", "Specialist"}
TRAINEE_GRADES = {"Specialty Registrar", "Foundation Year 1", "Foundation Year 2"}
ORIENTATIONS = {
    "Heterosexual or Straight",
    "Gay or Lesbian",
    "Bisexual",
    "Other sexual orientation not listed",
    "Undecided",
}
RELIGIONS = {"Atheism", "Buddhism", "Christianity", "Hinduism", "Islam", "Jainism", "Judaism", "Sikhism", "Other"}


def ethnic_group(origin):
    letter = origin.strip()[:1].upper()
    if letter in ("A", "B", "C"):
        return "white"
    if letter and "D" <= letter <= "S":
        return "bme"
    return "unknown"


def disability_group(flag):
    return {"Yes": "disabled", "No": "non_disabled"}.get(flag.strip(), "unknown")


def band_row(pay_band):
    if pay_band == "Consultant":
        return "consultant"
    if pay_band in CAREER_GRADES:
        return "career_grade"
    if pay_band in TRAINEE_GRADES:
        return "trainee"
    if pay_band == "VSM":
        return "vsm"
    match = re.search(r"Band (\d)(?: - Range ([A-D])|([A-D]))?$", pay_band)
    if match:
        return match.group(1) + (match.group(2) or match.group(3) or "").lower()
    return "other"


def hourly_rate(row):
    if row["Hourly Rate"]:
        return float(row["Hourly Rate"])
    hours = float(row["Contracted Hours"] or 0)
    if not hours or not row["Annual Salary"]:
        return None
    return round(float(row["Annual Salary"]) / (hours * 52.143), 4)  # ESR rates are kept to 4 places


def expected_quartiles(people):
    """% men and % women in each quartile: rank by rate; 1 spare person goes to the lower quartile, 2 to
    lower and upper middle, 3 to lower, lower middle and upper middle; people on one rate straddling a
    boundary are shared between the quartiles in their own male:female proportion."""
    people = sorted(people)
    n = len(people)
    extra = {0: (0, 0, 0, 0), 1: (1, 0, 0, 0), 2: (1, 0, 1, 0), 3: (1, 1, 1, 0)}[n % 4]
    sizes = [n // 4 + e for e in extra]
    bounds = [0, sizes[0], sizes[0] + sizes[1], sizes[0] + sizes[1] + sizes[2], n]
    men = [0.0] * 4
    start = 0
    while start < n:
        end = start
        while end < n and people[end][0] == people[start][0]:
            end += 1
        men_on_rate = sum(1 for _, sex in people[start:end] if sex == "Male")
        for quartile in range(4):
            overlap = max(0, min(end, bounds[quartile + 1]) - max(start, bounds[quartile]))
            men[quartile] += overlap * men_on_rate / (end - start)
        start = end
    return [(100 * men[q] / sizes[q], 100 * (sizes[q] - men[q]) / sizes[q]) for q in range(4)]


def independent_metrics(rows, figures):
    """The expected figures from the extract's rows and the figures entered ({ODS code: {section: values}})."""
    primary = [r for r in rows if r["Primary Assignment"] == "Y"]
    headcount = [r for r in primary if r["Assignment Category"] != "Bank"]
    expected = {"headcount_by_group": {g: 0 for g in ("white", "bme", "unknown")}, "band_share": {}}
    for r in headcount:
        expected["headcount_by_group"][ethnic_group(r["Ethnic Origin"])] += 1
    cells = {}
    for r in headcount:
        split = "non_clinical" if r["Staff Group"] in NON_CLINICAL else "clinical"
        key = (split, band_row(r["Pay Band"]))
        cells.setdefault(key, {"white": 0, "bme": 0, "unknown": 0})[ethnic_group(r["Ethnic Origin"])] += 1
    for key, by_group in cells.items():
        total = sum(by_group.values())
        expected["band_share"][key] = {g: 100 * n / total for g, n in by_group.items()}

    white, bme = expected["headcount_by_group"]["white"], expected["headcount_by_group"]["bme"]

    def total(section):
        fields = next(iter(figures.values()))[section]
        return {field: sum(entered[section][field] for entered in figures.values()) for field in fields}

    recruitment, disciplinary, training = total("recruitment"), total("formal"), total("training")
    expected["wres_2"] = (recruitment["appointed_white"] / recruitment["shortlisted_white"]) / (
        recruitment["appointed_bme"] / recruitment["shortlisted_bme"]
    )
    expected["wres_3"] = (disciplinary["disciplinary_bme"] / bme) / (disciplinary["disciplinary_white"] / white)
    expected["wres_4"] = (training["training_white"] / white) / (training["training_bme"] / bme)

    # Pay gaps count employees: each person once, their assignments' basic pay and hours added up (the
    # extract has basic rates only, so this is the estimate from basic pay) and their bonuses added up.
    employees: dict = {}
    for r in rows:
        employees.setdefault((r["Organisation"], r["Employee Number"]), []).append(r)
    hourly, bonus_men, bonus_women, relevant_men, relevant_women = [], [], [], 0, 0
    for assignments in employees.values():
        sex = next(r for r in assignments if r["Primary Assignment"] == "Y")["Gender"]
        paid = [(hourly_rate(r), float(r["Contracted Hours"] or 0)) for r in assignments]
        paid = [(rate, contracted) for rate, contracted in paid if rate and contracted > 0]
        if len(paid) == 1:
            hourly.append((paid[0][0], sex))  # the rate itself, so people on one rate stay a tie
        elif paid:
            hourly.append((sum(rate * hours for rate, hours in paid) / sum(hours for _, hours in paid), sex))
        bonus = sum(float(r["Bonus Pay"] or 0) for r in assignments)
        relevant_men, relevant_women = relevant_men + (sex == "Male"), relevant_women + (sex == "Female")
        if bonus > 0:
            (bonus_men if sex == "Male" else bonus_women if sex == "Female" else []).append(bonus)
    men = [rate for rate, sex in hourly if sex == "Male"]
    women = [rate for rate, sex in hourly if sex == "Female"]
    gap = lambda m, w: 100 * (m - w) / m  # noqa: E731
    quartiles = expected_quartiles(hourly)
    expected["gov_uk"] = {
        "DiffMeanHourlyPercent": gap(statistics.mean(men), statistics.mean(women)),
        "DiffMedianHourlyPercent": gap(statistics.median(men), statistics.median(women)),
        "DiffMeanBonusPercent": gap(statistics.mean(bonus_men), statistics.mean(bonus_women)),
        "DiffMedianBonusPercent": gap(statistics.median(bonus_men), statistics.median(bonus_women)),
        "MaleBonusPercent": 100 * len(bonus_men) / relevant_men,
        "FemaleBonusPercent": 100 * len(bonus_women) / relevant_women,
    }
    names = ("LowerQuartile", "LowerMiddleQuartile", "UpperMiddleQuartile", "TopQuartile")
    for name, (male, female) in zip(names, quartiles, strict=True):
        expected["gov_uk"][f"Male{name}"] = male
        expected["gov_uk"][f"Female{name}"] = female

    not_stated = {
        "ethnicity": lambda r: ethnic_group(r["Ethnic Origin"]) == "unknown",
        "disability": lambda r: disability_group(r["Disability Flag"]) == "unknown",
        "sexual_orientation": lambda r: r["Sexual Orientation"] not in ORIENTATIONS,
        "religion": lambda r: r["Religious Belief"] not in RELIGIONS,
    }
    expected["declaration"] = {c: 100 * sum(map(test, primary)) / len(primary) for c, test in not_stated.items()}
    return expected


# --- Fixtures -----------------------------------------------------------------------------------------


def import_synthetic(path, rows, day=DAY):
    with path.open("w", newline="", encoding="utf-8") as stream:
        write_extract(stream, rows=rows, seed=7, snapshot_date=day)
    esr_extract_import(path=path, snapshot_date=day)
    return path


@pytest.fixture
def small_extract(tmp_path, db):
    reference_data_load()
    return import_synthetic(tmp_path / "small.csv", rows=600)


@pytest.fixture
def extract(tmp_path, db):
    """A synthetic 10,000-assignment ESR extract imported for 31 March 2025, with recruitment, disciplinary
    and training figures entered for every organisation after the import (so the stored metrics are out
    of date until export_metrics runs). Returns the file and the figures entered, as plain numbers."""
    reference_data_load()
    path = import_synthetic(tmp_path / "synthetic.csv", rows=ROWS)
    headcount: dict = {}
    for row in csv.DictReader(path.open(encoding="utf-8")):
        if row["Primary Assignment"] == "Y" and row["Assignment Category"] != "Bank":
            counts = headcount.setdefault(row["Organisation"], {"white": 0, "bme": 0, "unknown": 0})
            counts[ethnic_group(row["Ethnic Origin"])] += 1
    entered = {}
    for n, organisation in enumerate(Organisation.objects.filter(uses_esr=True).order_by("pk"), start=1):
        white, bme = headcount[organisation.ods_code]["white"], headcount[organisation.ods_code]["bme"]
        values = {
            "recruitment": dict(
                shortlisted_white=300 + 10 * n, shortlisted_bme=60 + n, shortlisted_ethnicity_unknown=9,
                appointed_white=90 + n, appointed_bme=12 + n, appointed_ethnicity_unknown=2,
                shortlisted_disabled=30, shortlisted_non_disabled=330, shortlisted_disability_unknown=9,
                appointed_disabled=8, appointed_non_disabled=100, appointed_disability_unknown=2,
            ),
            "formal": dict(
                disciplinary_white=white // 25 + n, disciplinary_bme=bme // 12 + 1, disciplinary_ethnicity_unknown=1,
                capability_disabled=2, capability_non_disabled=9, capability_disability_unknown=0,
            ),
            "training": dict(training_white=white // 2, training_bme=bme // 3 + 1, training_ethnicity_unknown=4),
        }  # fmt: skip
        RecruitmentFigures.objects.create(organisation=organisation, year=YEAR, **values["recruitment"])
        FormalProcessFigures.objects.create(organisation=organisation, year=YEAR, **values["formal"])
        TrainingFigures.objects.create(organisation=organisation, year=YEAR, **values["training"])
        entered[organisation.ods_code] = values
    return path, entered


def export(*args):
    out = io.StringIO()
    call_command("export_metrics", *args, stdout=out)
    return out.getvalue()


# --- Tests --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("scope", [(), ("--organisation", "RXR")], ids=["ics", "east-lancashire"])
def test_the_export_agrees_with_an_independent_calculation_over_the_extract(extract, scope):
    path, figures = extract
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    if scope:
        rows = [r for r in rows if r["Organisation"] == scope[1]]
        figures = {scope[1]: figures[scope[1]]}
    expected = independent_metrics(rows, figures)
    result = json.loads(export("--snapshot", "2025-03-31", *scope))

    overall = result["wres"]["1"]["overall_workforce"]["counts"]
    for group, count in expected["headcount_by_group"].items():
        assert overall[group]["suppressed"] or overall[group]["value"] == count
    assert result["headcount"]["value"] == sum(expected["headcount_by_group"].values())

    compared = 0
    for (split, row), shares in expected["band_share"].items():
        for group, share in shares.items():
            figure = result["wres"]["1"][split]["share_of_row"][row][group]
            if not figure["suppressed"]:
                assert figure["value"] == pytest.approx(share, abs=0.051), (split, row, group)
                compared += 1
    assert compared >= 20

    for number in ("2", "3", "4"):
        # WRES 3's headline is a two-year rolling average: with one year of figures there is none, and the
        # single year stands beside it.
        ratio = result["wres"][number]["single_year" if number == "3" else "likelihood"]["ratio"]
        assert ratio["value"] == pytest.approx(expected[f"wres_{number}"], abs=0.0051), number
    assert result["wres"]["3"]["likelihood"]["ratio"]["note"] == "No rolling average: no figures for 2023/24."

    gov_uk = result["pay_gap"]["gov_uk"]
    assert set(gov_uk) == set(expected["gov_uk"])
    # In a single trust of this small extract few people are paid a bonus, so those figures may be hidden.
    must_show = [c for c in expected["gov_uk"] if not (scope and "Bonus" in c)]
    for column, value in expected["gov_uk"].items():
        assert column not in must_show or not gov_uk[column]["suppressed"], column
        if not gov_uk[column]["suppressed"]:
            assert gov_uk[column]["value"] == pytest.approx(value, abs=0.051), column

    for characteristic, percent in expected["declaration"].items():
        figure = result["declaration"][characteristic]["overall"]["percent_not_stated"]
        assert figure["value"] == pytest.approx(percent, abs=0.051), characteristic


def test_the_csv_export_names_each_figure_by_its_path_with_gov_uk_columns_and_indicator_numbers(extract):
    rows = list(csv.DictReader(io.StringIO(export("--snapshot", "2025-03-31", "--format", "csv"))))
    assert list(rows[0]) == ["metric", "value", "suppressed", "reason", "note"]
    by_metric = {row["metric"]: row for row in rows}
    as_json = json.loads(export("--snapshot", "2025-03-31"))
    assert by_metric["scope.key"]["value"] == "ics"
    assert (
        float(by_metric["pay_gap.gov_uk.DiffMeanHourlyPercent"]["value"])
        == as_json["pay_gap"]["gov_uk"]["DiffMeanHourlyPercent"]["value"]
    )
    assert float(by_metric["wres.2.likelihood.ratio"]["value"]) == as_json["wres"]["2"]["likelihood"]["ratio"]["value"]
    for number in ("4a_i", "4a_ii", "4a_iii", "4b", "9a", "10"):
        assert any(metric.startswith(f"wdes.{number}.") for metric in by_metric)
    hidden = [row for row in rows if row["value"] == "*"]
    assert hidden and all(row["suppressed"] == "Yes" and row["reason"] for row in hidden)
    counts_of_people = [row for row in rows if not row["metric"].startswith(("scope.", "wdes.9b."))]
    assert not [row for row in counts_of_people if row["suppressed"] == "No" and re.fullmatch(r"[1-7]", row["value"])]


def test_the_export_of_a_place_is_the_stored_result_and_is_computed_when_missing(small_extract):
    MetricResult.objects.all().delete()
    result = json.loads(export("--snapshot", "2025-03-31", "--place", "lancashire"))
    assert result["scope"]["key"] == "place:lancashire" and result["scope"]["year_label"] == reporting_year_label(YEAR)
    assert MetricResult.objects.filter(year=YEAR).count() == 12
    assert json.loads(export("--snapshot", "2025-03-31", "--place", "Lancashire")) == result


@pytest.mark.parametrize(
    "arguments, message",
    [
        (("--snapshot", "31/03/2025"), "“31/03/2025” is not a date"),
        (("--snapshot", "2025-03-31", "--organisation", "XYZ"), "No organisation has the ODS code “XYZ”"),
        (("--snapshot", "2025-03-31", "--place", "Narnia"), "No place is called “Narnia”. The places are: Blackburn"),
        (("--snapshot", "2024-03-31"), "No ESR snapshot of Lancashire and South Cumbria ICS on 31 March 2024"),
        (("--snapshot", "2025-03-31", "--organisation", "RXR", "--place", "Blackpool"), "not allowed with argument"),
    ],
)
def test_bad_input_is_an_error_with_a_clear_message(small_extract, arguments, message):
    with pytest.raises(CommandError, match=re.escape(message)):
        export(*arguments)


def test_a_council_without_esr_data_has_nothing_to_export(small_extract):
    council = Organisation.objects.filter(uses_esr=False).first()
    council.ods_code = "C01"
    council.save()
    with pytest.raises(CommandError, match="No ESR snapshot of .* on 31 March 2025. Snapshots held: none"):
        export("--snapshot", "2025-03-31", "--organisation", "C01")


def test_a_snapshot_that_is_not_the_one_a_year_uses_is_an_error(small_extract, tmp_path):
    import_synthetic(tmp_path / "december.csv", rows=300, day=date(2024, 12, 31))
    with pytest.raises(CommandError, match="use each organisation's latest snapshot in that year"):
        export("--snapshot", "2024-12-31", "--organisation", "RXR")


def test_the_command_exits_with_status_1_on_bad_input():
    completed = subprocess.run(
        [sys.executable, "manage.py", "export_metrics", "--snapshot", "yesterday"],
        capture_output=True,
        text=True,
        env={"DEBUG": "1", "PATH": "/usr/bin:/bin"},
    )
    assert completed.returncode == 1
    assert "is not a date" in completed.stderr
