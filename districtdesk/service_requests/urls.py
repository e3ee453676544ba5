from django.urls import path

from districtdesk.service_requests import attachment_views, queue_views, views

urlpatterns = [
    path("", views.request_list, name="request_list"),
    path("new/", views.request_new, name="request_new"),
    path("rooms/", views.room_options, name="request_room_options"),
    path("phone/", views.request_phone, name="request_phone"),
    path("phone/callers/", views.caller_search, name="request_caller_search"),
    path("queues/uncategorised/review/", queue_views.queue_review, name="request_queue_review"),
    path("queues/assign/", queue_views.queue_assign, name="request_queue_assign"),
    path("queues/<slug:name>/", queue_views.queue, name="request_queue"),
    path("<int:pk>/", views.request_detail, name="request_detail"),
    path(
        "<int:pk>/attachments/<int:attachment_pk>/",
        attachment_views.download,
        name="request_attachment",
    ),
    # One small POST-only view per workflow step, each calling one service.
    *(
        path(f"<int:pk>/{step}/", views.act, {"step": step}, name=f"request_{step}")
        for step in views.ACTIONS
    ),
]
