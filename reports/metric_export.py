"""The stored equality metrics of one scope and year, as an export: JSON as stored, or CSV one row per figure.

Both come from `workforce.selectors` results, so every figure is already suppressed. The format is
documented in README.md ("Metrics", "Export").
"""

import csv
import io
import json
from collections.abc import Mapping
from typing import Any

from reports.exports import safe_cell

CSV_COLUMNS = ("metric", "value", "suppressed", "reason", "note")


def _is_figure(value) -> bool:
    return isinstance(value, dict) and {"value", "display", "suppressed", "reason"} <= value.keys()


def metric_rows(result: Mapping[str, Any]) -> list[tuple]:
    """(metric, value, suppressed, reason, note) for every figure and plain value in a result, in order.

    `metric` is the dotted path to it ("wres.2.likelihood.ratio", "pay_gap.gov_uk.DiffMeanHourlyPercent").
    A suppressed figure's value is "*"; a figure that cannot be computed has no value and says why in
    `reason` and `note`. A list (of organisations) is one row, its items joined with "; ".
    """
    rows: list[tuple] = []

    def walk(value, path):
        metric = ".".join(path)
        if _is_figure(value):
            shown = "*" if value["suppressed"] else value["value"]
            rows.append((metric, shown, value["suppressed"], value["reason"], value["note"]))
        elif isinstance(value, dict):
            for key, item in value.items():
                walk(item, (*path, str(key)))
        elif isinstance(value, list):
            rows.append((metric, "; ".join(str(item) for item in value), False, "", ""))
        else:
            rows.append((metric, value, False, "", ""))

    walk(result, ())
    return rows


def metrics_csv(result: Mapping[str, Any]) -> str:
    """The result as CSV: a header row, then `metric_rows`, every cell safe to open in a spreadsheet."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for row in metric_rows(result):
        writer.writerow([safe_cell(cell) for cell in row])
    return buffer.getvalue()


def metrics_json(result: Mapping[str, Any]) -> str:
    """The result as stored, as indented JSON."""
    return json.dumps(result, indent=2, ensure_ascii=False) + "\n"
