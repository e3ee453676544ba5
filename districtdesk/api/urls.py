"""The REST API: each app's viewsets on one router, and the OpenAPI schema beside them."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from districtdesk.acquisitions.api import views as acquisition_views
from districtdesk.api.idempotency import IdempotentRouter
from districtdesk.changes.api import views as change_views
from districtdesk.core.api import views as core_views
from districtdesk.inventory.api import audit_views as audit_api_views
from districtdesk.inventory.api import views as inventory_views
from districtdesk.inventory.api import work_views as inventory_work_views
from districtdesk.reports.api import views as report_views
from districtdesk.service_requests.api import views as service_request_views

# Every viewset on this router honours Idempotency-Key on its POSTs.
router = IdempotentRouter()
router.register("campuses", core_views.CampusViewSet)
router.register("rooms", core_views.RoomViewSet)
router.register("teams", core_views.TeamViewSet)
router.register("systems", core_views.EnterpriseSystemViewSet)
router.register("requests", service_request_views.ServiceRequestViewSet, basename="servicerequest")
router.register("assets", inventory_views.AssetViewSet, basename="asset")
router.register("asset-moves", inventory_views.AssetMoveViewSet, basename="assetmove")
router.register("audits", inventory_views.AuditViewSet, basename="audit")
router.register(
    "audit-discrepancies", audit_api_views.AuditDiscrepancyViewSet, basename="auditdiscrepancy"
)
router.register(
    "inventory-work-items",
    inventory_work_views.InventoryWorkItemViewSet,
    basename="inventoryworkitem",
)
router.register("changes", change_views.ChangeRequestViewSet, basename="change")
router.register("change-meetings", change_views.MeetingViewSet, basename="changemeeting")
router.register(
    "technology-requests", acquisition_views.TechnologyRequestViewSet, basename="technologyrequest"
)
router.register("technology-standards", acquisition_views.StandardItemViewSet)
router.register(
    "approval-delegations", acquisition_views.DelegationViewSet, basename="approvaldelegation"
)

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="api_schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api_schema"), name="api_docs"),
    path("v1/me/", core_views.me, name="api_me"),
    path("v1/reports/sla/", report_views.sla_report, name="api_report_sla"),
    path("v1/reports/intake/", report_views.intake_report, name="api_report_intake"),
    path("v1/reports/team/", report_views.team_report, name="api_report_team"),
    path("v1/reports/changes/", report_views.change_report, name="api_report_changes"),
    path("v1/reports/inventory/", report_views.inventory_report, name="api_report_inventory"),
    path(
        "v1/reports/business-office/",
        report_views.business_office_report,
        name="api_report_business_office",
    ),
    path("v1/", include(router.urls)),
]
