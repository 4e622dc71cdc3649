from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView

from inspections.retention import registry as retention

from . import access_views, api_views, metrics, views

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("readyz", views.readyz, name="readyz"),
    path("metrics", metrics.metrics, name="metrics"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("notifications/", include("jtai.notification_urls")),
    path("privacy/", views.privacy, {"retention_kinds": retention.kinds}, name="privacy"),
    path("admin-tools/access-records/", access_views.access_records, name="access-records"),
    path(
        "admin-tools/access-records/export.csv",
        access_views.access_records_export,
        name="access-records-export",
    ),
    path("accounts/login/", views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("django-admin/", admin.site.urls),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", api_views.ApiDocsView.as_view(url_name="api-schema"), name="api-docs"),
    path("api/", include("jtai.api_urls")),
    path("inspections/", include("inspections.urls")),
    path("", include("reports.urls")),
    path("", include("agencies.urls")),
]

handler400 = "jtai.views.bad_request"
handler403 = "jtai.views.permission_denied"
handler404 = "jtai.views.page_not_found"
handler500 = "jtai.views.server_error"
