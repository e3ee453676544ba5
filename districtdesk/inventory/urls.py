from django.urls import path

from districtdesk.inventory import (
    audit_views,
    label_views,
    offline_views,
    student_access_views,
    views,
    work_views,
)

urlpatterns = [
    path("", views.asset_list, name="asset_list"),
    path("export.csv", views.asset_export, name="asset_export"),
    path("export.xlsx", views.asset_export_xlsx, name="asset_export_xlsx"),
    path("labels/", label_views.asset_labels, name="asset_labels"),
    # A label's QR code: short, and by tag, so the printed label never goes stale.
    path("t/<str:tag>/", label_views.asset_by_tag, name="asset_by_tag"),
    path("new/", views.asset_new, name="asset_new"),
    path("import/", views.asset_import, name="asset_import"),
    path("<int:pk>/", views.asset_detail, name="asset_detail"),
    path("<int:pk>/edit/", views.asset_edit, name="asset_edit"),
    path("<int:pk>/move/", views.asset_move, name="asset_move"),
    path("<int:pk>/status/", views.asset_status, name="asset_status"),
    path("student-access/", student_access_views.student_access_log, name="student_access_log"),
    # Inventory work items (seed 003, category 7), each its own service request.
    path("work/", work_views.work_list, name="work_list"),
    path("work/new/", work_views.work_new, name="work_new"),
    path("work/<int:pk>/", work_views.work_detail, name="work_detail"),
    *(
        path(
            f"work/<int:pk>/{step.replace('_', '-')}/",
            work_views.work_step,
            {"step": step},
            name=f"work_{step}",
        )
        for step in work_views.STEPS
    ),
    *(
        path(
            f"work/asset/<int:pk>/{what}/",
            work_views.work_for_asset,
            {"what": what},
            name=f"work_asset_{what}",
        )
        for what in work_views.ASSET_FIELDS
    ),
    path("audits/", audit_views.audit_list, name="audit_list"),
    path("audits/start/", audit_views.audit_start, name="audit_start"),
    # The scanning page's service worker: served from the audits' folder, which is its scope.
    path("audits/scanning-worker.js", offline_views.scanning_worker, name="scanning_worker"),
    path("audits/<int:pk>/", audit_views.audit_detail, name="audit_detail"),
    path("audits/<int:pk>/scan/", audit_views.audit_scan, name="audit_scan"),
    path("audits/<int:pk>/tags.csv", audit_views.audit_tags_export, name="audit_tags_export"),
    # One small POST-only view per step of the audit, each calling one service.
    *(
        path(
            f"audits/<int:pk>/{step}/", audit_views.audit_step, {"step": step}, name=f"audit_{step}"
        )
        for step in audit_views.AUDIT_STEPS
    ),
    path(
        "audits/<int:pk>/discrepancies/<int:discrepancy_pk>/",
        audit_views.discrepancy_detail,
        name="discrepancy_detail",
    ),
    path(
        "audits/<int:pk>/discrepancies/<int:discrepancy_pk>/files/<int:attachment_pk>/",
        audit_views.discrepancy_file,
        name="discrepancy_file",
    ),
    *(
        path(
            f"audits/<int:pk>/discrepancies/<int:discrepancy_pk>/{action}/",
            audit_views.discrepancy_action,
            {"action": action},
            name=f"discrepancy_{action}",
        )
        for action in audit_views.DISCREPANCY_ACTIONS
    ),
]
