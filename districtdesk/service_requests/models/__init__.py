"""Service requests: the categorisation chart, the requests, their SLA targets, waits and notes."""

from districtdesk.service_requests.models.attachments import Attachment
from districtdesk.service_requests.models.chart import Category, Priority, SlaKind, WaitingState
from districtdesk.service_requests.models.requests import (
    Note,
    QueueReview,
    ServiceRequest,
    Target,
    WaitPeriod,
)
from districtdesk.service_requests.models.routing import RoutingRule
from districtdesk.service_requests.models.tallies import (
    CampusTargetTally,
    IntakeTally,
    TargetMonthTally,
    TargetTally,
    TimeTally,
)

__all__ = [
    "Attachment",
    "CampusTargetTally",
    "Category",
    "IntakeTally",
    "Note",
    "Priority",
    "QueueReview",
    "RoutingRule",
    "ServiceRequest",
    "SlaKind",
    "Target",
    "TargetMonthTally",
    "TargetTally",
    "TimeTally",
    "WaitPeriod",
    "WaitingState",
]
