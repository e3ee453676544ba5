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
