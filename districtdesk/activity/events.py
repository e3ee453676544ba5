"""One constructor per kind of event, and the words each is shown with.

Codes are stable identifiers stored in the database; labels are rendered when
an event is read, in the reader's language.
"""

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from districtdesk.activity.models import Event
from districtdesk.activity.signals import event_recorded

LABELS = {
    "calendar.closure_added": _("Added closure “%(name)s” (%(first_day)s – %(last_day)s)"),
    "calendar.closure_removed": _("Removed closure “%(name)s” (%(first_day)s – %(last_day)s)"),
}


# Parameters stored as codes (a channel, what a request waits on), by parameter name: the
# words each code is read as, so an event reads in the reader's language.
PARAM_WORDS: dict[str, Mapping[str, str]] = {}


def register_labels(labels: Mapping[str, str]) -> None:
    """Upper floors add their own event codes from their AppConfig.ready()."""
    LABELS.update(labels)


def register_param_words(name: str, choices: Iterable[tuple[str, str]]) -> None:
    """An app names the choices a parameter's code is read through (one meaning per name)."""
    PARAM_WORDS[name] = dict(choices)


def record_event(
    subject: models.Model,
    *,
    actor: models.Model | None,
    code: str,
    occurred_at: datetime | None = None,
    **params: Any,
) -> Event:
    """Write one event; call it inside the transaction of the step it records, with the
    step's own time when the step was given one (pinned in tests, replayed in the demo)."""
    if code not in LABELS:
        raise ValueError(f"Unknown event code {code!r}: add it to activity.events.LABELS.")
    event = Event.objects.create(
        occurred_at=occurred_at or timezone.now(),
        actor=actor,
        code=code,
        subject_type=ContentType.objects.get_for_model(subject),
        subject_id=str(subject.pk),
        params=params,
    )
    event_recorded.send(sender=Event, event=event, subject=subject)
    return event


def describe(event: Event) -> str:
    """The event in the active language."""
    params = {
        name: PARAM_WORDS[name].get(value, value) if name in PARAM_WORDS else value
        for name, value in event.params.items()
    }
    return str(LABELS[event.code]) % params
