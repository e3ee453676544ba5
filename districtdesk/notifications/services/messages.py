"""Composing notification email from templates, in the recipient's language."""

from collections.abc import Sequence
from email.utils import parseaddr

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import models
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from districtdesk.activity.events import describe
from districtdesk.core.models import Person
from districtdesk.notifications.models import Notification
from districtdesk.service_requests.models import ServiceRequest


def message_id(kind: str, pk: int) -> str:
    """Stable per outbox row, so a retried send is recognisably the same message and a
    receiving system can drop the duplicate."""
    domain = settings.NOTIFICATIONS_MESSAGE_ID_DOMAIN or (
        parseaddr(settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")[2] or "districtdesk.invalid"
    )
    return f"<{kind}-{pk}@{domain}>"


def subject_link(subject: models.Model | None, *, absolute: bool = True) -> str:
    """A link to what the event is about, when it has a page; absolute for email."""
    path = ""
    if isinstance(subject, ServiceRequest):
        path = reverse("request_detail", args=[subject.pk])
    elif subject is not None and hasattr(subject, "get_absolute_url"):
        try:
            path = subject.get_absolute_url()
        except NoReverseMatch:
            path = ""
    if not path or not absolute:
        return path
    return f"{settings.DISTRICTDESK_BASE_URL.rstrip('/')}{path}"


def item(notification: Notification, *, absolute: bool = True) -> dict:
    """What one notification says, for the email templates and the notifications page."""
    event = notification.event
    subject = event.subject
    return {
        "notification": notification,
        "about": str(subject) if subject is not None else "",
        "what": describe(event),
        "who": str(event.actor) if event.actor_id else _("DistrictDesk"),
        "when": event.occurred_at,
        "link": subject_link(subject, absolute=absolute),
    }


def _build(
    recipient: Person, subject_line: str, template: str, context: dict, msgid: str
) -> EmailMultiAlternatives:
    context = {**context, "recipient": recipient}
    text = render_to_string(f"notifications/email/{template}.txt", context)
    html = render_to_string(f"notifications/email/{template}.html", context)
    message = EmailMultiAlternatives(
        subject=subject_line,
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[recipient.email],
        headers={
            "Message-ID": msgid,
            # RFC 3834: automatic mail; auto-responders should not answer it.
            "Auto-Submitted": "auto-generated",
            "X-Auto-Response-Suppress": "All",
            "Content-Language": recipient.language,
        },
    )
    message.attach_alternative(html, "text/html")
    return message


def single_message(notification: Notification) -> EmailMultiAlternatives:
    recipient = notification.recipient
    with translation.override(recipient.language):
        context = item(notification)
        subject_line = f"[DistrictDesk] {context['about']}: {context['what']}"
        return _build(
            recipient,
            subject_line[:200],
            "notification",
            context,
            message_id("notification", notification.pk),
        )


def digest_message(notifications: Sequence[Notification]) -> EmailMultiAlternatives:
    """One email for one person's waiting digest rows; named for the first row, which stays
    the same however often the digest is retried."""
    recipient = notifications[0].recipient
    with translation.override(recipient.language):
        items = [item(notification) for notification in notifications]
        subject_line = ngettext(
            "[DistrictDesk] Your daily digest: %(count)d notification",
            "[DistrictDesk] Your daily digest: %(count)d notifications",
            len(items),
        ) % {"count": len(items)}
        return _build(
            recipient,
            subject_line,
            "digest",
            {"items": items},
            message_id("digest", min(n.pk for n in notifications)),
        )
