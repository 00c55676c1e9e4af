"""Everything `setup_portal` loads, then synthetic demo data and one demo account per role (DEBUG only).

Safe to run again: demo data are not duplicated; the demo password is renewed and printed each time.
"""

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from demo.eds import create_demo_eds
from demo.progress import create_demo_progress
from demo.users import create_demo_users
from demo.workforce import load_demo_workforce
from workforce.services.metric_recompute import metrics_recompute


class Command(BaseCommand):
    help = "Set the portal up (as setup_portal) with synthetic demo data and one demo user per role."

    def add_arguments(self, parser):
        parser.add_argument("--password", help="Password for the demo users (default: a new random one, printed).")

    def handle(self, *args, password=None, **options):
        if not settings.DEBUG:
            raise CommandError("Demo users are only created when DEBUG is on; never load them in production.")
        call_command("setup_portal", stdout=self.stdout)
        load_demo_workforce(log=self.stdout.write)
        for line in metrics_recompute(only_stale=True).summary():
            self.stdout.write(line)
        password, users = create_demo_users(password)
        progress = create_demo_progress()
        self.stdout.write(
            f"Demo progress: {progress.rounds} reporting rounds, {progress.updates} updates, "
            f"{progress.accreditations} accreditation records added."
        )
        eds = create_demo_eds()
        self.stdout.write(f"Demo EDS 2022: {eds.assessments} assessments with {eds.actions} actions added.")
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS("Demo users (all with the same password):"))
        for user in users:
            self.stdout.write(f"  {user.role.value:<13} {user.email}")
        self.stdout.write(self.style.SUCCESS(f"Password: {password}"))
        self.stdout.write("")
