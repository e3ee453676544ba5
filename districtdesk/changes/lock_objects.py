"""Row locks for change-control steps, always taken in the same order: meeting, then change."""

from districtdesk.changes.models import ChangeRequest, Meeting


def lock_change(change: ChangeRequest) -> ChangeRequest:
    """The change's row, locked until the transaction ends, with its current status."""
    return ChangeRequest.objects.select_for_update().get(pk=change.pk)


def lock_meeting(meeting: Meeting) -> Meeting:
    return Meeting.objects.select_for_update().get(pk=meeting.pk)
