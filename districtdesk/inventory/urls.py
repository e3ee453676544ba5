from django.urls import path

from districtdesk.inventory import views

urlpatterns = [
    path("", views.asset_list, name="asset_list"),
    path("export.csv", views.asset_export, name="asset_export"),
    path("new/", views.asset_new, name="asset_new"),
    path("import/", views.asset_import, name="asset_import"),
    path("<int:pk>/", views.asset_detail, name="asset_detail"),
    path("<int:pk>/edit/", views.asset_edit, name="asset_edit"),
    path("<int:pk>/move/", views.asset_move, name="asset_move"),
    path("<int:pk>/status/", views.asset_status, name="asset_status"),
    path("audits/", views.audit_list, name="audit_list"),
    path("audits/start/", views.audit_start, name="audit_start"),
    path("audits/<int:pk>/", views.audit_detail, name="audit_detail"),
    path("audits/<int:pk>/scan/", views.audit_scan, name="audit_scan"),
]
