from django.urls import path

from workforce import views_esr, views_figures

app_name = "workforce"

urlpatterns = [
    path("imports/esr/", views_esr.esr_import, name="esr_import"),
    path("imports/esr/confirm/", views_esr.esr_import_confirm, name="esr_import_confirm"),
    path("figures/import/", views_figures.figures_import, name="figures_import"),
    path("figures/import/<slug:section>.csv", views_figures.figures_template, name="figures_template"),
    path("organisations/<slug:slug>/figures/", views_figures.figures_overview, name="figures_overview"),
    path(
        "organisations/<slug:slug>/figures/<int:year>/<slug:section>/",
        views_figures.figures_section,
        name="figures_section",
    ),
]
