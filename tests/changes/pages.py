"""What the change-control page tests share: the change form's data and a response's text."""

from districtdesk.changes.forms.changes import LOCAL_MINUTE
from tests.cast import District
from tests.changes.builders import change_fields


def form_data(district: District, **changes) -> dict:
    """The change form as a browser posts it, from the builders' firmware upgrade."""
    fields = change_fields(district, **changes)
    data = {
        name: value
        for name, value in fields.items()
        if name not in ("systems", "campuses", "service_request", "affects_connectivity")
    }
    data["planned_start"] = fields["planned_start"].strftime(LOCAL_MINUTE)
    data["planned_end"] = fields["planned_end"].strftime(LOCAL_MINUTE)
    data["systems"] = [system.pk for system in fields["systems"]]
    data["campuses"] = [campus.pk for campus in fields["campuses"]]
    data["service_request"] = fields["service_request"].number
    if fields["affects_connectivity"]:
        data["affects_connectivity"] = "on"
    return data


def text(response) -> str:
    return response.content.decode()
