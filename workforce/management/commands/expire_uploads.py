"""Remove uploaded ESR extracts that were checked but never confirmed: meant for cron, for example hourly.

The portal removes an upload when it is imported or rejected, and sweeps expired ones at each new
upload; this command also catches those left when nobody uploads again for a while.
"""

from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand

from workforce.services.esr_upload import esr_uploads_expire


class Command(BaseCommand):
    help = "Remove uploaded ESR extracts older than ESR_UPLOAD_EXPIRY_HOURS (checked but never confirmed)."

    def add_arguments(self, parser):
        default = f"default: ESR_UPLOAD_EXPIRY_HOURS, now {settings.ESR_UPLOAD_EXPIRY_HOURS:g}"
        parser.add_argument("--hours", type=float, help=f"Remove uploads older than this many hours ({default}).")

    def handle(self, *args, hours=None, **options):
        older_than = timedelta(hours=hours) if hours is not None else None
        removed = esr_uploads_expire(older_than=older_than)
        self.stdout.write(f"Removed {removed} expired ESR upload{'' if removed == 1 else 's'}.")
