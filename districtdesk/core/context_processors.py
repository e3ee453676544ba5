"""The navigation every page shows, chosen by the roles the person holds."""

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from districtdesk.core import policies


def navigation(request: HttpRequest) -> dict:
    person = getattr(request, "user", None)
    if person is None or not person.is_authenticated:
        return {"nav_items": []}
    items = [(reverse("home"), _("Home"), "home")]
    if policies.can_manage_calendars(person):
        items.append((reverse("calendar_list"), _("Business calendars"), "calendars"))
    items.append((reverse("api_docs"), _("API"), "api"))
    if policies.can_use_admin_site(person):
        items.append((reverse("admin:index"), _("Administration"), "admin"))
    return {"nav_items": items}
