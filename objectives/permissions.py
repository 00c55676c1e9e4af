"""Who may change which part of the plan, built on workforce.permissions.

- Everyone with a portal role reads the whole plan, its progress and its evidence.
- Individual-organisation items: admins, and EDI leads of that organisation.
- ICS-level and place-level items: admins, and ICS-level leads.
- A frozen update (its round is closed) changes for nobody.
- The plan itself (priorities, rounds, named leads): admins only.
- An organisation's accreditations: admins, and that organisation's EDI leads.
- EDS 2022 assessments: that organisation's EDI leads (and admins) start them and change them while they are
  drafts; a peer reviewer (an EDI lead of another organisation, named on the assessment) rates beside them and
  completes the peer review; admins return a peer-reviewed assessment to draft, record the board's approval and
  publication. An approved assessment is frozen for everyone, except the status of its actions, which its
  organisation's leads keep up to date while the actions are delivered.
"""

from dataclasses import dataclass

from django.db.models import Q

from objectives.models import EdsAssessment, EdsStatus, Level, PlanItem
from objectives.models.eds import takes_part_in_eds
from organisations.models import Organisation
from organisations.permissions import (
    can_edit_ics_items,
    can_edit_organisation_items,
    can_edit_place_items,
    can_manage_portal,
    can_view_portal,
    editable_organisations,
    is_admin,
    is_edi_lead,
    is_ics_lead,
)


def can_view_plan(user) -> bool:
    return can_view_portal(user)


def can_manage_plan(user) -> bool:
    """Add, edit and retire priorities, name item leads, open and close reporting rounds."""
    return can_manage_portal(user)


def can_update_item(user, item: PlanItem) -> bool:
    """May the user add progress updates to this item?"""
    if not item.is_active:
        return False
    level = item.priority.level
    if level == Level.ORGANISATION:
        return can_edit_organisation_items(user, item.organisation)
    if level == Level.PLACE:
        return can_edit_place_items(user, item.place)
    return can_edit_ics_items(user)


def can_change_update(user, update) -> bool:
    """May the user correct or withdraw this update? Only while its round is open."""
    return not update.is_frozen and can_update_item(user, update.item)


def updatable_items_filter(user) -> Q:
    """A filter on PlanItem matching exactly the items the user may update."""
    if is_admin(user):
        return Q(is_active=True)
    allowed = Q(priority__level=Level.ORGANISATION, organisation__in=editable_organisations(user))
    if is_ics_lead(user):
        allowed |= Q(priority__level__in=[Level.ICS, Level.PLACE])
    return Q(is_active=True) & allowed


def updatable_items(user, queryset=None):
    queryset = PlanItem.objects.all() if queryset is None else queryset
    if not can_view_plan(user):
        return queryset.none()
    return queryset.filter(updatable_items_filter(user))


@dataclass(frozen=True)
class ItemAccess:
    """The user's update rights, read once, so a list can check every row without a query per row."""

    admin: bool
    ics_lead: bool
    organisation_ids: frozenset[int]

    @property
    def can_update_anything(self) -> bool:
        return self.admin or self.ics_lead or bool(self.organisation_ids)

    def can_update(self, item: PlanItem) -> bool:
        if not item.is_active:
            return False
        if self.admin:
            return True
        if item.priority.level == Level.ORGANISATION:
            return item.organisation_id in self.organisation_ids
        return self.ics_lead

    def can_change(self, update) -> bool:
        return not update.is_frozen and self.can_update(update.item)


def item_access(user) -> ItemAccess:
    if not can_view_plan(user):
        return ItemAccess(admin=False, ics_lead=False, organisation_ids=frozenset())
    return ItemAccess(
        admin=is_admin(user),
        ics_lead=is_ics_lead(user),
        organisation_ids=frozenset(editable_organisations(user).values_list("pk", flat=True)),
    )


def can_edit_accreditations(user, organisation) -> bool:
    return can_edit_organisation_items(user, organisation)


# --- EDS 2022 assessments ---------------------------------------------------------------------


def can_start_eds_assessment(user, organisation: Organisation) -> bool:
    """Start an organisation's assessment of a year: its EDI leads and admins, for an NHS organisation."""
    return takes_part_in_eds(organisation) and can_edit_organisation_items(user, organisation)


def can_edit_eds_assessment(user, assessment: EdsAssessment) -> bool:
    """Change the assessment (details, services, ratings, evidence, actions): while it is a draft only."""
    return assessment.is_draft and can_edit_organisation_items(user, assessment.organisation)


def can_edit_eds_part(user, part) -> bool:
    """Change a service, rating or action: may the user change the assessment it belongs to?"""
    return can_edit_eds_assessment(user, part.assessment)


def may_review_for_others(user, organisation: Organisation) -> bool:
    """Whether the user could be named as a peer reviewer of the organisation: an EDI lead of another
    organisation, and of none that is this one (a peer review is by another organisation)."""
    if not is_edi_lead(user):
        return False
    organisations = set(user.memberships.values_list("organisation_id", flat=True))
    return bool(organisations) and organisation.pk not in organisations


def is_eds_peer_reviewer(user, assessment: EdsAssessment) -> bool:
    """Named on the assessment as one of its peer reviewers (and still a lead of another organisation)."""
    if not can_view_portal(user) or not assessment.peer_reviewers.filter(pk=user.pk).exists():
        return False
    return may_review_for_others(user, assessment.organisation)


def can_peer_review_eds(user, assessment: EdsAssessment) -> bool:
    """Enter peer ratings and comments, and complete the peer review: a named peer reviewer, while it is a draft."""
    return assessment.is_draft and is_eds_peer_reviewer(user, assessment)


def can_peer_review_eds_part(user, rating) -> bool:
    return can_peer_review_eds(user, rating.assessment)


def can_return_eds_to_draft(user, assessment: EdsAssessment) -> bool:
    return is_admin(user) and assessment.status == EdsStatus.PEER_REVIEWED


def can_approve_eds(user, assessment: EdsAssessment) -> bool:
    """Record the board's approval, which freezes the assessment: admins, once it is peer reviewed."""
    return is_admin(user) and assessment.status == EdsStatus.PEER_REVIEWED


def can_publish_eds(user, assessment: EdsAssessment) -> bool:
    return is_admin(user) and assessment.status == EdsStatus.APPROVED


def can_update_eds_action_status(user, assessment: EdsAssessment) -> bool:
    """Report how the actions of an approved action plan are going (their status only): the organisation's leads."""
    return assessment.is_frozen and can_edit_organisation_items(user, assessment.organisation)


def can_update_eds_action(user, action) -> bool:
    return can_update_eds_action_status(user, action.assessment)
