from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Synthetic ESR extracts, demo figures, progress and accounts for trying the portal. Production code never
    imports this app; it is installed for its management commands (`setup_demo`, `make_synthetic_esr`)."""

    name = "demo"
    verbose_name = "Demo data"
