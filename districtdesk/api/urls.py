"""The REST API: each app's viewsets on one router, and the OpenAPI schema beside them."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from districtdesk.core.api import views as core_views
from districtdesk.service_requests.api import views as service_request_views

router = DefaultRouter()
router.register("campuses", core_views.CampusViewSet)
router.register("rooms", core_views.RoomViewSet)
router.register("teams", core_views.TeamViewSet)
router.register("systems", core_views.EnterpriseSystemViewSet)
router.register("requests", service_request_views.ServiceRequestViewSet, basename="servicerequest")

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="api_schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api_schema"), name="api_docs"),
    path("v1/me/", core_views.me, name="api_me"),
    path("v1/", include(router.urls)),
]
