"""An organisation's EDS 2022 summary report of a year as a PDF (WeasyPrint, A4, like the board pack) and a CSV,
from the same presenter (`reports.presenters.eds.EdsReport`), so both hold what the assessment's page shows."""

from django.template.loader import render_to_string

from reports.exports import tables_to_csv
from reports.pdf import pdf_from_html
from reports.presenters.eds import EdsReport


def eds_report_pdf(report: EdsReport) -> bytes:
    return pdf_from_html(render_to_string("reports/eds_report_pdf.html", {"report": report}), kind="eds-report")


def eds_report_csv(report: EdsReport) -> str:
    """Every table of the report, one after the other, each stamped with where the assessment stands."""
    return tables_to_csv(report.tables(), f"{report.title}. {report.status_line}.")
