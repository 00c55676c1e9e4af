"""Workforce equality metrics: pure calculations over plain data (no ORM, no I/O, no settings).

- `inputs`         StaffMember, OrganisationFigures and the other plain input shapes
- `suppression`    Figure and the small-number suppression rules every published figure goes through (a package:
                   `figures`, `linked` for counts published with totals, `suppressor` for the joint pass)
- `likelihood`     relative likelihood with a 95% (Katz) confidence interval and the adverse-impact flag, and
                   the counts and rates behind it (`group_rates`)
- `bands`          staff by pay band / medical grade and cluster (WRES indicator 1, WDES metric 1)
- `survey`         staff survey comparisons and board-versus-workforce differences
- `wres`, `wdes`   the two standards, indicator by indicator
- `paygap`         gender, ethnicity and disability pay gaps (SI 2017/353 Schedule 1), gov.uk columns; the
                   numbers behind them (populations, averages, quartile pay bands) in `paygap_numbers`
- `representation` workforce against the Census 2021 population; age profile
- `declaration`    how many staff have no recorded ethnicity, disability, sexual orientation or religion
- `metric_set`     `compute_metric_set`: everything for one scope and snapshot, already suppressed
- `entered`        the figures ESR does not hold, as one scope adds them up for WRES and WDES
- `results`        the shape of a result as every output reads it (TypedDicts: the contract with the outputs)
- `readings`       one-sentence plain-English readings of the headline figures
- `profile`        a scope's staff records counted once (WorkforceProfile), added up across scopes
- `paygap_people`  the pay gap's relevant employees, one per person, with their hourly rate of pay
- `rolling`        WRES 3 and WDES 3 as two-year rolling averages
- `basis`          what kind of figure a metric is (statutory, estimate, rolling average), printed beside it
- `linked_tables`  the cells of different tables of a scope that count the same people
- `disclosure_audit` the least and most a reader can work out for each hidden small number (linear programs)
"""

# Raise when a calculation or the shape of its results changes: stored results with another version are
# out of date (workforce.metric_inputs.metric_inputs_signature) and `recompute_metrics --stale` redoes them.
METRICS_VERSION = 6
