from django.urls import path

from reports import api_views, views

app_name = "reports"

urlpatterns = [
    path("dashboards/", views.overview, name="overview"),
    path("dashboards/tables/<slug:table_slug>.csv", views.overview_csv, name="overview_csv"),
    path("dashboards/board-pack.pdf", views.board_pack_pdf, name="board_pack_pdf"),
    path("dashboards/board-pack.xlsx", views.board_pack_xlsx, name="board_pack_xlsx"),
    path("dashboards/metrics/", views.metric_index, name="metric_index"),
    path("dashboards/metrics/<slug:slug>/", views.metric, name="metric"),
    path("dashboards/metrics/<slug:slug>/tables/<slug:table_slug>.csv", views.metric_csv, name="metric_csv"),
    path("dashboards/eds/<slug:slug>/<int:year>/report.pdf", views.eds_report_pdf, name="eds_report_pdf"),
    path("dashboards/eds/<slug:slug>/<int:year>/report.csv", views.eds_report_csv, name="eds_report_csv"),
    path("api/tokens/", views.api_tokens, name="api_tokens"),
    path("api/tokens/<int:pk>/revoke/", views.api_token_revoke, name="api_token_revoke"),
    # The read-only JSON API, version 1 (reports/api.py), and its documentation page.
    path("api/", api_views.docs, name="api_docs"),
    path("api/v1/", api_views.index, name="api_index"),
    path("api/v1/scopes/", api_views.scopes, name="api_scopes"),
    path("api/v1/years/", api_views.years, name="api_years"),
    path("api/v1/metrics/", api_views.metrics, name="api_metrics"),
    path("api/v1/metrics/trend/", api_views.metric_trend, name="api_metric_trend"),
    path("api/v1/metrics/comparison/", api_views.metric_comparison, name="api_metric_comparison"),
    path("api/v1/plan/summary/", api_views.plan_summary, name="api_plan_summary"),
    path("api/v1/eds/framework/", api_views.eds_framework, name="api_eds_framework"),
    path("api/v1/eds/assessments/", api_views.eds_assessments, name="api_eds_assessments"),
    path("api/v1/eds/assessment/", api_views.eds_assessment, name="api_eds_assessment"),
    path("api/v1/openapi.json", api_views.openapi, name="api_openapi"),
]
