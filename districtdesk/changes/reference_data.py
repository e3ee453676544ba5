"""The change-control defaults a district starts with, installed by data migration and
edited afterwards by the administrator: the meeting and lead time (seeds 000 and 001),
the maintenance windows of seed 001, and sample 2026–27 blackout periods."""

from datetime import date, time

MONDAY, FRIDAY, SATURDAY, SUNDAY = 0, 4, 5, 6

# Weekdays 19:00 to 05:00 the next morning, and all weekend (seed 001). Sunday runs on to
# Monday 05:00, so the weekend night before Monday is inside a window too.
DEFAULT_WINDOWS = [
    *((weekday, time(19), time(5), True) for weekday in range(MONDAY, FRIDAY + 1)),
    (SATURDAY, time(0), time(0), True),
    (SUNDAY, time(0), time(5), True),
]

SAMPLE_BLACKOUTS = [
    ("Winter grading close", "grading", date(2026, 12, 17), date(2026, 12, 18)),
    ("Spring state testing", "state_testing", date(2027, 4, 5), date(2027, 4, 23)),
    ("Fall enrollment count", "enrollment", date(2026, 10, 1), date(2026, 10, 2)),
]


def install_change_control_defaults(settings_model, window_model, blackout_model) -> None:
    settings_model.objects.get_or_create(pk=1)
    if not window_model.objects.exists():
        window_model.objects.bulk_create(
            window_model(weekday=day, starts_at=start, ends_at=end, ends_next_day=next_day)
            for day, start, end, next_day in DEFAULT_WINDOWS
        )
    for name, kind, first_day, last_day in SAMPLE_BLACKOUTS:
        blackout_model.objects.get_or_create(
            name=name, first_day=first_day, defaults={"kind": kind, "last_day": last_day}
        )


def remove_change_control_defaults(settings_model, window_model, blackout_model) -> None:
    for name, _kind, first_day, _last_day in SAMPLE_BLACKOUTS:
        blackout_model.objects.filter(name=name, first_day=first_day).delete()
    for day, start, end, next_day in DEFAULT_WINDOWS:
        window_model.objects.filter(
            weekday=day, starts_at=start, ends_at=end, ends_next_day=next_day
        ).delete()
    settings_model.objects.filter(pk=1).delete()
