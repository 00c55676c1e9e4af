from django.urls import path

from workforce import views, views_esr, views_figures

app_name = "workforce"

urlpatterns = [
    path("organisations/", views.organisation_list, name="organisation_list"),
    path("organisations/add/", views.organisation_edit, name="organisation_add"),
    path("organisations/<slug:slug>/", views.organisation_detail, name="organisation_detail"),
    path("organisations/<slug:slug>/edit/", views.organisation_edit, name="organisation_edit"),
    path("places/", views.place_list, name="place_list"),
    path("places/add/", views.place_edit, name="place_add"),
    path("places/<slug:slug>/", views.place_detail, name="place_detail"),
    path("places/<slug:slug>/edit/", views.place_edit, name="place_edit"),
    path("users/", views.user_list, name="user_list"),
    path("users/add/", views.user_edit, name="user_add"),
    path("users/<int:pk>/edit/", views.user_edit, name="user_edit"),
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
