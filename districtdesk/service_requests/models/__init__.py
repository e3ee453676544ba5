"""Service requests: the categorisation chart, and (to come) the requests and their targets."""

from districtdesk.service_requests.models.chart import Category, Priority, SlaKind, WaitingState

__all__ = ["Category", "Priority", "SlaKind", "WaitingState"]
