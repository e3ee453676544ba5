"""Who handles the mail the help desk could not file by itself: the Customer Care Center's
analysts and system administrators. One rule, used as an object check and as a queryset
filter; a message outside it is a 404."""

from django.db.models import QuerySet
from django.http import Http404

from districtdesk.core.models import Person, Role
from districtdesk.mailbox.models import InboundMessage

HANDLERS = (Role.CCC_ANALYST, Role.SYSTEM_ADMIN)


def can_handle_mail(person: Person) -> bool:
    return person.is_active and person.has_role(*HANDLERS)


def messages_visible_to(person: Person) -> QuerySet[InboundMessage]:
    if can_handle_mail(person):
        return InboundMessage.objects.all()
    return InboundMessage.objects.none()


def get_message_for(person: Person, pk: int) -> InboundMessage:
    """Fetch and authorise in one call: a message the person may not handle is a 404."""
    try:
        return messages_visible_to(person).select_related("sender", "request").get(pk=pk)
    except InboundMessage.DoesNotExist:
        raise Http404 from None
