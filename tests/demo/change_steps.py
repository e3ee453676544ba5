"""Each change event, and the workflow step it records: replaying a change's events
through the state machine proves the demo wrote them in an order the services allow."""

STEPS = {
    "change.revised": "revise",
    "change.submitted": "submit",
    "change.lead_time_overridden": "override_lead_time",
    "change.placed_on_agenda": "place_on_agenda",
    "change.approved": "approve",
    "change.denied": "deny",
    "change.deferred": "defer",
    "change.scheduled": "schedule",
    "change.started": "start",
    "change.emergency_implemented": "start",
    "change.completed": "complete",
    "change.reviewed": "review",
    "change.closed": "close",
}
