from django.apps import AppConfig


class ObjectivesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "objectives"
    verbose_name = "Belonging Plan"

    def ready(self):
        from objectives import signals  # noqa: F401  (connects the receivers)
