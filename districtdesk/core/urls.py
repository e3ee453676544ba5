from django.urls import path

from districtdesk.core import views

urlpatterns = [
    path("", views.home, name="home"),
    path("calendars/", views.calendar_list, name="calendar_list"),
    path("calendars/<int:pk>/", views.calendar_detail, name="calendar_detail"),
    path("calendars/<int:pk>/closures/", views.closure_add, name="closure_add"),
    path(
        "calendars/<int:pk>/closures/<int:closure_pk>/remove/",
        views.closure_remove,
        name="closure_remove",
    ),
]
