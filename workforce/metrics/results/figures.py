"""A published figure and the kind of figure it is: the cells every result is made of."""

from typing import TypedDict


class FigureData(TypedDict):
    """One published figure (`suppression.Figure.to_dict`): its value, or why it is not shown.

    A suppressed figure has value None and display "*"; one that cannot be calculated has value None,
    display "Not computable" and says why in `reason` and `note`.
    """

    value: int | float | None
    display: str
    suppressed: bool
    reason: str
    note: str


class BasisData(TypedDict):
    """What kind of figure a metric is (`basis.FigureBasis`): every output prints `label` beside it.

    `kind` is "statutory" (the gender pay gap from ordinary pay, SI 2017/353 Schedule 1), "ordinary_pay" (the
    same method for ethnicity or disability, which no statute asks for), "estimate" (a pay gap from basic
    rates only: not the statutory figure), "rolling_average" (WRES 3, WDES 3 over two years) or "single_year"
    (WRES 3, WDES 3 when the previous year has no figures, so there is no rolling average).
    """

    kind: str
    label: str
    detail: str
