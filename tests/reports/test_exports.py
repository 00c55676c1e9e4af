import csv
import io

from openpyxl import load_workbook

from reports.exports import Table, safe_cell, table_to_csv, tables_to_workbook


def test_text_that_could_run_as_a_formula_is_neutralised():
    for risky in ["=1+1", "+44", "-cmd", "@SUM(A1)", "\tx", "\rx"]:
        assert safe_cell(risky) == "'" + risky


def test_numbers_and_plain_text_are_unchanged():
    assert safe_cell(-3.5) == -3.5
    assert safe_cell(12) == 12
    assert safe_cell("Blackpool") == "Blackpool"
    assert safe_cell(None) == ""


def test_csv_neutralises_every_cell_including_titles_and_headers():
    table = Table('=HYPERLINK("http://x")', ["@col", "Value"], [["=cmd|' /C calc'!A0", 4]], notes=["-note"])
    rows = list(csv.reader(io.StringIO(table_to_csv(table, stamp="Data as at 31 March 2025"))))
    assert rows[0] == ['\'=HYPERLINK("http://x")']
    assert rows[1] == ["Data as at 31 March 2025"]
    assert rows[2] == ["'@col", "Value"]
    assert rows[3] == ["'=cmd|' /C calc'!A0", "4"]
    assert rows[4] == ["'-note"]


def test_workbook_has_cover_stamp_and_one_sheet_per_table():
    tables = [
        Table("WRES indicator 2", ["Organisation", "Relative likelihood"], [["BTH", 1.5], ["+x", None]], slug="wres-2"),
        Table("WRES indicator 2", ["a"], [], slug="wres-2"),
    ]
    book = load_workbook(io.BytesIO(tables_to_workbook(tables, "Data as at 31 March 2025")))
    assert book.sheetnames == ["About", "wres-2", "wres-2 2"]
    assert book["About"]["A2"].value == "Data as at 31 March 2025"
    sheet = book["wres-2"]
    assert [c.value for c in sheet[4]] == ["BTH", 1.5]
    assert sheet["A5"].value == "'+x"
