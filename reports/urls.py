from django.urls import path

from reports import views

app_name = "reports"

urlpatterns = [
    path("api/tokens/", views.api_tokens, name="api_tokens"),
    path("api/tokens/<int:pk>/revoke/", views.api_token_revoke, name="api_token_revoke"),
]
