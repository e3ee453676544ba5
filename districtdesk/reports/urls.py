from django.urls import path

from districtdesk.reports import views

urlpatterns = [
    path("", views.sla_dashboard, name="reports_dashboard"),
    path("intake/", views.intake_dashboard, name="reports_intake"),
    path("team/", views.team_dashboard, name="reports_team"),
    path("changes/", views.change_dashboard, name="reports_changes"),
    path("inventory/", views.inventory_dashboard, name="reports_inventory"),
    path("business-office/", views.business_office_dashboard, name="reports_business_office"),
    path("download/<slug:table>.csv", views.download_csv, name="reports_csv"),
    path("download/<slug:table>.xlsx", views.download_xlsx, name="reports_xlsx"),
]
