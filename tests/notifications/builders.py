"""Steps the notification tests take, through the service-request services."""

from districtdesk.core.models import Role
from districtdesk.service_requests.models import ServiceRequest
from districtdesk.service_requests.services import working
from tests.service_requests.builders import priority, submit


def phoned_in(people, *, now, code="1.3"):
    """The analyst takes the requester's call: submitted and categorised on entry."""
    return submit(
        people[Role.REQUESTER],
        actor=people[Role.CCC_ANALYST],
        now=now,
        channel=ServiceRequest.Channel.PHONE,
        category=priority(code).category,
        priority=priority(code),
    )


def acknowledged(people, *, now, code="1.3"):
    request = phoned_in(people, now=now, code=code)
    return working.acknowledge_request(request, actor=people[Role.TECHNICIAN], now=now)
