"""The service-request rows of the route matrix (tests/test_route_matrix.py).

The matrix's fixtures hold "request": a categorised request from the north campus teacher
(requester), whose supervisor is the principal, routed to the north campus technicians
(technician, team lead). POST rows send an empty body: callers allowed to act get the
answer for missing fields, never a change of state.
"""

ROUTES: dict = {}
