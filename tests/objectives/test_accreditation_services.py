"""Services that record accreditations: levels held, consistency, permissions and their evidence files."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from objectives.evidence import EvidenceUpload
from objectives.models import (
    EqualityStandard,
    OrganisationAccreditation,
    StandardLevel,
)
from objectives.services.accreditations import AccreditationChange, accreditation_save
from tests.objectives.factories import PDF_BYTES


@pytest.fixture
def confident(db):
    standard = EqualityStandard.objects.create(
        slug="disability-confident", name="Disability Confident", short_name="DC", kind="accreditation"
    )
    for rank, name in enumerate(["Committed", "Employer", "Leader"], start=1):
        StandardLevel.objects.create(standard=standard, name=name, rank=rank)
    return standard


@pytest.mark.django_db
class TestAccreditations:
    def test_lead_records_their_organisations_level(self, lead_user, own_org, confident):
        level = confident.levels.get(name="Employer")
        achieved = timezone.localdate() - timedelta(days=30)
        record_ = accreditation_save(
            organisation=own_org,
            standard=confident,
            change=AccreditationChange(
                status="held", level=level, achieved_on=achieved, evidence_url="https://example.org"
            ),
            by=lead_user,
        )
        assert (record_.status, record_.level, record_.achieved_on) == ("held", level, achieved)
        assert record_.history.get().history_user == lead_user

    def test_lead_cannot_record_another_organisations(self, lead_user, other_org, confident):
        with pytest.raises(PermissionDenied):
            accreditation_save(
                organisation=other_org, standard=confident, change=AccreditationChange(status="not_held"), by=lead_user
            )
        assert not OrganisationAccreditation.objects.exists()

    @pytest.mark.parametrize(
        "change, field",
        [
            (dict(status="held", achieved_on="past"), "level"),
            (dict(status="held", level="Leader"), "achieved_on"),
            (dict(status="not_held", level="Leader"), "level"),
            (dict(status="held", level="Leader", achieved_on="past", renewal_due_on="before"), "renewal_due_on"),
            (dict(status="held", level="Leader", achieved_on="future"), "achieved_on"),
        ],
    )
    def test_inconsistent_records_are_refused(self, lead_user, own_org, confident, change, field):
        today = timezone.localdate()
        dates = {
            "past": today - timedelta(days=10),
            "before": today - timedelta(days=20),
            "future": today + timedelta(1),
        }
        values = {k: dates.get(v, v) if k.endswith("_on") else v for k, v in change.items()}
        if "level" in values:
            values["level"] = confident.levels.get(name=values["level"])
        with pytest.raises(ValidationError) as error:
            accreditation_save(
                organisation=own_org, standard=confident, change=AccreditationChange(**values), by=lead_user
            )
        assert field in error.value.message_dict

    def test_a_level_of_another_accreditation_is_refused(self, lead_user, own_org, confident):
        other = EqualityStandard.objects.create(slug="rb", name="Rainbow Badge", short_name="RB", kind="accreditation")
        gold = StandardLevel.objects.create(standard=other, name="Gold", rank=3)
        change = AccreditationChange(status="held", level=gold, achieved_on=timezone.localdate())
        with pytest.raises(ValidationError, match="Select a level of DC"):
            accreditation_save(organisation=own_org, standard=confident, change=change, by=lead_user)

    def test_veteran_aware_is_held_or_not_without_levels(self, lead_user, own_org):
        veteran = EqualityStandard.objects.create(
            slug="veteran-aware", name="Veteran Aware", short_name="Veteran Aware", kind="accreditation"
        )
        change = AccreditationChange(status="held", achieved_on=timezone.localdate())
        assert accreditation_save(organisation=own_org, standard=veteran, change=change, by=lead_user).level is None


@pytest.mark.django_db(transaction=True)
def test_a_replaced_accreditation_file_leaves_storage(lead_user, own_org, evidence_storage):
    veteran = EqualityStandard.objects.create(slug="va", name="Veteran Aware", short_name="VA", kind="accreditation")
    change = AccreditationChange(status="working_towards", evidence_file=EvidenceUpload("old.pdf", PDF_BYTES))
    old_path = Path(
        accreditation_save(organisation=own_org, standard=veteran, change=change, by=lead_user).evidence_file.path
    )
    change = AccreditationChange(status="working_towards", evidence_file=EvidenceUpload("new.pdf", PDF_BYTES))
    record_ = accreditation_save(organisation=own_org, standard=veteran, change=change, by=lead_user)
    assert not old_path.exists()
    assert Path(record_.evidence_file.path).exists()
    change = AccreditationChange(status="working_towards", remove_evidence_file=True)
    accreditation_save(organisation=own_org, standard=veteran, change=change, by=lead_user)
    assert not any(Path(evidence_storage).rglob("*.pdf"))
