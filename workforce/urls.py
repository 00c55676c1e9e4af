from django.urls import path

from workforce.views import esr, figures

app_name = "workforce"

urlpatterns = [
    path("imports/esr/", esr.esr_import, name="esr_import"),
    path("imports/esr/confirm/", esr.esr_import_confirm, name="esr_import_confirm"),
    path("figures/import/", figures.figures_import, name="figures_import"),
    path("figures/import/<slug:section>.csv", figures.figures_template, name="figures_template"),
    path("organisations/<slug:slug>/figures/", figures.figures_overview, name="figures_overview"),
    path(
        "organisations/<slug:slug>/figures/<int:year>/<slug:section>/",
        figures.figures_section,
        name="figures_section",
    ),
]
