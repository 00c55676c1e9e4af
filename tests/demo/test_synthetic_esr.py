"""The synthetic ESR generator: deterministic, LSC-like, plausible year on year, and importable."""

import csv
import io
from collections import Counter
from datetime import date

import pytest
from django.core.management import call_command

from demo.synthetic_esr import write_extract
from organisations.services.reference_data import reference_data_load
from workforce.services.esr_import import esr_extract_import


def extract(rows=6000, seed=1, day=date(2025, 3, 31)):
    out = io.StringIO()
    write_extract(out, rows=rows, seed=seed, snapshot_date=day)
    return out.getvalue()


def test_same_seed_same_file_other_seed_other_file():
    assert extract(seed=3) == extract(seed=3)
    assert extract(seed=3) != extract(seed=4)


def test_distributions_are_close_to_lancashire_and_south_cumbria():
    rows = list(csv.DictReader(io.StringIO(extract(rows=20_000))))
    assert len(rows) == 20_000
    people = {r["Employee Number"]: r for r in rows}
    origins = Counter(r["Ethnic Origin"].split(" ")[0] if r["Ethnic Origin"] else "" for r in people.values())
    stated = sum(n for code, n in origins.items() if code not in {"", "Z"})
    bme = sum(n for code, n in origins.items() if code and code[0] in "DEFGHJKLMNPRS")
    assert 0.09 <= bme / stated <= 0.12
    women = sum(r["Gender"] == "Female" for r in people.values()) / len(people)
    assert 0.74 <= women <= 0.80
    assert origins["Z"] > 0 and Counter(r["Disability Flag"] for r in rows)["Not Declared"] > 0
    bands = Counter(r["Pay Band"] for r in rows)
    assert bands["Band 5"] > bands["Band 8C"] > 0 and bands["Consultant"] > 0 and bands["VSM"] > 0
    assert Counter(r["Assignment Category"] for r in rows)["Bank"] > 0
    assert len(people) < len(rows)  # some people have a second assignment
    assert any(float(r["Bonus Pay"] or 0) > 0 for r in rows if r["Pay Band"] == "Consultant")
    assert sum(r["Board Member"] == "Y" for r in rows) == 7 * 14


def test_year_on_year_the_same_people_mostly_persist():
    def employees(year):
        return {r["Employee Number"] for r in csv.DictReader(io.StringIO(extract(rows=5000, day=date(year, 3, 31))))}

    first, second = employees(2024), employees(2025)
    assert 0.8 <= len(first & second) / len(second) < 1.0


@pytest.mark.django_db
def test_the_command_writes_a_file_that_imports_without_errors(tmp_path):
    reference_data_load()
    path = tmp_path / "synthetic.csv"
    call_command(
        "make_synthetic_esr", "--rows", "3000", "--seed", "5", "--out", str(path), "--snapshot-date", "2024-03-31"
    )
    report = esr_extract_import(path=path, snapshot_date=date(2024, 3, 31))
    assert report.status == "imported", report.errors[:5]
    assert report.rows == 3000 and len(report.rows_by_organisation) == 7
