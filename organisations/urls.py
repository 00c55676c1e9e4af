from django.urls import path

from organisations import views

app_name = "organisations"

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
]
