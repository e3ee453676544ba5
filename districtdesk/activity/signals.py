"""News this floor sends upward: the floors above listen without being imported."""

from django.dispatch import Signal

# Sent by events.record_event inside the step's transaction, with `event` and `subject`:
# a receiver that writes rows (the notification outbox) commits or rolls back with the step.
event_recorded = Signal()
