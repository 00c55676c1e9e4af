"""Tables out of the portal: CSV and Excel, safe to open in a spreadsheet.

A text cell that starts with =, +, -, @ (or a tab or carriage return) could be run as a formula by
Excel or LibreOffice, so it is written with a leading apostrophe (OWASP's advice on CSV injection).
Numbers are written as numbers: they are formatted by the portal, cannot hold a formula, and
analysts need them numeric.
"""

import csv
import io
from dataclasses import dataclass, field
from decimal import Decimal

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


@dataclass
class Table:
    """A titled table of already-suppressed figures, as pages show it and exports write it."""

    title: str
    columns: list[str]
    rows: list[list] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    slug: str = ""


def safe_cell(value):
    """The value as a spreadsheet should receive it: numbers unchanged, risky text neutralised."""
    if value is None:
        return ""
    if isinstance(value, dict) and "display" in value:
        # A stored figure: its number, or "*" / "Not computable" when it has none.
        return value["value"] if value["value"] is not None else value["display"]
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, int | float | Decimal):
        return value
    text = str(value)
    if text.startswith(FORMULA_TRIGGERS):
        return "'" + text
    return text


def table_to_csv(table: Table, stamp: str = "") -> str:
    """CSV text of one table, with its title and notes as leading comment rows."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([safe_cell(table.title)])
    if stamp:
        writer.writerow([safe_cell(stamp)])
    writer.writerow([safe_cell(column) for column in table.columns])
    for row in table.rows:
        writer.writerow([safe_cell(cell) for cell in row])
    for note in table.notes:
        writer.writerow([safe_cell(note)])
    return buffer.getvalue()


def tables_to_csv(tables: list[Table], stamp: str = "") -> str:
    """CSV text of several tables one after the other, each as `table_to_csv` writes it, a blank row between."""
    return "\r\n".join(table_to_csv(table, stamp) for table in tables)


def tables_to_workbook(tables: list[Table], stamp: str, cover_lines: list[str] = ()) -> bytes:
    """An .xlsx workbook: a cover sheet with the "data as at" stamp, then one sheet per table."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    cover = workbook.active
    cover.title = "About"
    cover.append([safe_cell("LSC Belonging Portal")])
    cover["A1"].font = Font(bold=True, size=14)
    cover.append([safe_cell(stamp)])
    for line in cover_lines:
        cover.append([safe_cell(line)])
    for table, name in zip(tables, workbook_sheet_names(tables), strict=True):
        sheet = workbook.create_sheet(name)
        sheet.append([safe_cell(table.title)])
        sheet["A1"].font = Font(bold=True)
        sheet.append([safe_cell(stamp)])
        sheet.append([safe_cell(column) for column in table.columns])
        for cell in sheet[3]:
            cell.font = Font(bold=True)
        for row in table.rows:
            sheet.append([safe_cell(cell) for cell in row])
        for note in table.notes:
            sheet.append([safe_cell(note)])
        for column_cells in sheet.columns:
            width = max(len(str(cell.value or "")) for cell in column_cells[2:]) if sheet.max_row > 2 else 12
            sheet.column_dimensions[column_cells[0].column_letter].width = min(max(width + 2, 10), 60)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def workbook_sheet_names(tables: list[Table]) -> list[str]:
    """The name of each table's sheet in the workbook `tables_to_workbook` writes (after the "About" sheet)."""
    used = {"About"}
    return [_sheet_name(table.slug or table.title, used) for table in tables]


def _sheet_name(title, used):
    """Excel sheet names: at most 31 characters, none of []:*?/\\, unique in the workbook."""
    cleaned = "".join(" " if ch in "[]:*?/\\" else ch for ch in title).strip()[:31] or "Sheet"
    name, n = cleaned, 2
    while name in used:
        suffix = f" {n}"
        name = cleaned[: 31 - len(suffix)] + suffix
        n += 1
    used.add(name)
    return name
