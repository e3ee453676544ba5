"""The notifications page, the header's bell, marking read, and a person's preferences.
Views parse, call one service or selector, and render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from districtdesk.notifications import selectors
from districtdesk.notifications.forms import PreferenceForm
from districtdesk.notifications.services import reading
from districtdesk.notifications.services.messages import item

PAGE_SIZE = 50


@login_required
@require_GET
def notification_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.in_app_for(request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "notifications/notification_list.html",
        {
            "page": page,
            "items": [item(row, absolute=False) for row in page],
            "unread": selectors.unread_count(request.user),
        },
    )


@login_required
@require_GET
def notification_bell(request: HttpRequest) -> HttpResponse:
    """Polled by the bell every 30 seconds with the count it shows. Nothing changed: 204,
    and htmx leaves the page alone, so the live region stays quiet. A higher count is
    announced once; a first load or a lower count only updates the number."""
    count = selectors.unread_count(request.user)
    shown = request.GET.get("shown", "")
    shown_count = int(shown) if shown.isdecimal() and len(shown) < 10 else None
    if shown_count == count:
        return HttpResponse(status=204)
    return render(
        request,
        "notifications/_bell_update.html",
        {"count": count, "announce": shown_count is not None and count > shown_count},
    )


def _back(request: HttpRequest):
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect("notification_list")


@login_required
@require_POST
def notification_read(request: HttpRequest, pk: int) -> HttpResponse:
    notification = get_object_or_404(selectors.in_app_for(request.user), pk=pk)
    reading.mark_read(notification.pk, actor=request.user)
    return _back(request)


@login_required
@require_POST
def notification_read_all(request: HttpRequest) -> HttpResponse:
    count = reading.mark_all_read(actor=request.user)
    messages.success(
        request,
        ngettext(
            "Marked %(count)d notification as read.",
            "Marked %(count)d notifications as read.",
            count,
        )
        % {"count": count},
    )
    return redirect("notification_list")


@login_required
@require_http_methods(["GET", "POST"])
def notification_preferences(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        form = PreferenceForm(request.POST)
        if form.is_valid():
            reading.set_delivery(request.user, delivery=form.cleaned_data["delivery"])
            messages.success(request, _("Your notification preference is saved."))
            return redirect("notification_preferences")
    else:
        form = PreferenceForm(initial={"delivery": selectors.delivery_of(request.user)})
    return render(request, "notifications/preferences.html", {"form": form})
