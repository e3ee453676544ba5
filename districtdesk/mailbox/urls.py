from django.urls import path

from districtdesk.mailbox import views

urlpatterns = [
    path("held/", views.held_list, name="mailbox_held_list"),
    path("held/<int:pk>/", views.held_detail, name="mailbox_held_detail"),
    path("held/<int:pk>/discard/", views.held_discard, name="mailbox_held_discard"),
    path("inbound/", views.inbound, name="mailbox_inbound"),
]
