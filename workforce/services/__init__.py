"""Services that change workforce data, one module per concern, called alike by views, admin and commands.

- esr_import: check an ESR extract and store it as snapshots (esr_extract_import);
- esr_upload: an uploaded extract kept between its check and its confirmation (portal page and admin);
- figures_import: the figures ESR does not hold, from a form or a CSV file;
- metric_recompute: compute and store the equality metrics (metrics_recompute);
- catchments: each organisation's default Census catchment, stored for admins to edit (catchment_defaults_load).
"""
