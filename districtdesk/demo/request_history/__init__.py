"""Three school years of service-request history for the large district, in bulk.

A million requests cannot be played through the services in minutes, so each request's
life is drawn here — submitted on a school day in working hours, categorised, acknowledged,
perhaps waiting on a vendor or the district, resolved and closed — and its rows are written
as the services would leave them: the request, its three SLA targets with due times from
the pure ``sla`` module on the district's calendars, its waits, and one activity event per
step. Whether a target is met is decided first and the step placed before or after its
due time accordingly, so breaches are as frequent as the shape says and always genuine.

PostgreSQL takes the rows through COPY from two worker processes that draw the requests;
other databases through batched inserts (slower, for tests). The events are written by the
database itself from the rows, one INSERT … SELECT per kind of step.
"""

from districtdesk.demo.request_history.drawing import MET_SHARE, Drawn, draw_chunk
from districtdesk.demo.request_history.loading import CHUNK, load_request_history
from districtdesk.demo.request_history.plan import HistoryPlan, build_plan

__all__ = [
    "CHUNK",
    "MET_SHARE",
    "Drawn",
    "HistoryPlan",
    "build_plan",
    "draw_chunk",
    "load_request_history",
]
