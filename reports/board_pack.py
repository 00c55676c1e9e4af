"""The board pack: the overview of one scope and year and the page of each headline metric, as one PDF
and one Excel workbook, stamped "data as at" with the ESR snapshot and the reporting round.

Both are built from the same presenters as the pages (`reports.presenters`), so the pack holds exactly
the figures on screen, already suppressed.
"""

from dataclasses import dataclass

from django.template.loader import render_to_string

from organisations.selectors import organisation_names_shortened, organisation_short_names
from reports.choice import Choice
from reports.exports import Table, tables_to_workbook, workbook_sheet_names
from reports.pdf import pdf_draw
from reports.presenters.metric_page import MetricPage, metric_page
from reports.presenters.overview import Overview, overview
from workforce.catalogue import headline_metrics


def board_pack_filename_stem(choice: Choice) -> str:
    return f"board-pack-{choice.scope.key.replace(':', '-')}-{choice.year or 'no-year'}"


@dataclass
class BoardPack:
    choice: Choice
    overview: Overview
    metric_pages: list[MetricPage]

    @property
    def stamp(self) -> str:
        return self.overview.stamp

    @property
    def title(self) -> str:
        return f"Belonging Plan board pack: {self.choice.scope.label}, {self.choice.year_label}"

    def tables(self) -> list[Table]:
        tables = list(self.overview.tables)
        for page in self.metric_pages:
            for table in page.tables[:2]:  # its trend and its comparison across the ICS
                tables.append(
                    Table(table.title, table.columns, table.rows, table.notes, f"{page.definition.slug}-{table.slug}")
                )
        return tables

    def chart_key(self) -> str:
        """What the short names in the comparison charts stand for."""
        return "; ".join(f"{short}: {name}" for short, name in organisation_names_shortened())

    def metric_sections(self) -> list[tuple[MetricPage, str, str]]:
        """Each metric page with the workbook sheets of its trend and of its comparison across the ICS.

        The PDF leaves the tables out (WeasyPrint takes about 30 ms to lay out each): the comparison, which
        its chart and the workbook hold, and the trend, which its chart shows or, with no chart, has no
        figure that can be shown.
        """
        tables = self.tables()
        sheets = dict(zip((table.slug for table in tables), workbook_sheet_names(tables), strict=True))
        return [
            (
                page,
                sheets.get(f"{page.definition.slug}-trend", ""),
                sheets.get(f"{page.definition.slug}-comparison", ""),
            )
            for page in self.metric_pages
        ]


def board_pack(choice: Choice) -> BoardPack:
    """The overview and the page of each headline metric, for the chosen scope and year."""
    short_names = organisation_short_names()
    pages = (
        [metric_page(definition, choice, short_names=short_names) for definition in headline_metrics()]
        if choice.year
        else []
    )
    return BoardPack(choice, overview(choice), pages)


def board_pack_workbook(pack: BoardPack) -> bytes:
    cover = [pack.title, "* = not shown, to protect the privacy of a small number of people."]
    return tables_to_workbook(pack.tables(), pack.stamp, cover)


def board_pack_pdf(pack: BoardPack) -> bytes:
    # Not cached here: reports.board_pack_builds keeps the built file, with the data version it shows.
    return pdf_draw(render_to_string("reports/board_pack_pdf.html", {"pack": pack}))
