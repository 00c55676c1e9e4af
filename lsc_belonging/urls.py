from django.contrib import admin
from django.urls import include, path

from lsc_belonging import sso, views

admin.site.site_header = "LSC Belonging Portal administration"
admin.site.site_title = "LSC Belonging Portal"
admin.site.login = views.admin_login  # one sign-in page, with its lockout, for everything

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("accessibility/", views.accessibility_statement, name="accessibility"),
    path("privacy/", views.privacy_notice, name="privacy"),
    path("accounts/login/", views.SignInView.as_view(), name="login"),
    path("accounts/sso/", sso.sso_start, name="sso_start"),
    path("accounts/sso/callback/", sso.sso_callback, name="sso_callback"),
    # Before django.contrib.auth's own, which it replaces, to be switched off with password sign-in.
    path("accounts/password_reset/", views.PasswordResetView.as_view(), name="password_reset"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("", include("organisations.urls")),
    path("", include("jobs.urls")),
    path("", include("workforce.urls")),
    path("", include("reports.urls")),
    path("plan/", include("objectives.urls")),
    path("admin/", admin.site.urls),
]

handler403 = "lsc_belonging.views.permission_denied"
handler404 = "lsc_belonging.views.page_not_found"
handler500 = "lsc_belonging.views.server_error"
