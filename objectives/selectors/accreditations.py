"""Each partner organisation's standing on the frameworks and accreditations the plan names."""

from objectives.models import EqualityStandard, OrganisationAccreditation
from organisations.models import Organisation


def accreditation_standards() -> list[EqualityStandard]:
    """The frameworks and accreditations, by name, with their levels."""
    return list(EqualityStandard.objects.accreditations().prefetch_related("levels").order_by("name"))


def accreditation_standard(*, slug: str) -> EqualityStandard:
    return EqualityStandard.objects.accreditations().get(slug=slug)


def recorded_standard(*, slug: str) -> EqualityStandard:
    """A standard organisations have records of: an accreditation, or EDS 2022 (recorded before its assessments)."""
    kinds = [EqualityStandard.Kind.ACCREDITATION, EqualityStandard.Kind.ASSESSMENT]
    return EqualityStandard.objects.filter(kind__in=kinds).get(slug=slug)


def accreditation_matrix() -> tuple[list[EqualityStandard], list[tuple[Organisation, list]]]:
    """(standards, rows): one row per active organisation with its record (or None) for each standard."""
    standards = accreditation_standards()
    organisations = list(Organisation.objects.filter(is_active=True).order_by("name"))
    records = {
        (r.organisation_id, r.standard_id): r
        for r in OrganisationAccreditation.objects.select_related("level").filter(
            organisation__in=organisations, standard__in=standards
        )
    }
    rows = [(o, [records.get((o.pk, s.pk)) for s in standards]) for o in organisations]
    return standards, rows


def organisation_accreditations(organisation: Organisation) -> list[tuple[EqualityStandard, object]]:
    """[(standard, record or None)] for every accreditation, for one organisation."""
    standards = accreditation_standards()
    records = {r.standard_id: r for r in organisation.accreditations.select_related("level", "standard")}
    return [(s, records.get(s.pk)) for s in standards]


def accreditation_record(*, organisation: Organisation, standard: EqualityStandard) -> OrganisationAccreditation | None:
    """The organisation's record on the accreditation, or None if it has none yet."""
    return (
        OrganisationAccreditation.objects.select_related("level", "standard", "organisation")
        .filter(organisation=organisation, standard=standard)
        .first()
    )
