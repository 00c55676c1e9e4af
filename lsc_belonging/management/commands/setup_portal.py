"""Load everything the portal needs: roles, places and organisations, the plan, and up-to-date metrics.

Safe to run again: reference data is updated in place and only metrics whose inputs changed are recomputed.
Demo data and accounts are loaded by `setup_demo` (the demo app), never by this command.
"""

from django.core.management.base import BaseCommand

from objectives.services.plan_load import admin_plan_permissions_grant, plan_load
from organisations.permissions import ensure_role_groups
from organisations.services.reference_data import reference_data_load
from workforce.services.catchments import catchment_defaults_load
from workforce.services.metric_recompute import metrics_recompute


class Command(BaseCommand):
    help = "Load roles, places, organisations and the plan, and bring stored metrics up to date."

    def handle(self, *args, **options):
        ensure_role_groups()
        summary = reference_data_load()
        self.stdout.write(f"Places and organisations: {summary.created} created, {summary.updated} already present.")
        self.stdout.write(f"Census catchments: the default loaded for {catchment_defaults_load()} organisations.")
        plan = plan_load()
        admin_plan_permissions_grant()
        self.stdout.write(
            f"Belonging Plan: {plan.objectives} objectives, {plan.priorities} priorities, {plan.measures} measures, "
            f"{plan.standards} standards and {plan.items} tracked items added."
        )
        # Metrics computed before a change of threshold or calculation (or never) are brought up to date.
        for line in metrics_recompute(only_stale=True).summary():
            self.stdout.write(line)
