"""The mailbox rows of the route matrix (tests/test_route_matrix.py).

Held email is for Customer Care Center analysts and system administrators; everyone else
gets a 404, as for a page that does not exist. The inbound webhook takes no session at
all: without the shared secret every caller, signed in or not, is refused with 403.
Page POST rows send an empty body: the form comes back with what is missing.
"""

from districtdesk.core.models import Role
from districtdesk.mailbox.models import InboundMessage
from districtdesk.mailbox.services.receiving import receive_message
from tests.mailbox.messages import email
from tests.route_answers import answers
from tests.service_requests.builders import local


def fixtures(district) -> dict:
    receipt = receive_message(
        email("stranger@elsewhere.example"),
        source=InboundMessage.Source.WEBHOOK,
        now=local(2027, 2, 2, 9, 30),
    )
    return {"held_message": receipt.message}


HANDLERS = {Role.CCC_ANALYST: 200, Role.SYSTEM_ADMIN: 200}


def held(fixtures) -> dict:
    return {"pk": fixtures["held_message"].pk}


ROUTES: dict = {
    "mailbox_held_list": ("get", dict, answers(302, 404, **HANDLERS)),
    "mailbox_held_detail": ("get", held, answers(302, 404, **HANDLERS)),
    "mailbox_held_discard": ("post", held, answers(302, 404, **HANDLERS)),
    "mailbox_inbound": ("post", dict, answers(403, 403)),
}
