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

__all__ = [
    "Attachment",
    "Category",
    "Note",
    "Priority",
    "QueueReview",
    "RoutingRule",
    "ServiceRequest",
    "SlaKind",
    "Target",
    "WaitPeriod",
    "WaitingState",
]
