from django.urls import path

from objectives.views import accreditations, items, plan, rounds

app_name = "objectives"

urlpatterns = [
    path("", plan.plan_by_objective, name="plan"),
    path("levels/", plan.plan_by_level, name="plan_by_level"),
    path("years/", plan.plan_by_period, name="plan_by_period"),
    path("measures/", plan.measures, name="measures"),
    path("objectives/<int:number>/", plan.objective_detail, name="objective_detail"),
    path("priorities/add/", plan.priority_edit, name="priority_add"),
    path("priorities/<str:code>/", plan.priority_detail, name="priority_detail"),
    path("priorities/<str:code>/history/", plan.priority_history, name="priority_history"),
    path("priorities/<str:code>/edit/", plan.priority_edit, name="priority_edit"),
    path("priorities/<str:code>/retire/", plan.priority_retire, name="priority_retire"),
    path("priorities/<str:code>/reinstate/", plan.priority_reinstate, name="priority_reinstate"),
    path("items/", items.item_list, name="item_list"),
    path("items/<int:pk>/", items.item_detail, name="item_detail"),
    path("items/<int:pk>/history/", items.item_history, name="item_history"),
    path("items/<int:pk>/lead/", items.item_assign, name="item_assign"),
    path("items/<int:pk>/updates/add/", items.update_add, name="update_add"),
    path("updates/<int:pk>/correct/", items.update_edit, name="update_edit"),
    path("updates/<int:pk>/withdraw/", items.update_withdraw, name="update_withdraw"),
    path("evidence/<int:pk>/download/", items.evidence_download, name="evidence_download"),
    path("my-updates/", items.my_updates, name="my_updates"),
    path("rounds/", rounds.round_list, name="round_list"),
    path("rounds/open/", rounds.round_open, name="round_open"),
    path("rounds/<int:pk>/", rounds.round_detail, name="round_detail"),
    path("rounds/<int:pk>/edit/", rounds.round_edit, name="round_edit"),
    path("rounds/<int:pk>/close/", rounds.round_close, name="round_close"),
    path("accreditations/", accreditations.accreditation_overview, name="accreditation_overview"),
    path("accreditations/<slug:slug>/", accreditations.organisation_accreditations, name="organisation_accreditations"),
    path(
        "accreditations/<slug:slug>/<slug:standard>/",
        accreditations.accreditation_detail,
        name="accreditation_detail",
    ),
    path(
        "accreditations/<slug:slug>/<slug:standard>/edit/",
        accreditations.accreditation_edit,
        name="accreditation_edit",
    ),
    path(
        "accreditations/<slug:slug>/<slug:standard>/evidence/",
        accreditations.accreditation_evidence,
        name="accreditation_evidence",
    ),
]
