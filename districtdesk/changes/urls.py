from django.urls import path

from districtdesk.changes.views import calendar, changes, meetings, reports

urlpatterns = [
    path("", changes.change_list, name="change_list"),
    path("new/", changes.change_new, name="change_new"),
    path("check/", changes.change_check, name="change_check"),
    path("<int:pk>/", changes.change_detail, name="change_detail"),
    path("<int:pk>/edit/", changes.change_edit, name="change_edit"),
    # One small POST-only view per workflow step, each calling one service.
    *(
        path(f"<int:pk>/{step}/", changes.act, {"step": step}, name=f"change_{step}")
        for step in changes.ACTIONS
    ),
    path("meetings/", meetings.meeting_list, name="meeting_list"),
    path("meetings/plan/", meetings.meeting_plan, name="meeting_plan"),
    path("meetings/<int:pk>/", meetings.meeting_detail, name="meeting_detail"),
    path("meetings/<int:pk>/agenda/", meetings.agenda_print, name="meeting_agenda"),
    path(
        "meetings/<int:pk>/items/<int:item_pk>/decide/",
        meetings.meeting_decide,
        name="meeting_decide",
    ),
    path(
        "meetings/<int:pk>/items/<int:item_pk>/vote/",
        meetings.meeting_vote,
        name="meeting_vote",
    ),
    *(
        path(
            f"meetings/<int:pk>/{step}/",
            meetings.meeting_step,
            {"step": step},
            name=f"meeting_{step}",
        )
        for step in meetings.MEETING_STEPS
    ),
    path("calendar/", calendar.change_calendar, name="change_calendar"),
    path("calendar/subscribe/", calendar.calendar_subscribe, name="change_calendar_subscribe"),
    path("feed/<str:token>.ics", calendar.change_feed, name="change_feed"),
    path("reports/<slug:kind>/", reports.report, name="change_report"),
    path("reports/<slug:kind>/csv/", reports.report_csv, name="change_report_csv"),
]
