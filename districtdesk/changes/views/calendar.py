"""The change calendar (month, or a list by week) with windows and blackouts shaded, the
page that hands out a person's feed address, and the iCalendar feed itself."""

from datetime import date, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from districtdesk.changes import calendar_data, ical, policies, selectors
from districtdesk.changes.forms import ChangeFilter
from districtdesk.changes.models import BlackoutPeriod, ChangeRequest
from districtdesk.changes.services import feeds
from districtdesk.changes.views.common import require_staff


def _month(text: str | None, today: date) -> date:
    try:
        year, month = (int(part) for part in (text or "").split("-"))
        chosen = date(year, month, 1)
    except ValueError:
        return today.replace(day=1)
    return chosen if 2000 <= chosen.year < 2100 else today.replace(day=1)


@login_required
@require_GET
def change_calendar(request: HttpRequest) -> HttpResponse:
    require_staff(request.user)
    zone = ZoneInfo(settings.TIME_ZONE)
    first = _month(request.GET.get("month"), timezone.localdate())
    _start, _end, start_at, end_at = calendar_data.month_span(first, zone)
    filters = ChangeFilter(
        request.GET,
        queryset=selectors.changes_for(request.user)
        .exclude(status=ChangeRequest.Status.DRAFT)
        .filter(planned_start__lt=end_at, planned_end__gt=start_at)
        .order_by("planned_start", "pk"),
    )
    changes = list(filters.qs.distinct()) if filters.is_valid() else []
    meetings = list(
        policies.meetings_visible_to(request.user).filter(
            scheduled_for__gte=start_at, scheduled_for__lt=end_at
        )
    )
    blackouts = list(
        BlackoutPeriod.objects.filter(is_active=True, first_day__lt=_end, last_day__gte=_start)
    )
    weeks = calendar_data.weeks(
        first,
        policy=selectors.policy(),
        windows=selectors.windows(),
        changes=changes,
        meetings=meetings,
        blackouts=blackouts,
    )
    previous = (first - timedelta(days=1)).replace(day=1)
    following = (first + timedelta(days=32)).replace(day=1)
    query = request.GET.copy()
    query.pop("month", None)
    return render(
        request,
        "changes/calendar.html",
        {
            "filters": filters,
            "first": first,
            "weeks": weeks,
            "as_list": request.GET.get("view") == "list",
            "previous": previous,
            "following": following,
            "query_string": query.urlencode(),
            "weekdays": [day.day for day in weeks[0]],
            "active_nav": "changes",
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def calendar_subscribe(request: HttpRequest) -> HttpResponse:
    """The person's secret feed address: shown once when made; a new one revokes the old."""
    require_staff(request.user)
    feed_url = None
    if request.method == "POST":
        if "revoke" in request.POST:
            feeds.revoke_feeds(actor=request.user)
        else:
            token = feeds.issue_feed(actor=request.user)
            feed_url = request.build_absolute_uri(reverse("change_feed", args=[token]))
    return render(
        request,
        "changes/subscribe.html",
        {
            "feed_url": feed_url,
            "has_feed": feeds.has_live_feed(request.user),
            "active_nav": "changes",
        },
    )


@require_GET
def change_feed(request: HttpRequest, token: str) -> HttpResponse:
    """No session: the secret in the address is the credential. Unknown or revoked: 404."""
    person = feeds.feed_owner(token)
    if person is None or not person.has_role(*policies.STAFF):
        raise Http404
    start, end = ical.feed_span(timezone.now())
    changes = (
        selectors.changes_for(person)
        .exclude(status=ChangeRequest.Status.DRAFT)
        .filter(planned_start__lt=end, planned_end__gt=start)
    )
    meetings = policies.meetings_visible_to(person).filter(
        scheduled_for__gte=start, scheduled_for__lt=end
    )
    body = ical.calendar_bytes(
        changes,
        meetings,
        host=request.get_host().split(":")[0] or "districtdesk",
        base_url=f"{request.scheme}://{request.get_host()}",
        name=_("DistrictDesk changes"),
        meeting_title=_("Change Control meeting"),
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, max-age=300"
    return response
