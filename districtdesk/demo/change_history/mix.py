"""The change history's proportions and words: how many changes of each kind, the notice
they give, how decisions and outcomes fall, and what the people involved write."""

from datetime import timedelta

from districtdesk.changes.demo_changes import DENIALS
from districtdesk.changes.models import ChangeRequest

Type, Outcome = ChangeRequest.Type, ChangeRequest.Outcome
# Of every hundred changes: a few abandoned drafts, some emergencies and informational
# changes; the rest are scheduled.
TYPE_MIX = (("draft", 1), (Type.EMERGENCY, 8), (Type.INFORMATIONAL, 10), (Type.SCHEDULED, 81))
# The notice a scheduled change gives: two weeks or more as the rule asks; one to two weeks,
# or under one (submitted the morning of the meeting), with the coordinator's override.
NOTICE = (("two_weeks", 82), ("one_to_two_weeks", 13), ("under_one_week", 5))
OVERRIDES = (
    "The vendor's fix must be in before state testing starts.",
    "The campus cannot wait two more weeks; the principal agreed the night.",
    "The certificate expires before the next window.",
)
DENIAL_CHOICES = (
    *DENIALS,
    (
        ChangeRequest.DenialReason.INADEQUATE_PLANNING,
        "The plan does not say who tests what after the change.",
    ),
)
DEFERRALS = (
    "Deferred: the back-out plan must say how long a restore takes.",
    "Deferred: tell the affected campuses first.",
)
APPROVAL_NOTES = ("Approved as planned.", "Approved; tell the campuses a week ahead.")
OUTCOMES = {
    Type.SCHEDULED: ((Outcome.SUCCESSFUL, 90), (Outcome.BACKED_OUT, 6), (Outcome.POSTPONED, 4)),
    Type.EMERGENCY: ((Outcome.SUCCESSFUL, 84), (Outcome.BACKED_OUT, 11), (Outcome.POSTPONED, 5)),
    Type.INFORMATIONAL: ((Outcome.SUCCESSFUL, 97), (Outcome.POSTPONED, 3)),
}
COMPLETION_NOTES = {
    Outcome.SUCCESSFUL: "Went as planned.",
    Outcome.BACKED_OUT: "Failed its test plan; backed out as planned.",
    Outcome.POSTPONED: "Vendor image failed validation; postponed.",
}
# What the change review says, by outcome: (what happened, lessons, follow-up actions).
REVIEW_WORDS = {
    Outcome.SUCCESSFUL: ("Ran in its window as planned.", "", ""),
    Outcome.BACKED_OUT: (
        "Failed its checks; the back-out plan restored service.",
        "Test the image on the lab first.",
        "Resubmit next month.",
    ),
    Outcome.POSTPONED: (
        "The vendor's image failed validation; nothing was changed.",
        "Validate the vendor's image before the night.",
        "Resubmit with the corrected image.",
    ),
}
# At the last meetings, some implementers have not yet written the review discussed.
OUTSTANDING_MEETINGS, OUTSTANDING_SHARE = 2, 0.3
MEETING_LENGTH = timedelta(minutes=50)
# The committee goes through the agenda in the first 45 minutes, at most 4 per item.
ITEM_TIME, AGENDA_TIME = timedelta(minutes=4), timedelta(minutes=45)
