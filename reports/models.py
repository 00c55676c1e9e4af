from django.conf import settings
from django.db import models


class ApiToken(models.Model):
    """A personal token for reading the portal's JSON API from Power BI, Excel or scripts.

    Only a SHA-256 digest of the token is stored; the token itself is shown once, when created.
    A token reads exactly what its owner may read, and stops working when revoked or when the
    owner's account is closed.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100, help_text="What the token is for, for example “Power BI board report”.")
    key_prefix = models.CharField(max_length=12)
    key_digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.name} ({self.key_prefix}…)"

    @property
    def is_active(self):
        return self.revoked_at is None


class BuiltBoardPack(models.Model):
    """A scope's board pack for a year, built in the background after the figures or the plan changed.

    `data_version` is the digest of the data version it was built from (reports.page_cache): while it
    equals the current one the pack holds exactly what the dashboard shows, and is served as it is.
    """

    scope_key = models.CharField(max_length=100)
    year = models.PositiveIntegerField(null=True)
    data_version = models.CharField(max_length=64)
    pdf = models.BinaryField()
    workbook = models.BinaryField()
    built_at = models.DateTimeField()
    build_seconds = models.FloatField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["scope_key", "year"], name="one_built_pack_per_scope_year")]

    def __str__(self):
        return f"Board pack {self.scope_key} {self.year} built {self.built_at:%Y-%m-%d %H:%M}"
