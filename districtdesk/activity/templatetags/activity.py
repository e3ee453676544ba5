"""{% history_for subject %}: any page shows a record's history without its app importing
the activity log (which sits a floor above core)."""

from django import template
from django.db import models

from districtdesk.activity.events import describe
from districtdesk.activity.models import Event

register = template.Library()


@register.inclusion_tag("activity/_history.html")
def history_for(subject: models.Model, limit: int = 20) -> dict:
    events = Event.objects.for_subject(subject).select_related("actor")[:limit]
    return {"entries": [(event, describe(event)) for event in events]}
