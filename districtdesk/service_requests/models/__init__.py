"""Service requests: the categorisation chart, the requests, their SLA targets, waits and notes."""

from districtdesk.service_requests.models.chart import Category, Priority, SlaKind, WaitingState
from districtdesk.service_requests.models.requests import (
    Note,
    QueueReview,
    ServiceRequest,
    Target,
    WaitPeriod,
)

__all__ = [
    "Category",
    "Note",
    "Priority",
    "QueueReview",
    "ServiceRequest",
    "SlaKind",
    "Target",
    "WaitPeriod",
    "WaitingState",
]
