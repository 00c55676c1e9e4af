"""Load everything the portal needs, and with --demo the synthetic demo data and accounts.

Safe to run again: reference data is updated in place, demo data is not duplicated, and only metrics
whose inputs changed are recomputed.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from objectives.demo import create_demo_progress
from objectives.services import give_admins_plan_permissions, load_plan
from workforce.demo import create_demo_users, load_demo_workforce
from workforce.permissions import ensure_role_groups
from workforce.services import load_places_and_organisations, recompute_metrics


class Command(BaseCommand):
    help = "Load places, organisations and the plan; with --demo also demo data and one user per role."

    def add_arguments(self, parser):
        parser.add_argument("--demo", action="store_true", help="Also load synthetic demo data and demo users.")
        parser.add_argument(
            "--demo-password", help="Password for the demo users (default: a new random one, printed at the end)."
        )

    def handle(self, *args, demo=False, demo_password=None, **options):
        if demo and not settings.DEBUG:
            raise CommandError("Demo users are only created when DEBUG is on; never load them in production.")
        ensure_role_groups()
        summary = load_places_and_organisations()
        self.stdout.write(f"Places and organisations: {summary.created} created, {summary.updated} already present.")
        plan = load_plan()
        give_admins_plan_permissions()
        self.stdout.write(
            f"Belonging Plan: {plan.objectives} objectives, {plan.priorities} priorities, {plan.measures} measures, "
            f"{plan.standards} standards and {plan.items} tracked items added."
        )
        if demo:
            load_demo_workforce(log=self.stdout.write)
        # Metrics computed before a change of threshold or calculation (or never) are brought up to date.
        for line in recompute_metrics(only_stale=True).summary():
            self.stdout.write(line)
        if demo:
            password, users = create_demo_users(demo_password)
            progress = create_demo_progress()
            self.stdout.write(
                f"Demo progress: {progress.rounds} reporting rounds, {progress.updates} updates, "
                f"{progress.accreditations} accreditation records added."
            )
            self.stdout.write("")
            self.stdout.write(self.style.SUCCESS("Demo users (all with the same password):"))
            for user in users:
                self.stdout.write(f"  {user.role.value:<13} {user.email}")
            self.stdout.write(self.style.SUCCESS(f"Password: {password}"))
            self.stdout.write("")
