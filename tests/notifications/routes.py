"""The notification rows of the route matrix (tests/test_route_matrix.py).

Every signed-in person has a notifications page, a bell and preferences. The fixture
notification is the requester's (the analyst phoned in a request for them): only the
requester may mark it read; for everyone else it is a 404, like one that does not exist.
Page POST rows send an empty body: the preferences form comes back with what is missing.
"""

from districtdesk.core.models import Role
from districtdesk.notifications.models import Notification
from tests.notifications.builders import phoned_in
from tests.route_answers import answers
from tests.service_requests.builders import local


def fixtures(district) -> dict:
    request = phoned_in(district.people, now=local(2027, 2, 2, 9, 30))
    notification = Notification.objects.get(
        event__subject_id=str(request.pk),
        event__code="request.submitted",
        recipient=district.people[Role.REQUESTER],
        channel=Notification.Channel.IN_APP,
    )
    return {"notification": notification}


ROUTES: dict = {
    "notification_list": ("get", dict, answers(302, 200)),
    "notification_bell": ("get", dict, answers(302, 200)),
    "notification_read": (
        "post",
        lambda fixtures: {"pk": fixtures["notification"].pk},
        answers(302, 404, **{Role.REQUESTER: 302}),
    ),
    "notification_read_all": ("post", dict, answers(302, 302)),
    "notification_preferences": ("post", dict, answers(302, 200)),
}
