from django.urls import path

from districtdesk.reports import views

urlpatterns = [
    path("", views.sla_dashboard, name="reports_dashboard"),
    path("intake/", views.intake_dashboard, name="reports_intake"),
    path("download/<slug:table>.csv", views.download_csv, name="reports_csv"),
    path("download/<slug:table>.xlsx", views.download_xlsx, name="reports_xlsx"),
]
