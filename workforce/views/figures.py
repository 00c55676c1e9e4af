"""Figures ESR does not hold: EDI leads enter them for their organisations; everyone with a role reads them."""

import csv

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from organisations.models import Organisation
from organisations.permissions import can_edit_figures, editable_organisations, require
from organisations.shortcuts import get_for_user
from workforce.esr.extract import ExtractRejected
from workforce.figures import SECTIONS, SECTIONS_BY_SLUG
from workforce.forms import FiguresUploadForm, figures_form_class
from workforce.models import reporting_year_for, reporting_year_label
from workforce.selectors.figures import figures_for_organisation
from workforce.services.figures_import import figures_csv_import, figures_save

YEARS_SHOWN = 6


def recent_years():
    """The current reporting year and the five before it, newest first."""
    current = reporting_year_for(timezone.localdate())
    return list(range(current, current - YEARS_SHOWN, -1))


def figures_overview(request, slug):
    organisation = get_for_user(request, Organisation, slug=slug)
    years = recent_years()
    found = figures_for_organisation(organisation=organisation, years=years)
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
    organisation = get_for_user(request, Organisation, slug=slug)
    section = SECTIONS_BY_SLUG.get(section)
    if section is None or year not in recent_years():
        raise Http404
    figures = section.model.objects.of_organisation(organisation).in_year(year).first()
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
        require(request.method != "POST")
        context["values"] = section.labelled_values(figures, settings.SUPPRESSION_THRESHOLD)
        context["suppression_threshold"] = settings.SUPPRESSION_THRESHOLD
        return render(request, "workforce/figures_view.html", context)
    instance = figures or section.model(organisation=organisation, year=year)
    form = figures_form_class(section)(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        figures_save(form=form)
        messages.success(request, f"{section.title} figures for {reporting_year_label(year)} have been saved")
        return redirect("workforce:figures_overview", slug=organisation.slug)
    context["form"] = form
    return render(request, "workforce/figures_form.html", context)


def figures_import(request):
    """Import one section of figures from CSV for the organisations the user may change."""
    require(editable_organisations(request.user).exists())
    form = FiguresUploadForm(request.POST or None, request.FILES or None, sections=SECTIONS)
    report = None
    if request.method == "POST" and form.is_valid():
        section = SECTIONS_BY_SLUG[form.cleaned_data["section"]]
        upload = form.cleaned_data["figures_file"]
        try:
            report = figures_csv_import(data=upload.read(), section=section, user=request.user)
        except ExtractRejected as error:
            form.add_error("figures_file", str(error))
        else:
            if report.ok:
                messages.success(
                    request,
                    f"{section.title} figures imported: {report.created} new and {report.updated} changed",
                )
                return redirect("workforce:figures_import")
    context = {"form": form, "report": report, "sections": SECTIONS}
    return render(request, "workforce/figures_import.html", context)


def figures_template(request, section):
    """A CSV template for one section: the columns, and a row for each organisation the user may change."""
    require(editable_organisations(request.user).exists())
    section = SECTIONS_BY_SLUG.get(section)
    if section is None:
        raise Http404
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{section.slug}-figures.csv"'
    writer = csv.writer(response)
    writer.writerow(["organisation", "year", *section.fields])
    last_year = recent_years()[1]
    for organisation in editable_organisations(request.user).order_by("name"):
        writer.writerow([organisation.ods_code or organisation.slug, last_year, *[""] * len(section.fields)])
    return response
