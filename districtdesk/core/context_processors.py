"""The navigation every page shows, chosen by the roles the person holds."""

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from districtdesk.core import policies
from districtdesk.core.models import Role

# Who works requests and so gets the queues (the service-request app's policies name the
# same roles; core may not import them).
QUEUE_ROLES = (Role.TECHNICIAN, Role.TEAM_LEAD, Role.CCC_ANALYST, Role.SYSTEM_ADMIN)


def navigation(request: HttpRequest) -> dict:
    person = getattr(request, "user", None)
    if person is None or not person.is_authenticated:
        return {"nav_items": []}
    items = [
        (reverse("home"), _("Home"), "home"),
        (reverse("request_list"), _("Requests"), "requests"),
    ]
    if person.has_role(*QUEUE_ROLES):
        # Analysts start from the uncategorised queue they review; technicians from their teams'.
        first = "uncategorised" if person.has_role(Role.CCC_ANALYST) else "team"
        items.append((reverse("request_queue", kwargs={"name": first}), _("Queues"), "queues"))
    if policies.can_manage_calendars(person):
        items.append((reverse("calendar_list"), _("Business calendars"), "calendars"))
    items.append((reverse("api_docs"), _("API"), "api"))
    if policies.can_use_admin_site(person):
        items.append((reverse("admin:index"), _("Administration"), "admin"))
    return {"nav_items": items}
