"""What each change-control event says on a timeline, in the reader's language.

Parameters are facts (codes, numbers, ids); `notify` names who is to be told, as role codes
and campus ids, for the notifications app to deliver.
"""

from django.utils.translation import gettext_lazy as _

LABELS = {
    "change.drafted": _("Drafted %(number)s (%(change_type)s)"),
    "change.revised": _("Revised the draft: %(fields)s"),
    "change.submitted": _("Submitted %(number)s with %(flag_count)s flag(s)"),
    "change.lead_time_overridden": _("Overrode the short lead time: %(reason)s"),
    "change.placed_on_agenda": _(
        "Placed on the agenda of the meeting of %(meeting)s (%(purpose)s)"
    ),
    "change.approved": _("Approved %(notes)s"),
    "change.denied": _("Denied (%(denial_reason)s) %(notes)s"),
    "change.deferred": _("Deferred %(notes)s"),
    "change.scheduled": _("Scheduled; affected users and campuses informed"),
    "change.started": _("Implementation started"),
    "change.emergency_implemented": _(
        "Emergency change implemented; directors and managers informed"
    ),
    "change.completed": _("Completed (%(outcome)s); users, principals and superintendent informed"),
    "change.reviewed": _("Change review recorded"),
    "change.closed": _("Closed the change"),
    "change.window_closed": _(
        "The planned window closed at %(planned_end)s; the change awaits its review"
    ),
    "change.review_reminder": _("Reminder: %(count)s change(s) await their review: %(numbers)s"),
    "meeting.planned": _("Planned the meeting for %(scheduled_for)s"),
    "meeting.agenda_built": _("Built the agenda: %(added)s item(s) added"),
    "meeting.opened": _("Opened the meeting"),
    "meeting.attendance_recorded": _("Recorded attendance: %(present)s present"),
    "meeting.vote_recorded": _("%(voter)s voted “%(choice)s” on %(number)s"),
    "meeting.agenda_published": _(
        "Published the agenda of the meeting of %(scheduled_for)s: %(items)s item(s)"
    ),
    "meeting.closed": _("Closed the meeting; %(approved)s approved change(s) are eligible"),
}
