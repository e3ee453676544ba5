"""News that upper floors act on without core importing them: the activity log
records it, and the SLA clocks of open requests are recomputed from it."""

from django.dispatch import Signal

# Sent inside the transaction of the change, with: calendar, actor, change
# ("closure_added" | "closure_removed"), closure.
calendar_changed = Signal()
