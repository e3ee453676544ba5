"""The service-request rows of the route matrix (tests/test_route_matrix.py).

The matrix's fixtures hold "request": a categorised request from the north campus teacher
(requester), whose supervisor is the principal, routed to the north campus technicians
(technician, team lead). POST rows send an empty body: callers allowed to act get the
answer for missing fields, never a change of state.
"""

from tests.service_requests.api_routes import API_ROUTES
from tests.service_requests.page_routes import PAGE_ROUTES

ROUTES: dict = {**PAGE_ROUTES, **API_ROUTES}
