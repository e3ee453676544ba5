from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from districtdesk.core.health import health

urlpatterns = [
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(redirect_authenticated_user=True),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
    path("api/", include("districtdesk.api.urls")),
    path("health/", health, name="health"),
    path("requests/", include("districtdesk.service_requests.urls")),
    path("inventory/", include("districtdesk.inventory.urls")),
    path("notifications/", include("districtdesk.notifications.urls")),
    path("mailbox/", include("districtdesk.mailbox.urls")),
    path("changes/", include("districtdesk.changes.urls")),
    path("reports/", include("districtdesk.reports.urls")),
    path("technology/", include("districtdesk.acquisitions.urls")),
    path("", include("districtdesk.core.urls")),
]

handler404 = "districtdesk.api.errors.not_found"
