"""An EDS 2022 assessment's way to publication and its action plan: the peer reviewer's ratings and the end of
the peer review, an admin's return to draft, the board's approval and publication, and the actions."""

from django.contrib import messages
from django.shortcuts import redirect, render

from objectives.forms.eds import (
    ActionForm,
    ActionStatusForm,
    ApproveForm,
    PeerRatingForm,
    PeerReviewCompleteForm,
    PublishForm,
    ReturnToDraftForm,
)
from objectives.permissions import (
    can_approve_eds,
    can_peer_review_eds,
    can_peer_review_eds_part,
    can_publish_eds,
    can_return_eds_to_draft,
    can_update_eds_action,
)
from objectives.selectors import eds as selectors
from objectives.services import eds_actions, eds_assessments, eds_ratings
from objectives.views.eds import draft_for_change, draft_part, form_page
from organisations.shortcuts import get_for_user, is_submission, save_form, submitted


def _assessment_for(request, slug, year, may_change):
    return get_for_user(request, selectors.eds_assessment, may_change=may_change, slug=slug, year=year)


def eds_peer_rating(request, slug, year, pk):
    rating = get_for_user(
        request,
        selectors.eds_rating,
        may_change=can_peer_review_eds_part,
        slug=slug,
        year=year,
        pk=pk,
    )
    form = PeerRatingForm(*submitted(request), rating=rating)
    save = eds_ratings.eds_peer_rating_save
    if save_form(form, lambda data: save(rating=rating, by=request.user, **data)):
        messages.success(request, f"Your peer rating of {rating} has been saved")
        return redirect(f"{rating.assessment.get_absolute_url()}#rating-{rating.pk}")
    details = [("Outcome", rating.get_outcome_display())]
    if rating.service_id:
        details.append(("Service", rating.service.name))
    details += [
        ("The organisation's rating", rating.get_rating_display() or "Not rated yet"),
        ("Evidence summary", rating.evidence or "None given yet"),
    ]
    return form_page(
        request,
        rating.assessment,
        form,
        heading=f"Peer review of {rating.outcome}",
        button="Save peer rating",
        details=details,
    )


def eds_peer_review_complete(request, slug, year):
    assessment = _assessment_for(request, slug, year, can_peer_review_eds)
    form = PeerReviewCompleteForm(*submitted(request))
    complete = eds_assessments.eds_peer_review_complete
    if save_form(form, lambda data: complete(assessment=assessment, by=request.user, summary=data["summary"])):
        messages.success(request, "The peer review is complete: the assessment goes to the board for approval")
        return redirect(assessment)
    intro = [
        "Once the peer review is complete the organisation can no longer change the assessment, unless an "
        "administrator returns it to draft."
    ]
    return form_page(
        request, assessment, form, heading="Complete the peer review", button="Complete peer review", intro=intro
    )


def eds_return_to_draft(request, slug, year):
    assessment = _assessment_for(request, slug, year, can_return_eds_to_draft)
    form = ReturnToDraftForm(*submitted(request))
    send_back = eds_assessments.eds_assessment_return_to_draft
    if save_form(form, lambda data: send_back(assessment=assessment, by=request.user, reason=data["reason"])):
        messages.success(request, "The assessment is a draft again: its organisation can change it")
        return redirect(assessment)
    return form_page(request, assessment, form, heading="Return to draft", button="Return to draft", warning=True)


def eds_approve(request, slug, year):
    assessment = _assessment_for(request, slug, year, can_approve_eds)
    form = ApproveForm(*submitted(request))
    approve = eds_assessments.eds_assessment_approve
    if save_form(form, lambda data: approve(assessment=assessment, by=request.user, **data)):
        messages.success(request, "The board's approval has been recorded: the assessment can no longer change")
        return redirect(assessment)
    intro = [
        "Record the board's approval once the board (or its committee) has approved the assessment.",
        "Approval freezes the assessment: its ratings, evidence, services and actions can no longer change.",
    ]
    return form_page(
        request, assessment, form, heading="Record the board's approval", button="Record approval", intro=intro
    )


def eds_publish(request, slug, year):
    assessment = _assessment_for(request, slug, year, can_publish_eds)
    form = PublishForm(*submitted(request))
    publish = eds_assessments.eds_assessment_publish
    if save_form(form, lambda data: publish(assessment=assessment, by=request.user, **data)):
        messages.success(request, "The assessment is recorded as published")
        return redirect(assessment)
    intro = ["NHS organisations publish their EDS summary report on their website."]
    return form_page(request, assessment, form, heading="Record publication", button="Record publication", intro=intro)


def eds_action_edit(request, slug, year, pk=None):
    assessment = draft_for_change(request, slug, year)
    action = None
    if pk is not None:
        action = draft_part(request, selectors.eds_action, slug, year, pk)
    form = ActionForm(*submitted(request), action=action)
    save = eds_actions.eds_action_save
    if save_form(
        form, lambda data: save(assessment=assessment, by=request.user, action=action, **form.action_fields())
    ):
        messages.success(request, "The action has been saved")
        return redirect(f"{assessment.get_absolute_url()}#action-plan")
    heading = "Change an action" if action else "Add an action"
    return form_page(request, assessment, form, heading=heading, button="Save action")


def eds_action_remove(request, slug, year, pk):
    action = draft_part(request, selectors.eds_action, slug, year, pk)
    assessment = action.assessment
    if is_submission(request):
        eds_actions.eds_action_remove(action=action, by=request.user)
        messages.success(request, "The action has been removed")
        return redirect(f"{assessment.get_absolute_url()}#action-plan")
    return render(request, "objectives/eds/action_remove.html", {"assessment": assessment, "action": action})


def eds_action_status(request, slug, year, pk):
    action = get_for_user(request, selectors.eds_action, may_change=can_update_eds_action, slug=slug, year=year, pk=pk)
    form = ActionStatusForm(*submitted(request), initial={"status": action.status})
    update = eds_actions.eds_action_status_update
    if save_form(form, lambda data: update(action=action, by=request.user, status=data["status"])):
        messages.success(request, "The action's status has been saved")
        return redirect(f"{action.assessment.get_absolute_url()}#action-plan")
    details = [("Outcome", action.get_outcome_display()), ("Action", action.action), ("Owner", action.owner)]
    return form_page(
        request, action.assessment, form, heading="Update the action's status", button="Save status", details=details
    )
