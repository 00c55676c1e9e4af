"""What kind of figure a metric is: a statutory figure, an estimate, a two-year rolling average or a single year.

Stored with the figures it describes (`results.BasisData`), so every output (pages, board pack, CSV, API) prints
the same words beside them: nobody should publish an estimate as the statutory figure by mistake. The words
live in `workforce.labels.BASIS_LABELS`.
"""

from dataclasses import dataclass, replace

from workforce.labels import BASIS_LABELS

from .suppression import Figure

STATUTORY = "statutory"  # the gender pay gap from ordinary pay: SI 2017/353 Schedule 1
ORDINARY_PAY = "ordinary_pay"  # the same method for ethnicity or disability: no statute asks for these
ESTIMATE = "estimate"  # a pay gap from basic rates only
ROLLING_AVERAGE = "rolling_average"  # WRES 3, WDES 3: the two years the guidance asks for
SINGLE_YEAR = "single_year"  # WRES 3, WDES 3 when the previous year's figures are missing


@dataclass(frozen=True)
class FigureBasis:
    """`kind` (one of the constants above), the `label` a page shows as a tag, and a sentence of `detail`."""

    kind: str
    detail: str = ""

    @property
    def label(self) -> str:
        return BASIS_LABELS[self.kind]

    def to_dict(self) -> dict:
        return {"kind": self.kind, "label": self.label, "detail": self.detail}

    def mark(self, figure: Figure) -> Figure:
        """The figure, with this basis's label as its note when it is an estimate and shows a value (so a CSV
        row or an API figure read on its own still says so)."""
        if self.kind != ESTIMATE or figure.value is None or figure.note:
            return figure
        return replace(figure, note=f"{self.label}.")
