"""Pages for people and places: the home page per role, and the calendar administrator's page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from districtdesk.core import policies, selectors, services
from districtdesk.core.calendars import due_preview, next_uncategorised_review, to_sla_calendar
from districtdesk.core.forms import ClosureForm, DuePreviewForm
from districtdesk.core.models import BusinessCalendar, Closure, Role


@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """One page per person, with a panel for each role they hold."""
    person = request.user
    now = timezone.localtime()
    role_assignments = selectors.roles_of(person)
    roles = person.role_codes
    context: dict = {
        "role_assignments": role_assignments,
        "now": now,
        "active_nav": "home",
    }
    if person.has_role(Role.SUPERVISOR, Role.PRINCIPAL, Role.DIRECTOR, Role.TEAM_LEAD):
        context["direct_reports"] = list(selectors.direct_reports(person)[:50])
    if Role.PRINCIPAL in roles:
        context["led_campuses"] = selectors.campuses_led_by(person)
    if person.has_role(Role.TECHNICIAN, Role.TEAM_LEAD, Role.CCC_ANALYST, Role.INVENTORY):
        context["teams"] = selectors.teams_of(person)
    manages_calendars = policies.can_manage_calendars(person)
    calendar = None
    if manages_calendars or Role.CCC_ANALYST in roles:
        calendar = selectors.default_calendar()
    if Role.CCC_ANALYST in roles and calendar is not None:
        clock = to_sla_calendar(calendar)
        context["next_review"] = next_uncategorised_review(clock, now) if clock else None
    if person.has_role(
        Role.DIRECTOR,
        Role.SUPERINTENDENT,
        Role.SYSTEM_ADMIN,
        Role.CHANGE_COORDINATOR,
        Role.CHANGE_COMMITTEE,
    ):
        context["overview"] = selectors.district_overview()
    if Role.BUSINESS_OFFICE in roles:
        context["departments"] = list(selectors.departments_with_staff_counts())
    if Role.INVENTORY in roles:
        context["campuses"] = list(selectors.campuses_with_room_counts())
    if manages_calendars and calendar is not None:
        context["calendar"] = calendar
        context["upcoming_closures"] = selectors.upcoming_closures(calendar, today=now.date())
    return render(request, "core/home.html", context)


def _get_calendar_for(request: HttpRequest, pk: int) -> BusinessCalendar:
    """Fetch and authorise in one step: a calendar the person may not manage does not exist."""
    return get_object_or_404(policies.calendars_manageable_by(request.user), pk=pk)


@login_required
@require_GET
def calendar_list(request: HttpRequest) -> HttpResponse:
    if not policies.can_manage_calendars(request.user):
        raise Http404
    calendars = policies.calendars_manageable_by(request.user).prefetch_related("working_periods")
    return render(
        request, "core/calendar_list.html", {"calendars": calendars, "active_nav": "calendars"}
    )


@login_required
@require_GET
def calendar_detail(request: HttpRequest, pk: int) -> HttpResponse:
    calendar = _get_calendar_for(request, pk)
    calendar = selectors.calendar_with_periods_and_closures(calendar.pk).get()
    preview_form = DuePreviewForm(request.GET or None)
    clock = to_sla_calendar(calendar)
    preview = None
    if clock is not None and preview_form.is_valid():
        preview = due_preview(
            clock,
            submitted_at=preview_form.cleaned_data["submitted_at"],
            amount=preview_form.cleaned_data["amount"],
            unit=preview_form.cleaned_data["unit"],
        )
    return render(
        request,
        "core/calendar_detail.html",
        _calendar_page_context(calendar, ClosureForm(), preview_form, preview),
    )


def _calendar_page_context(calendar, closure_form, preview_form, preview) -> dict:
    today = timezone.localdate()
    return {
        "calendar": calendar,
        "closure_form": closure_form,
        "preview_form": preview_form,
        "preview": preview,
        "past_closures": [c for c in calendar.closures.all() if c.last_day < today],
        "coming_closures": [c for c in calendar.closures.all() if c.last_day >= today],
        "active_nav": "calendars",
    }


@login_required
@require_POST
def closure_add(request: HttpRequest, pk: int) -> HttpResponse:
    calendar = _get_calendar_for(request, pk)
    form = ClosureForm(request.POST, instance=Closure(calendar=calendar))
    if form.is_valid():
        try:
            closure = services.add_closure(calendar, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Added closure “%(name)s”.") % {"name": closure.name})
            return redirect("calendar_detail", pk=calendar.pk)
    calendar = selectors.calendar_with_periods_and_closures(calendar.pk).get()
    context = _calendar_page_context(calendar, form, DuePreviewForm(), None)
    return render(request, "core/calendar_detail.html", context)


@login_required
@require_POST
def closure_remove(request: HttpRequest, pk: int, closure_pk: int) -> HttpResponse:
    calendar = _get_calendar_for(request, pk)
    closure = get_object_or_404(calendar.closures, pk=closure_pk)
    services.remove_closure(closure, actor=request.user)
    messages.success(request, _("Removed closure “%(name)s”.") % {"name": closure.name})
    return redirect("calendar_detail", pk=calendar.pk)
