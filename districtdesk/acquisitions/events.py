"""The technology request's event codes and the words each is shown with."""

from django.utils.translation import gettext_lazy as _

LABELS = {
    "technology.submitted": _("Asked for %(quantity)s × %(item)s"),
    "technology.forwarded": _("Forwarded to %(approver)s for approval"),
    "technology.denied": _("Denied at %(step)s: %(reason)s"),
    "technology.approved": _("Approved by %(approver)s"),
    "technology.quote_added": _("Quote from %(vendor)s for %(total)s added"),
    "technology.funding_requested": _("Sent to the Business Office for funding (%(total)s)"),
    "technology.sent_back": _("Sent back for another quote: %(reason)s"),
    "technology.funded": _("Funded from %(budget_code)s (%(funding)s), purchase order %(po)s"),
    "technology.item_received": _("Received %(item)s%(tag)s"),
    "technology.all_received": _("Every item of purchase order %(po)s received"),
    "technology.deployer_assigned": _("%(technician)s assigned to deploy"),
    "technology.deployed": _("Deployed: %(notes)s"),
    "technology.withdrawn": _("Withdrawn by the requester: %(reason)s"),
    "technology.approval_waiting": _(
        "Reminder: waiting on %(approver)s's approval since %(since)s"
    ),
    "delegation.created": _("%(supervisor)s delegated approvals to %(delegate)s (%(dates)s)"),
    "delegation.revoked": _("%(supervisor)s revoked the delegation to %(delegate)s"),
}
