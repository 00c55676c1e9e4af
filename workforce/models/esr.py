"""ESR extracts as stored: each import, the snapshot it loads per organisation, and the staff records in it."""

from django.conf import settings
from django.db import models

from organisations.models import Organisation
from workforce import vocabulary
from workforce.models.reporting_years import reporting_year_for


class ImportBatchQuerySet(models.QuerySet):
    def current(self):
        """Imports at least one of whose snapshots is still held (not replaced by a later import)."""
        return self.filter(status=ImportBatch.Status.IMPORTED)


class SnapshotQuerySet(models.QuerySet):
    def on(self, snapshot_date):
        return self.filter(snapshot_date=snapshot_date)

    def of_organisations(self, organisations):
        """Snapshots of these organisations (Organisation objects or ids)."""
        return self.filter(organisation__in=organisations)


class ImportBatch(models.Model):
    """One uploaded ESR extract. Its SHA-256 makes a second import of the same file a no-op."""

    class Status(models.TextChoices):
        IMPORTED = "imported", "Imported"
        SUPERSEDED = "superseded", "Replaced by a later import"

    sha256 = models.CharField("SHA-256 of the file", max_length=64, db_index=True)
    file_name = models.CharField(max_length=255)
    snapshot_date = models.DateField()
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    imported_at = models.DateTimeField(auto_now_add=True)
    row_count = models.PositiveIntegerField(default=0)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.IMPORTED)

    objects = ImportBatchQuerySet.as_manager()

    class Meta:
        ordering = ["-imported_at", "-pk"]
        verbose_name = "ESR import"
        verbose_name_plural = "ESR imports"

    def __str__(self):
        return f"{self.file_name} ({self.snapshot_date:%d %B %Y})"


class Snapshot(models.Model):
    """One organisation's staff in post on one date, loaded by one import. Re-importing replaces it whole."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="snapshots")
    snapshot_date = models.DateField()
    import_batch = models.ForeignKey(ImportBatch, on_delete=models.PROTECT, related_name="snapshots")
    row_count = models.PositiveIntegerField("Assignments", default=0)
    # Set by `manage.py retention` (workforce.services.retention): the staff records are gone, this summary and
    # the metric results computed from them stay, and the year is no longer recomputed.
    staff_records_removed_on = models.DateField(null=True, blank=True)

    objects = SnapshotQuerySet.as_manager()

    class Meta:
        ordering = ["-snapshot_date", "organisation__name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "snapshot_date"], name="one_snapshot_per_organisation_date")
        ]

    def __str__(self):
        return f"{self.organisation.display_short_name} staff in post on {self.snapshot_date:%d %B %Y}"

    @property
    def reporting_year(self) -> int:
        return reporting_year_for(self.snapshot_date)


class StaffRecord(models.Model):
    """One ESR assignment in a snapshot, pseudonymised at the door.

    No names and no dates of birth are stored. Employee and assignment numbers are kept only as
    HMAC-SHA256 digests keyed with settings.PSEUDONYMISATION_KEY, so the same person links across
    snapshots but cannot be traced back to ESR without the key. Rows are written with COPY by
    workforce.services.esr_import.esr_extract_import, never one by one; it guarantees one row per assignment
    in a snapshot and that the snapshot exists (kept out of the database to keep COPY fast).
    """

    # No database constraint: PostgreSQL checks a foreign key with a row lock per inserted row, a fifth of
    # the time of a full import. The import service, the only writer, creates the snapshot in the same
    # transaction; deleting a snapshot still deletes its records (on_delete=CASCADE, done by Django).
    snapshot = models.ForeignKey(Snapshot, on_delete=models.CASCADE, related_name="staff_records", db_constraint=False)
    employee_key = models.CharField(max_length=64, help_text="HMAC-SHA256 of the employee number.")
    assignment_key = models.CharField(max_length=64, help_text="HMAC-SHA256 of the assignment number.")
    is_primary_assignment = models.BooleanField(default=True)
    staff_group = models.CharField(max_length=24, choices=vocabulary.StaffGroup.choices)
    occupation_code = models.CharField(max_length=10, blank=True)
    job_role = models.CharField(max_length=100, blank=True)
    pay_band = models.CharField(max_length=8, choices=vocabulary.PayBand.choices)
    medical_grade = models.CharField(max_length=16, choices=vocabulary.MedicalGrade.choices, blank=True)
    is_clinical = models.BooleanField(help_text="From the staff group: see vocabulary.NON_CLINICAL_STAFF_GROUPS.")
    assignment_category = models.CharField(max_length=16, choices=vocabulary.AssignmentCategory.choices)
    is_bank = models.BooleanField(default=False)
    fte = models.DecimalField("FTE", max_digits=6, decimal_places=4)
    contracted_hours = models.DecimalField(
        max_digits=6, decimal_places=2, null=True, blank=True, help_text="Weekly contracted hours."
    )
    hourly_rate = models.DecimalField(
        max_digits=10,
        decimal_places=4,
        null=True,
        blank=True,
        help_text="From the file, or annual salary ÷ (weekly contracted hours × 52.143); empty without hours.",
    )
    annual_salary = models.DecimalField(
        max_digits=10, decimal_places=2, null=True, blank=True, help_text="Pro rata to the contracted hours."
    )
    bonus_pay = models.DecimalField(
        max_digits=10, decimal_places=2, default=0, help_text="Bonus paid in the 12 months to the snapshot date."
    )
    is_full_pay_relevant = models.BooleanField(default=True)
    # The gender pay gap's figures for the pay period the snapshot date falls in (SI 2017/353 Schedule 1),
    # when the extract gives them; without them the pay gaps are an estimate from the basic hourly rate.
    ordinary_pay = models.DecimalField(
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="Ordinary pay in the relevant pay period, before deductions; empty when the extract has none.",
    )
    period_bonus_pay = models.DecimalField(
        max_digits=10, decimal_places=2, default=0, help_text="Bonus pay paid in the relevant pay period."
    )
    pay_period_days = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Days in the relevant pay period (a calendar month unless the file says)."
    )
    weekly_working_hours = models.DecimalField(
        max_digits=8,
        decimal_places=4,
        null=True,
        blank=True,
        help_text="The weekly hours the ordinary pay is for; empty: the contracted hours.",
    )
    is_on_reduced_pay_leave = models.BooleanField(
        default=False, help_text="Paid at a reduced rate or nil in the pay period because of leave."
    )
    sex = models.CharField(max_length=8, choices=vocabulary.Sex.choices)
    age_band = models.CharField(
        max_length=5, help_text="At the snapshot date; see vocabulary.AGE_BANDS (or ESR_AGE_BANDS, as ESR gives them)."
    )
    ethnic_origin_code = models.CharField(max_length=2, blank=True, help_text='ESR code, for example "A" or "CP".')
    ethnic_group = models.CharField(max_length=8, choices=vocabulary.EthnicGroup.choices)
    disability_group = models.CharField(max_length=12, choices=vocabulary.DisabilityGroup.choices)
    sexual_orientation = models.CharField(max_length=12, choices=vocabulary.SexualOrientation.choices)
    religion = models.CharField(max_length=12, choices=vocabulary.Religion.choices)
    is_board_member = models.BooleanField(default=False)
    is_voting_board_member = models.BooleanField(default=False)
    is_executive_board_member = models.BooleanField(default=False)

    def __str__(self):
        return f"Assignment {self.assignment_key[:8]}… in {self.snapshot}"
