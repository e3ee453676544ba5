"""Reference data DistrictDesk ships: the district's default business calendar with a
sample school year, and a 24x7 calendar for emergencies. Installed by a data migration;
afterwards both are ordinary rows an administrator edits."""

from datetime import date, time

from django.conf import settings

WEEKDAY_HOURS = (time(7, 30), time(16, 30))

SCHOOL_YEAR_2026_27 = [
    ("Independence Day (observed)", "holiday", date(2026, 7, 3), date(2026, 7, 3)),
    ("Labor Day", "holiday", date(2026, 9, 7), date(2026, 9, 7)),
    ("Staff development day", "staff_development", date(2026, 10, 12), date(2026, 10, 12)),
    ("Thanksgiving break", "break", date(2026, 11, 23), date(2026, 11, 27)),
    ("Winter break", "break", date(2026, 12, 21), date(2027, 1, 1)),
    ("Staff development day", "staff_development", date(2027, 1, 4), date(2027, 1, 4)),
    ("Martin Luther King Jr. Day", "holiday", date(2027, 1, 18), date(2027, 1, 18)),
    ("Presidents' Day", "holiday", date(2027, 2, 15), date(2027, 2, 15)),
    ("Spring break", "break", date(2027, 3, 15), date(2027, 3, 19)),
    ("Good Friday", "holiday", date(2027, 3, 26), date(2027, 3, 26)),
    ("Memorial Day", "holiday", date(2027, 5, 31), date(2027, 5, 31)),
    ("Juneteenth (observed)", "holiday", date(2027, 6, 18), date(2027, 6, 18)),
    ("Independence Day (observed)", "holiday", date(2027, 7, 5), date(2027, 7, 5)),
]


def install_sample_calendars(BusinessCalendar, WorkingPeriod, Closure) -> None:
    """Takes the models as arguments so the migration can pass its historical ones."""
    business = BusinessCalendar.objects.create(
        name="District business hours",
        timezone=settings.TIME_ZONE,
        is_default=True,
        description="Technology Services working hours, Monday to Friday, "
        "with the sample 2026–27 school-year holidays and breaks.",
    )
    WorkingPeriod.objects.bulk_create(
        WorkingPeriod(
            calendar=business, weekday=day, starts_at=WEEKDAY_HOURS[0], ends_at=WEEKDAY_HOURS[1]
        )
        for day in range(5)
    )
    Closure.objects.bulk_create(
        Closure(calendar=business, name=name, kind=kind, first_day=first, last_day=last)
        for name, kind, first, last in SCHOOL_YEAR_2026_27
    )
    BusinessCalendar.objects.create(
        name="Around the clock",
        timezone=settings.TIME_ZONE,
        around_the_clock=True,
        description="For emergencies: the clock runs every hour of every day.",
    )
