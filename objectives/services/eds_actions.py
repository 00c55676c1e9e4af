"""The action plan of an EDS 2022 assessment: actions on its outcomes, each optionally delivering a Belonging Plan
priority, so the EDS actions and the plan are one list (the priority's page lists them)."""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from objectives.eds.framework import framework
from objectives.models import EdsAction, EdsAssessment, Priority, Status
from objectives.permissions import can_edit_eds_assessment, can_update_eds_action_status
from objectives.services.recording import attribute_change


def _action_check(*, outcome: str, text: str, owner: str, due_on: date | None, status: str, priority) -> None:
    errors = {}
    if outcome not in {o.code for o in framework().outcomes}:
        errors["outcome"] = "Choose the outcome the action improves"
    if not text.strip():
        errors["action"] = "Describe the action"
    if not owner.strip():
        errors["owner"] = "Name the action's owner"
    if due_on is None:
        errors["due_on"] = "Enter the date the action is due"
    if status not in Status.values:
        errors["status"] = "Select the status"
    if priority is not None and priority.is_retired:
        errors["priority"] = "Choose a priority still in the plan"
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def eds_action_save(
    *,
    assessment: EdsAssessment,
    by,
    action: EdsAction | None = None,
    outcome: str,
    text: str,
    owner: str,
    due_on: date | None,
    status: str = Status.NOT_STARTED,
    priority: Priority | None = None,
) -> EdsAction:
    """Add an action to the draft assessment's action plan, or change one; return it."""
    if not can_edit_eds_assessment(by, assessment) or (action and action.assessment_id != assessment.pk):
        raise PermissionDenied
    _action_check(outcome=outcome, text=text, owner=owner, due_on=due_on, status=status, priority=priority)
    action = action or EdsAction(assessment=assessment)
    action.outcome = outcome
    action.action = text.strip()
    action.owner = owner.strip()
    action.due_on = due_on
    action.status = status
    action.priority = priority
    attribute_change(action, by=by).save()
    return action


@transaction.atomic
def eds_action_remove(*, action: EdsAction, by) -> None:
    if not can_edit_eds_assessment(by, action.assessment):
        raise PermissionDenied
    attribute_change(action, by=by).delete()


@transaction.atomic
def eds_action_status_update(*, action: EdsAction, by, status: str) -> EdsAction:
    """How an action of an approved action plan is going: its status only, everything else stays as approved."""
    if not can_update_eds_action_status(by, action.assessment):
        raise PermissionDenied
    if status not in Status.values:
        raise ValidationError({"status": "Select the status"})
    action.status = status
    attribute_change(action, by=by).save()
    return action
