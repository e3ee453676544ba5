"""The SLA clock: business calendars, durations, pauses, due times and their explanations.

Pure Python (standard library only), so every layer above can use it; see docs/sla.md.
"""

from districtdesk.sla.arithmetic import (
    add_business_duration,
    business_elapsed,
    clock_start,
    is_working_time,
)
from districtdesk.sla.calendar import BusinessCalendar, RememberingCalendar, WorkingPeriod
from districtdesk.sla.durations import BusinessDuration, DurationUnit
from districtdesk.sla.explanation import (
    DueExplanation,
    SkippedSpan,
    SkipReason,
    WeekdayHours,
    explain_due,
    weekly_hours,
)
from districtdesk.sla.pauses import Pause, merge_pauses

__all__ = [
    "BusinessCalendar",
    "BusinessDuration",
    "DueExplanation",
    "DurationUnit",
    "Pause",
    "RememberingCalendar",
    "SkipReason",
    "SkippedSpan",
    "WeekdayHours",
    "WorkingPeriod",
    "add_business_duration",
    "business_elapsed",
    "clock_start",
    "explain_due",
    "is_working_time",
    "merge_pauses",
    "weekly_hours",
]
