"""EDS 2022 assessments: the ICS overview, an organisation's assessments, an assessment's page and history, and
the pages its organisation's EDI leads fill it in with while it is a draft."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from objectives.eds.framework import framework
from objectives.forms.eds import AssessmentDetailsForm, RatingForm, ServiceForm, StartAssessmentForm
from objectives.history.feeds import eds_assessment_history_feed
from objectives.models import EdsAssessment
from objectives.permissions import (
    can_approve_eds,
    can_edit_eds_assessment,
    can_edit_eds_part,
    can_peer_review_eds,
    can_publish_eds,
    can_return_eds_to_draft,
    can_start_eds_assessment,
    can_update_eds_action_status,
    can_view_plan,
    is_eds_peer_reviewer,
)
from objectives.selectors import eds as selectors
from objectives.selectors.eds_comparisons import eds_comparison, eds_years
from objectives.services import eds_assessments, eds_ratings
from organisations.permissions import require
from organisations.shortcuts import get_for_user, is_submission, private_download, save_form, submitted

OVERVIEW_YEARS = 3


def draft_for_change(request, slug, year) -> EdsAssessment:
    """The assessment in the address if the user may change it (a draft of their organisation), else 403/404."""
    return get_for_user(request, selectors.eds_assessment, may_change=can_edit_eds_assessment, slug=slug, year=year)


def draft_part(request, selector, slug, year, pk):
    """A service, rating or action of the draft in the address that the user may change, else 403/404."""
    return get_for_user(request, selector, may_change=can_edit_eds_part, slug=slug, year=year, pk=pk)


def form_page(request, assessment: EdsAssessment, form, *, heading: str, button: str, **extra):
    """The generic form page of an assessment (templates/objectives/eds/form.html)."""
    context = {
        "assessment": assessment,
        "form": form,
        "heading": heading,
        "button": button,
        "back_url": extra.pop("back_url", assessment.get_absolute_url()),
        "files_were_chosen": bool(request.FILES),
        **extra,
    }
    return render(request, "objectives/eds/form.html", context)


def eds_overview(request):
    require(can_view_plan(request.user))
    years = eds_years()[:OVERVIEW_YEARS]
    return render(request, "objectives/eds/overview.html", {"comparison": eds_comparison(years=years)})


def eds_organisation(request, slug):
    organisation = get_for_user(request, selectors.eds_organisation, slug=slug)
    context = {
        "organisation": organisation,
        "years": selectors.organisation_eds_years(organisation),
        "legacy": selectors.legacy_eds_record(organisation),
        "can_start": can_start_eds_assessment(request.user, organisation),
    }
    return render(request, "objectives/eds/organisation.html", context)


def eds_start(request, slug):
    organisation = get_for_user(request, selectors.eds_organisation, may_change=can_start_eds_assessment, slug=slug)
    held = set(organisation.eds_assessments.values_list("year", flat=True))
    years = [(y, f"{y - 1}/{str(y)[-2:]}") for y in eds_assessments.eds_years(timezone.localdate()) if y not in held]
    form = StartAssessmentForm(*submitted(request), years=years)
    if started := save_form(
        form,
        lambda data: eds_assessments.eds_assessment_start(
            organisation=organisation, year=data["year"], by=request.user
        ),
    ):
        messages.success(request, f"The {started.year_label} assessment has been started")
        return redirect(started)
    back = reverse("objectives:eds_organisation", args=[organisation.slug])
    context = {"organisation": organisation, "form": form, "back_url": back}
    return render(request, "objectives/eds/start.html", context)


def eds_assessment(request, slug, year):
    assessment = get_for_user(request, selectors.eds_assessment, slug=slug, year=year)
    user = request.user
    context = {
        "page": selectors.eds_assessment_page(assessment),
        "assessment": assessment,
        "eds": framework(),
        "can_edit": can_edit_eds_assessment(user, assessment),
        "is_peer_reviewer": is_eds_peer_reviewer(user, assessment),
        "can_peer_review": can_peer_review_eds(user, assessment),
        "can_return": can_return_eds_to_draft(user, assessment),
        "can_approve": can_approve_eds(user, assessment),
        "can_publish": can_publish_eds(user, assessment),
        "can_update_actions": can_update_eds_action_status(user, assessment),
        "history_entries": eds_assessment_history_feed(assessment).latest(10),
    }
    return render(request, "objectives/eds/assessment.html", context)


def eds_history(request, slug, year):
    assessment = get_for_user(request, selectors.eds_assessment, slug=slug, year=year)
    page, entries = eds_assessment_history_feed(assessment).page(request.GET.get("page"))
    context = {"subject": assessment, "page": page, "history_entries": entries}
    return render(request, "objectives/history.html", context)


def eds_details(request, slug, year):
    assessment = draft_for_change(request, slug, year)
    reviewers = selectors.eligible_peer_reviewers(assessment.organisation)
    form = AssessmentDetailsForm(*submitted(request), assessment=assessment, reviewers=reviewers)
    if save_form(
        form, lambda data: eds_assessments.eds_assessment_details_save(assessment=assessment, by=request.user, **data)
    ):
        messages.success(request, "The assessment's details have been saved")
        return redirect(assessment)
    return form_page(
        request,
        assessment,
        form,
        heading="Who and when",
        button="Save details",
        intro=["Who leads the assessment, when it was reviewed, which groups took part and who peer reviews it."],
    )


def eds_service_edit(request, slug, year, pk=None):
    assessment = draft_for_change(request, slug, year)
    service = None
    if pk is not None:
        service = draft_part(request, selectors.eds_service, slug, year, pk)
    form = ServiceForm(*submitted(request), service=service)
    if saved := save_form(
        form,
        lambda data: eds_ratings.eds_service_save(assessment=assessment, by=request.user, service=service, **data),
    ):
        messages.success(request, f"{saved.name} has been saved: rate its outcomes 1A to 1D")
        return redirect(f"{assessment.get_absolute_url()}#service-{saved.pk}")
    heading = f"Change {service.name}" if service else "Add a Domain 1 service"
    intro = ["Domain 1 (commissioned or provided services) is assessed for services the organisation chooses."]
    return form_page(request, assessment, form, heading=heading, button="Save service", intro=intro)


def eds_service_remove(request, slug, year, pk):
    service = draft_part(request, selectors.eds_service, slug, year, pk)
    assessment = service.assessment
    if is_submission(request):
        eds_ratings.eds_service_remove(service=service, by=request.user)
        messages.success(request, f"{service.name} has been removed from Domain 1")
        return redirect(assessment)
    context = {"assessment": assessment, "service": service}
    return render(request, "objectives/eds/service_remove.html", context)


def _rating_details(rating) -> list[tuple[str, str]]:
    outcome = rating.get_outcome_display()
    return [("Outcome", outcome)] + ([("Service", rating.service.name)] if rating.service_id else [])


def eds_rating_edit(request, slug, year, pk):
    rating = draft_part(request, selectors.eds_rating, slug, year, pk)
    form = RatingForm(*submitted(request), rating=rating)
    if save_form(
        form, lambda data: eds_ratings.eds_rating_save(rating=rating, by=request.user, **form.rating_fields())
    ):
        messages.success(request, f"The rating of {rating} has been saved")
        return redirect(f"{rating.assessment.get_absolute_url()}#rating-{rating.pk}")
    return form_page(
        request,
        rating.assessment,
        form,
        heading=f"Rate {rating.outcome}",
        button="Save rating",
        details=_rating_details(rating),
        intro=["Rate the outcome from the evidence, with the people who took part in the review."],
    )


def eds_evidence_download(request, pk):
    """Serve an EDS evidence file to a signed-in user with a role; never from a public address."""
    evidence = get_for_user(request, selectors.eds_evidence_for_download, pk=pk)
    return private_download(evidence.file, filename=evidence.original_name, content_type=evidence.content_type)
