"""What each service-request event says on a timeline, in the reader's language."""

from django.utils.translation import gettext_lazy as _

LABELS = {
    "request.submitted": _("Submitted %(number)s through the %(channel)s channel"),
    "request.categorised": _("Categorised as %(priority)s and routed to %(team)s"),
    "request.recategorised": _("Changed priority from %(before)s to %(after)s: %(reason)s"),
    "request.acknowledged": _("Acknowledged the request"),
    "request.assigned": _("Assigned to %(team)s %(assignee)s"),
    "request.waiting": _("Put on hold, waiting on %(waiting_on)s: %(reason)s"),
    "request.resumed": _("Resumed work; the clock runs again"),
    "request.resolved": _("Resolved: %(resolution)s"),
    "request.reopened": _("Reopened: %(reason)s"),
    "request.closed": _("Closed the request"),
    "request.work_note_added": _("Added a work note"),
    "request.reply_added": _("Replied to the requester"),
    "request.attachment_added": _("Attached %(file)s (%(size)s bytes)"),
    # Everyone who sees the request reads its history: a work note's file is not named.
    "request.work_note_file_added": _("Attached a file to a work note"),
    "request.completion_planned": _(
        "Planned completion moved from %(before)s to %(after)s: %(reason)s"
    ),
    "request.worked_ahead_approved": _(
        "Approved working this request ahead of overdue requests: %(reason)s"
    ),
    "request.edited": _("Edited the request's details (%(changed)s)"),
    "queue.reviewed": _("Reviewed the uncategorised queue (%(waiting)s waiting)"),
    "request.due_moved": _(
        "Due time moved from %(before)s to %(after)s because the calendar changed (%(closure)s)"
    ),
}
