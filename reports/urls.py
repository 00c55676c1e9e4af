from django.urls import path

from reports import views

app_name = "reports"

urlpatterns = [
    path("dashboards/", views.overview, name="overview"),
    path("dashboards/tables/<slug:table_slug>.csv", views.overview_csv, name="overview_csv"),
    path("dashboards/board-pack.pdf", views.board_pack_pdf, name="board_pack_pdf"),
    path("dashboards/board-pack.xlsx", views.board_pack_xlsx, name="board_pack_xlsx"),
    path("dashboards/metrics/", views.metric_index, name="metric_index"),
    path("dashboards/metrics/<slug:slug>/", views.metric, name="metric"),
    path("dashboards/metrics/<slug:slug>/tables/<slug:table_slug>.csv", views.metric_csv, name="metric_csv"),
    path("api/tokens/", views.api_tokens, name="api_tokens"),
    path("api/tokens/<int:pk>/revoke/", views.api_token_revoke, name="api_token_revoke"),
]
