"""Change control: change requests and reviews, meetings and their agendas, the district's
settings, maintenance windows and blackout periods."""

from districtdesk.changes.models.changes import ChangeRequest, ChangeReview
from districtdesk.changes.models.configuration import (
    BlackoutPeriod,
    ChangeControlSettings,
    MaintenanceWindow,
)
from districtdesk.changes.models.feeds import CalendarFeed
from districtdesk.changes.models.meetings import AgendaItem, Meeting, Vote
from districtdesk.changes.models.procedures import StandardOperatingProcedure
from districtdesk.changes.models.reminders import ChangeReminder

__all__ = [
    "AgendaItem",
    "BlackoutPeriod",
    "CalendarFeed",
    "ChangeControlSettings",
    "ChangeReminder",
    "ChangeRequest",
    "ChangeReview",
    "MaintenanceWindow",
    "Meeting",
    "StandardOperatingProcedure",
    "Vote",
]
