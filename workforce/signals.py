"""What the workforce app tells others about, without knowing who listens."""

from django.dispatch import Signal

# Sent by metrics_recompute after it stored the results of one or more years (keyword: years).
metrics_recomputed = Signal()
