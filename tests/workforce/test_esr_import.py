"""The ESR import service: all or nothing, every error reported, pseudonymised, replaceable and idempotent."""

import hashlib
import hmac
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection

from organisations.models import Organisation
from tests.workforce.esr_files import HEADER, csv_text, row, write_extract
from workforce.esr.extract import ExtractRejected
from workforce.esr.pseudonymise import pseudonymise
from workforce.models import ImportBatch, Snapshot, StaffRecord
from workforce.services.esr_import import esr_extract_import

pytestmark = pytest.mark.django_db
ON = date(2025, 3, 31)


def nothing_stored():
    return not (StaffRecord.objects.exists() or Snapshot.objects.exists() or ImportBatch.objects.exists())


def test_a_valid_extract_is_stored_as_one_snapshot_per_organisation(tmp_path, own_org, other_org):
    path = write_extract(
        tmp_path / "esr.csv",
        [row(1), row(2, Organisation="OTH", Pay_Band="Band 8A", Gender="Male"), row(3, Organisation="Other Trust")],
    )
    report = esr_extract_import(path=path, snapshot_date=ON)
    assert report.status == "imported" and report.rows == 3 and report.error_count == 0
    assert report.rows_by_organisation == {own_org: 1, other_org: 2}
    snapshots = {s.organisation: s for s in Snapshot.objects.all()}
    assert snapshots[own_org].row_count == 1 and snapshots[other_org].row_count == 2
    assert snapshots[own_org].import_batch == report.batch and snapshots[own_org].reporting_year == 2025
    assert StaffRecord.objects.filter(snapshot=snapshots[other_org], pay_band="8a", sex="male").count() == 1
    batch = ImportBatch.objects.get()
    assert (batch.row_count, batch.file_name, batch.sha256) == (
        3,
        "esr.csv",
        hashlib.sha256(path.read_bytes()).hexdigest(),
    )


def test_each_field_is_converted(tmp_path, own_org):
    path = write_extract(
        tmp_path / "esr.csv",
        [
            row(1, Ethnic_Origin="CP White - Polish", Disability_Flag="Yes", Date_of_Birth="1970-03-31",
                Sexual_Orientation="Bisexual", Religious_Belief="Islam", FTE="0.6", Contracted_Hours="22.5",
                Annual_Salary="17982.00"),
            row(2, Staff_Group="Administrative and Clerical", Pay_Band="VSM", Board_Member="Y", Voting_Board_Member="Y",
                Executive_Board_Member="Y", Ethnic_Origin="Z Not Stated", Disability_Flag="Not Declared",
                Religious_Belief="I do not wish to disclose my religion/belief"),
            row(3, Staff_Group="Medical and Dental", Pay_Band="Consultant", Bonus_Pay="12064", Annual_Salary="105504",
                Contracted_Hours="40", Ethnic_Origin="H Asian or Asian British - Indian"),
            row(4, Assignment_Category="Bank", FTE="0", Contracted_Hours="", Annual_Salary="", Hourly_Rate="15.33",
                Primary_Assignment="N", Assignment_Number="20000004-2"),
        ],
    )  # fmt: skip
    assert esr_extract_import(path=path, snapshot_date=ON).status == "imported"
    records = {r.job_role + r.pay_band + str(r.is_bank): r for r in StaffRecord.objects.all()}
    nurse = records["Staff Nurse5False"]
    assert (nurse.ethnic_origin_code, nurse.ethnic_group, nurse.disability_group) == ("CP", "white", "disabled")
    assert (nurse.age_band, nurse.sexual_orientation, nurse.religion) == ("55-59", "bisexual", "islam")
    assert nurse.is_clinical and nurse.fte == Decimal("0.6") and nurse.contracted_hours == Decimal("22.5")
    assert nurse.hourly_rate == Decimal("15.3271")  # 17,982 / (22.5 hours × 52.143 weeks)
    assert nurse.bonus_pay == 0 and nurse.is_full_pay_relevant and nurse.is_primary_assignment
    executive = records["Staff Nursevsm" + "False"]
    assert not executive.is_clinical and executive.is_board_member and executive.is_executive_board_member
    assert (executive.ethnic_origin_code, executive.ethnic_group, executive.disability_group) == (
        "Z",
        "unknown",
        "unknown",
    )
    assert executive.religion == "not_declared"
    consultant = records["Staff NursemedicalFalse"]
    assert (consultant.medical_grade, consultant.ethnic_group, consultant.bonus_pay) == ("consultant", "bme", 12064)
    bank = records["Staff Nurse5True"]
    assert bank.assignment_category == "bank" and bank.hourly_rate == Decimal("15.33")
    assert bank.annual_salary is None and bank.contracted_hours is None and not bank.is_primary_assignment


@pytest.mark.parametrize(
    "header",
    [
        [h.upper() for h in HEADER],
        [h.lower().replace(" ", "_") for h in HEADER],
        [f"  {h}  " for h in HEADER],
        [
            {
                "Employee Number": "Emp No",
                "Pay Band": "Grade",
                "FTE": "Contracted WTE",
                "Gender": "Sex",
                "Disability Flag": "Disabled",
                "Religious Belief": "Religion",
            }.get(h, h)
            for h in HEADER
        ],
    ],  # fmt: skip
    ids=["upper", "snake", "padded", "aliases"],
)
def test_headers_match_whatever_their_case_spacing_or_alias(tmp_path, own_org, header):
    values = row(1)
    path = tmp_path / "esr.csv"
    path.write_text(",".join(header) + "\r\n" + ",".join(values[h] for h in HEADER) + "\r\n", encoding="utf-8")
    report = esr_extract_import(path=path, snapshot_date=ON)
    assert report.status == "imported", report.errors


def test_aliases_can_be_added_in_settings(tmp_path, own_org, settings):
    settings.ESR_COLUMN_ALIASES = {"employee_number": ["Pay Number"]}
    header = ["Pay Number" if h == "Employee Number" else h for h in HEADER]
    values = row(1)
    path = tmp_path / "esr.csv"
    path.write_text(",".join(header) + "\n" + ",".join(values[h] for h in HEADER) + "\n", encoding="utf-8")
    assert esr_extract_import(path=path, snapshot_date=ON).status == "imported"


def test_names_and_other_columns_are_ignored_and_never_stored(tmp_path, own_org):
    header = [*HEADER, "First Name", "Last Name", "NI Number"]
    rows = [dict(row(1), **{"First Name": "Zebedee", "Last Name": "Quixote", "NI Number": "QQ123456C"})]
    report = esr_extract_import(path=write_extract(tmp_path / "esr.csv", rows, header=header), snapshot_date=ON)
    assert report.ignored_columns == ("First Name", "Last Name", "NI Number")
    stored = " ".join(str(v) for v in StaffRecord.objects.values_list().get())
    for secret in ("Zebedee", "Quixote", "QQ123456C", "1990", "20000001"):
        assert secret not in stored


@pytest.mark.parametrize(
    "encoding, prefix",
    [("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("cp1252", b"")],
    ids=["utf-8", "utf-8 with BOM (Excel CSV UTF-8)", "Windows-1252 (Excel CSV)"],
)
def test_encodings_are_read_correctly(tmp_path, own_org, encoding, prefix):
    rows = [row(1, Job_Role="Infirmière spécialisée", Annual_Salary="£29,970.00")]
    path = tmp_path / "esr.csv"
    path.write_bytes(prefix + csv_text(rows).encode(encoding))
    assert esr_extract_import(path=path, snapshot_date=ON).status == "imported"
    record = StaffRecord.objects.get()
    assert record.job_role == "Infirmière spécialisée" and record.annual_salary == Decimal("29970.00")


def test_an_excel_saved_file_with_sep_line_quotes_and_trailing_empty_rows(tmp_path, own_org):
    text = "sep=,\r\n" + csv_text([row(1, Job_Role="Nurse, Senior"), row(2)]) + ",,,,,,,,\r\n\r\n"
    path = tmp_path / "esr.csv"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    report = esr_extract_import(path=path, snapshot_date=ON)
    assert report.status == "imported" and report.rows == 2
    assert StaffRecord.objects.filter(job_role="Nurse, Senior").exists()


def test_identifiers_are_stored_only_as_keyed_hashes(tmp_path, own_org, settings):
    write_extract(tmp_path / "esr.csv", [row(7, Assignment_Number="20000007-2")])
    esr_extract_import(path=tmp_path / "esr.csv", snapshot_date=ON)
    record = StaffRecord.objects.get()
    key = settings.PSEUDONYMISATION_KEY.encode()
    assert record.employee_key == hmac.new(key, b"employee:20000007", hashlib.sha256).hexdigest()
    assert record.assignment_key == hmac.new(key, b"assignment:20000007-2", hashlib.sha256).hexdigest()
    assert record.employee_key == pseudonymise("employee", "0020000007.0", key)
    # Not the plain hash either: without the key, the number cannot be found by hashing guesses.
    assert record.employee_key != hashlib.sha256(b"20000007").hexdigest()
    assert pseudonymise("employee", "20000007", b"another key") != record.employee_key
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {StaffRecord._meta.db_table}")  # noqa: S608
        assert "20000007" not in " ".join(str(value) for value in cursor.fetchone())


def test_every_invalid_value_is_reported_with_line_column_and_value_and_nothing_is_stored(tmp_path, own_org):
    rows = [
        row(1),
        row(2, Pay_Band="Band 12", Gender="Robot"),
        row(3, Ethnic_Origin="W Welsh", FTE="lots"),
        row(4, Organisation="NOPE"),
        row(5, Date_of_Birth="31/02/1980", Disability_Flag="Maybe"),
        row(6, Staff_Group="Wizards", Religious_Belief="Jedi", Board_Member="Sometimes"),
        row(7, Employee_Number=""),
        row(1),  # the same assignment number as line 2
        row(8, Pay_Band="Medical", Job_Role="Doctor"),
        row(9, Ethnic_Origin="I Irish"),
        row(10, Ethnic_Origin="O"),
        row(11, Ethnic_Origin="Q Other"),
    ]
    report = esr_extract_import(path=write_extract(tmp_path / "esr.csv", rows), snapshot_date=ON)
    assert report.status == "invalid"
    found = {(e.line, e.column, e.value) for e in report.errors}
    assert found == {
        (3, "Pay Band", "Band 12"),
        (3, "Gender", "Robot"),
        (4, "Ethnic Origin", "W Welsh"),
        (4, "FTE", "lots"),
        (5, "Organisation", "NOPE"),
        (6, "Date of Birth", "31/02/1980"),
        (6, "Disability Flag", "Maybe"),
        (7, "Staff Group", "Wizards"),
        (7, "Religious Belief", "Jedi"),
        (7, "Board Member", "Sometimes"),
        (8, "Employee Number", ""),
        (9, "Assignment Number", "20000001"),
        (10, "Pay Band", "Medical"),
        (11, "Ethnic Origin", "I Irish"),
        (12, "Ethnic Origin", "O"),
        (13, "Ethnic Origin", "Q Other"),
    }
    assert report.error_count == 16
    assert "also on line 2" in next(e.message for e in report.errors if e.line == 9)
    assert nothing_stored()


def test_a_bad_row_after_many_good_ones_still_stores_nothing(tmp_path, own_org):
    rows = [row(n) for n in range(1, 25_001)] + [row(30_000, FTE="2.5")]
    report = esr_extract_import(path=write_extract(tmp_path / "esr.csv", rows), snapshot_date=ON)
    assert report.status == "invalid" and report.error_count == 1 and report.errors[0].line == 25_002
    assert nothing_stored()


@pytest.mark.parametrize(
    "content, message",
    [
        (b"", "The file is empty"),
        (b"\xef\xbb\xbf\r\n  \r\n", "The file is empty"),
        (b"PK\x03\x04\x14\x00\x06\x00binary", "Excel workbook"),
        (b"Employee Number,\x00\x00\x01\x02", "binary data"),
        (b"Employee Number;Assignment Number;Organisation\n1;1;OWN\n", "separated by semicolons"),
        (b"Employee Number\tAssignment Number\tOrganisation\n1\t1\tOWN\n", "separated by tabs"),
        (csv_text([]).encode(), "header row but no staff rows"),
        (csv_text([row(1)], header=[h for h in HEADER if h != "Staff Group"]).encode(), "no “Staff Group” column"),
        (csv_text([row(1)], header=[h for h in HEADER if h not in {"Date of Birth", "FTE"}]).encode(), "“FTE”"),
        (b"\x81\x8d\x8f\x90\x9d not text", "not text in UTF-8 or Windows-1252"),
    ],
    ids=["empty", "blank lines", "xlsx", "NUL bytes", "semicolons", "tabs", "header only", "missing column",
         "missing columns", "undecodable"],
)  # fmt: skip
def test_files_that_cannot_be_read_are_rejected_with_a_clear_message(tmp_path, own_org, content, message):
    path = tmp_path / "esr.csv"
    path.write_bytes(content)
    with pytest.raises(ExtractRejected, match=message):
        esr_extract_import(path=path, snapshot_date=ON)
    assert nothing_stored()


def test_missing_file_bad_dates_and_future_dates_are_rejected(tmp_path, own_org):
    with pytest.raises(ExtractRejected, match="There is no file"):
        esr_extract_import(path=tmp_path / "missing.csv", snapshot_date=ON)
    path = write_extract(tmp_path / "esr.csv", [row(1)])
    with pytest.raises(ExtractRejected, match="is not a date"):
        esr_extract_import(path=path, snapshot_date="2025-13-01")
    with pytest.raises(ExtractRejected, match="in the future"):
        esr_extract_import(path=path, snapshot_date=date.today() + timedelta(days=2))
    assert nothing_stored()


def test_an_organisation_that_does_not_use_esr_is_refused(tmp_path, own_org):
    Organisation.objects.create(name="Blackpool Council", slug="bc", kind="council", uses_esr=False, ods_code="BPC")
    report = esr_extract_import(
        path=write_extract(tmp_path / "esr.csv", [row(1, Organisation="BPC")]), snapshot_date=ON
    )
    assert report.status == "invalid" and "does not use ESR" in report.errors[0].message


def test_a_chosen_organisation_needs_no_column_and_refuses_other_organisations_rows(tmp_path, own_org, other_org):
    header = [h for h in HEADER if h != "Organisation"]
    report = esr_extract_import(path=write_extract(tmp_path / "a.csv", [row(1)], header=header), snapshot_date=ON,
                                organisation=own_org)  # fmt: skip
    assert report.status == "imported" and report.rows_by_organisation == {own_org: 1}
    report = esr_extract_import(
        path=write_extract(tmp_path / "b.csv", [row(1, Organisation="OTH")]), snapshot_date=ON, organisation=own_org
    )
    assert report.status == "invalid" and "not Own Trust" in report.errors[0].message


def test_without_a_primary_flag_an_employees_first_assignment_is_primary(tmp_path, own_org):
    header = [h for h in HEADER if h != "Primary Assignment"]
    rows = [row(1), row(1, Assignment_Number="20000001-2"), row(2)]
    esr_extract_import(path=write_extract(tmp_path / "esr.csv", rows, header=header), snapshot_date=ON)
    assert sorted(StaffRecord.objects.values_list("is_primary_assignment", flat=True)) == [False, True, True]


def test_age_band_column_is_used_when_there_is_no_date_of_birth(tmp_path, own_org):
    header = [("Age Band" if h == "Date of Birth" else h) for h in HEADER]
    rows = [dict(row(1), **{"Age Band": "56-60"}), dict(row(2), **{"Age Band": "55-59"})]
    esr_extract_import(path=write_extract(tmp_path / "esr.csv", rows, header=header), snapshot_date=ON)
    # ESR's band is kept as ESR's (not read a year young as 55-59); our own bands are kept too.
    assert sorted(StaffRecord.objects.values_list("age_band", flat=True)) == ["55-59", "56-60"]


def test_reimporting_an_organisation_and_date_replaces_that_snapshot_whole(tmp_path, own_org, other_org):
    first = esr_extract_import(
        path=write_extract(tmp_path / "first.csv", [row(1), row(2), row(3, Organisation="OTH")]), snapshot_date=ON
    )
    other_snapshot = Snapshot.objects.get(organisation=other_org)
    second = esr_extract_import(
        path=write_extract(tmp_path / "second.csv", [row(5, Pay_Band="Band 7")]), snapshot_date=ON
    )
    assert second.status == "imported" and second.replaced == [own_org]
    own = Snapshot.objects.get(organisation=own_org, snapshot_date=ON)
    assert own.import_batch == second.batch and own.row_count == 1
    assert list(own.staff_records.values_list("pay_band", flat=True)) == ["7"]
    assert Snapshot.objects.get(organisation=other_org) == other_snapshot  # untouched
    assert StaffRecord.objects.count() == 2
    first.batch.refresh_from_db()
    assert first.batch.status == ImportBatch.Status.IMPORTED  # still holds the other organisation's snapshot
    esr_extract_import(path=write_extract(tmp_path / "third.csv", [row(9, Organisation="OTH")]), snapshot_date=ON)
    first.batch.refresh_from_db()
    assert first.batch.status == ImportBatch.Status.SUPERSEDED


def test_importing_the_same_file_twice_changes_nothing(tmp_path, own_org):
    path = write_extract(tmp_path / "esr.csv", [row(1), row(2)])
    first = esr_extract_import(path=path, snapshot_date=ON)
    records = list(StaffRecord.objects.values_list("pk", flat=True))
    again = esr_extract_import(path=path, snapshot_date=ON)
    assert again.status == "unchanged" and again.batch == first.batch and again.rows == 2
    assert list(StaffRecord.objects.values_list("pk", flat=True)) == records
    assert ImportBatch.objects.count() == 1
    # The same file for another date is another snapshot.
    assert esr_extract_import(path=path, snapshot_date=ON - timedelta(days=365)).status == "imported"


def test_a_dry_run_reports_and_stores_nothing(tmp_path, own_org):
    report = esr_extract_import(
        path=write_extract(tmp_path / "esr.csv", [row(1), row(2)]), snapshot_date=ON, dry_run=True
    )
    assert report.status == "checked" and report.rows == 2 and report.rows_by_organisation == {own_org: 2}
    assert nothing_stored()
