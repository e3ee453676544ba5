"""The forms of the change-control pages: they parse and check input and hand the services
keyword arguments. None of them writes anything."""

from districtdesk.changes.forms.actions import (
    ActionForm,
    CompleteForm,
    DecisionForm,
    DenyForm,
    NotesForm,
    OverrideLeadTimeForm,
    PlaceOnAgendaForm,
    ReviewForm,
    StepForm,
)
from districtdesk.changes.forms.changes import ChangeFilter, ChangeForm
from districtdesk.changes.forms.meetings import (
    AttendanceForm,
    CloseMeetingForm,
    MeetingStepForm,
    PlanMeetingForm,
    VoteForm,
)

__all__ = [
    "ActionForm",
    "AttendanceForm",
    "ChangeFilter",
    "ChangeForm",
    "CloseMeetingForm",
    "CompleteForm",
    "DecisionForm",
    "DenyForm",
    "MeetingStepForm",
    "NotesForm",
    "OverrideLeadTimeForm",
    "PlaceOnAgendaForm",
    "PlanMeetingForm",
    "ReviewForm",
    "StepForm",
    "VoteForm",
]
