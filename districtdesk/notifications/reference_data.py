"""The shipped "who is told what" for service requests; an administrator edits the rows
(notification rules in the admin site), never this list, once installed."""

# (event code, audience, role)
DEFAULT_RULES = [
    ("request.submitted", "requester", ""),
    ("request.categorised", "team_members", ""),
    ("request.categorised", "assignee", ""),
    ("request.assigned", "assignee", ""),
    ("request.assigned", "team_lead", ""),
    ("request.waiting", "requester", ""),
    ("request.resumed", "requester", ""),
    ("request.resolved", "requester", ""),
    ("request.reply_added", "requester", ""),
    ("request.reply_added", "assignee", ""),
    ("request.reopened", "assignee", ""),
    # Reminders (services/reminders.py).
    ("request.categorise_due_soon", "role", "ccc_analyst"),
    ("request.categorise_breached", "role", "ccc_analyst"),
    ("request.acknowledge_due_soon", "assignee", ""),
    ("request.acknowledge_due_soon", "team_lead", ""),
    ("request.acknowledge_breached", "assignee", ""),
    ("request.acknowledge_breached", "team_lead", ""),
    ("request.resolve_due_soon", "assignee", ""),
    ("request.resolve_due_soon", "team_lead", ""),
    ("request.resolve_breached", "assignee", ""),
    ("request.resolve_breached", "team_lead", ""),
    ("request.status_note_due", "assignee", ""),
    ("request.status_note_due", "team_lead", ""),
]


def install_default_rules(rule_model) -> None:
    """Idempotent: rows already there (perhaps switched off by an administrator) stay."""
    for event_code, audience, role in DEFAULT_RULES:
        rule_model.objects.get_or_create(event_code=event_code, audience=audience, role=role)


# Change control (seeds 000 and 001), shipped by migrations 0003 and 0006: the submitter
# hears the committee's decision; the principal of each affected campus (and the
# superintendent) hears a change is scheduled, before it happens, and of its completion;
# directors and managers hear of every emergency when it is implemented; the coordinator
# hears of submissions and, weekly, of changes awaiting review; the committee hears the
# agenda is published.
CHANGE_RULES = [
    ("change.approved", "submitter", ""),
    ("change.denied", "submitter", ""),
    ("change.deferred", "submitter", ""),
    ("change.scheduled", "campus_role", "principal"),
    ("change.scheduled", "campus_role", "superintendent"),
    ("change.emergency_implemented", "role", "director"),
    ("change.submitted", "role", "change_coordinator"),
    ("change.completed", "campus_role", "principal"),
    ("change.completed", "campus_role", "superintendent"),
    ("change.review_reminder", "role", "change_coordinator"),
    ("meeting.agenda_published", "role", "change_committee"),
    ("meeting.agenda_published", "role", "change_coordinator"),
]


def install_change_rules(rule_model) -> None:
    """Idempotent, like install_default_rules."""
    for event_code, audience, role in CHANGE_RULES:
        rule_model.objects.get_or_create(event_code=event_code, audience=audience, role=role)


def remove_change_rules(rule_model) -> None:
    for event_code, audience, role in CHANGE_RULES:
        rule_model.objects.filter(event_code=event_code, audience=audience, role=role).delete()


# Technology requests (seed 002), shipped by migration 0004: the approver hears a request is
# waiting (and, after two business days, that it still is); the requester and the technology
# team hear the decision either way; the Business Office hears what waits for funds, the
# inventory team what is on order; the deploying technician and the requester hear the end.
TECHNOLOGY_RULES = [
    ("technology.forwarded", "approver", ""),
    ("technology.approval_waiting", "approver", ""),
    ("technology.approved", "requester", ""),
    ("technology.approved", "team_members", ""),
    ("technology.denied", "requester", ""),
    ("technology.denied", "team_members", ""),
    ("technology.funding_requested", "role", "business_office"),
    ("technology.sent_back", "team_members", ""),
    ("technology.funded", "requester", ""),
    ("technology.funded", "role", "inventory"),
    ("technology.all_received", "team_members", ""),
    ("technology.deployer_assigned", "assignee", ""),
    ("technology.deployed", "requester", ""),
]


def install_technology_rules(rule_model) -> None:
    """Idempotent, like install_default_rules."""
    for event_code, audience, role in TECHNOLOGY_RULES:
        rule_model.objects.get_or_create(event_code=event_code, audience=audience, role=role)


def remove_technology_rules(rule_model) -> None:
    for event_code, audience, role in TECHNOLOGY_RULES:
        rule_model.objects.filter(event_code=event_code, audience=audience, role=role).delete()


# The uncategorised queue's odd-hour review (seed 003, step 4), shipped by migration 0005.
QUEUE_REVIEW_RULES = [("request.queue_review_due", "role", "ccc_analyst")]


def install_queue_review_rules(rule_model) -> None:
    for event_code, audience, role in QUEUE_REVIEW_RULES:
        rule_model.objects.get_or_create(event_code=event_code, audience=audience, role=role)


def remove_queue_review_rules(rule_model) -> None:
    for event_code, audience, role in QUEUE_REVIEW_RULES:
        rule_model.objects.filter(event_code=event_code, audience=audience, role=role).delete()
