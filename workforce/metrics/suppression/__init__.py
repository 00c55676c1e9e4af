"""Small-number suppression: every figure that leaves the metrics layer is a `Figure`.

The rule (issue 4, "Small-number suppression"), as implemented here:

1. **Counts.** A count of 1 to `threshold` people (7 by default, `settings.SUPPRESSION_THRESHOLD`) is
   shown as "*" (reason "small number"). Zero is shown: it identifies nobody.
2. **Secondary suppression.** Counts published together with their totals (table rows and columns,
   clusters of bands, clinical plus non-clinical) are suppressed further until no suppressed count can be
   worked out exactly from the counts that are shown (reason "secondary suppression"). See
   `suppress_linked_counts`.
3. **Statistics from small groups.** No percentage, mean, median, ratio or quartile is computed from a
   group of *fewer people than the threshold*. Read literally, as the issue words it: a group of
   `threshold - 1` or fewer is withheld ("group below threshold"); a group of exactly `threshold` is large
   enough. (The count of such a group is still shown as "*" by rule 1.) A ratio of two rates needs both
   groups to be large enough; a pay gap needs both the men and the women (or the two groups compared).
4. **Percentages of suppressed counts.** A percentage is its count divided by a total that is shown, so
   it would give the count away: a percentage whose count is suppressed (by rule 1 or 2) is withheld too
   ("derived from a suppressed count"). Relative likelihoods are not withheld for a small numerator:
   the issue's own published example (2 of 10 BME applicants appointed) must give 1.50.

5. **Across scopes.** A place's counts are its organisations' counts added up, and the ICS's are
   everything's. `metric_set.compute_metric_sets` suppresses the organisation, place and ICS tables as
   one linked system (through `Suppressor`), so a hidden organisation count cannot be recovered by
   subtracting its sister organisations from the place total either.

A figure that cannot be calculated at all (a zero denominator, no data) is not suppressed: it carries a
"not computable: ..." reason and a note saying which part was zero.

Known limit: a relative likelihood is shown with the group sizes beside it, so with a small numerator
(2 of 10 appointed) the ratio and the other group's counts still let a reader work the small number
back out. The issue's published example requires the ratio to be shown; the counts are starred.

The threshold is passed in to every function (no settings import), defaulting to `DEFAULT_THRESHOLD`.

- `figures`    `Figure`, the reasons, and rules 1, 3 and 4 (counts, small groups, percentages)
- `linked`     rule 2: counts published with their totals (`suppress_linked_counts`, `Sum`)
- `suppressor` rule 5: `Suppressor`, which records each scope's tables for the joint pass across scopes
"""

from .figures import (
    DEFAULT_THRESHOLD,
    DERIVED_FROM_SUPPRESSED_COUNT,
    GROUP_BELOW_THRESHOLD,
    NOT_COMPUTABLE_INCONSISTENT,
    NOT_COMPUTABLE_NO_DATA,
    NOT_COMPUTABLE_ZERO_DENOMINATOR,
    NOT_COMPUTABLE_ZERO_NUMERATOR,
    SECONDARY_SUPPRESSION,
    SMALL_NUMBER,
    Figure,
    count_figure,
    figures_to_dict,
    group_is_too_small,
    is_small,
    percentage,
    round_half_up,
)
from .linked import Sum, grid_sums, suppress_counts_with_total, suppress_linked_counts
from .suppressor import HIDE_LAST, PublishedTable, Suppressor, as_suppressor, hide_last, threshold_of

__all__ = [
    "DEFAULT_THRESHOLD",
    "DERIVED_FROM_SUPPRESSED_COUNT",
    "GROUP_BELOW_THRESHOLD",
    "HIDE_LAST",
    "NOT_COMPUTABLE_INCONSISTENT",
    "NOT_COMPUTABLE_NO_DATA",
    "NOT_COMPUTABLE_ZERO_DENOMINATOR",
    "NOT_COMPUTABLE_ZERO_NUMERATOR",
    "SECONDARY_SUPPRESSION",
    "SMALL_NUMBER",
    "Figure",
    "PublishedTable",
    "Sum",
    "Suppressor",
    "as_suppressor",
    "count_figure",
    "figures_to_dict",
    "grid_sums",
    "group_is_too_small",
    "hide_last",
    "is_small",
    "percentage",
    "round_half_up",
    "suppress_counts_with_total",
    "suppress_linked_counts",
    "threshold_of",
]
