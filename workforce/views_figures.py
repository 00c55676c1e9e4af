"""Figures ESR does not hold: EDI leads enter them for their organisations; everyone with a role reads them."""

from django.conf import settings
from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from workforce import selectors
from workforce.figures import SECTIONS, SECTIONS_BY_SLUG, short_label
from workforce.forms import figures_form_class
from workforce.models import Organisation, reporting_year_for, reporting_year_label
from workforce.permissions import can_edit_figures, can_view_portal, require

YEARS_SHOWN = 6


def recent_years():
    """The current reporting year and the five before it, newest first."""
    current = reporting_year_for(timezone.localdate())
    return list(range(current, current - YEARS_SHOWN, -1))


def figures_overview(request, slug):
    require(can_view_portal(request.user))
    organisation = get_object_or_404(Organisation, slug=slug)
    years = recent_years()
    found = selectors.figures_for_organisation(organisation, years)
    rows = [
        {
            "year": year,
            "label": reporting_year_label(year),
            "sections": [(section, found.get((section.slug, year))) for section in SECTIONS],
        }
        for year in years
    ]
    context = {
        "organisation": organisation,
        "rows": rows,
        "sections": SECTIONS,
        "can_edit": can_edit_figures(request.user, organisation),
    }
    return render(request, "workforce/figures_overview.html", context)


def figures_section(request, slug, year, section):
    require(can_view_portal(request.user))
    organisation = get_object_or_404(Organisation, slug=slug)
    section = SECTIONS_BY_SLUG.get(section)
    if section is None or year not in recent_years():
        raise Http404
    figures = section.model.objects.filter(organisation=organisation, year=year).first()
    can_edit = can_edit_figures(request.user, organisation)
    context = {
        "organisation": organisation,
        "section": section,
        "year": year,
        "year_label": reporting_year_label(year),
        "figures": figures,
        "can_edit": can_edit,
    }
    if not can_edit:
        if request.method == "POST":
            require(False)
        context["values"] = [
            (
                fieldset,
                [
                    (figures_field_label(section, name), getattr(figures, name) if figures else None)
                    for name in fieldset.fields
                ],
            )
            for fieldset in section.fieldsets
        ]
        context["suppression_threshold"] = settings.SUPPRESSION_THRESHOLD
        return render(request, "workforce/figures_view.html", context)
    instance = figures or section.model(organisation=organisation, year=year)
    form = figures_form_class(section)(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, f"{section.title} figures for {reporting_year_label(year)} have been saved")
        return redirect("workforce:figures_overview", slug=organisation.slug)
    context["form"] = form
    return render(request, "workforce/figures_form.html", context)


def figures_field_label(section, name):
    return short_label(name) or section.model._meta.get_field(name).verbose_name
