"""The change rules as plain functions: lead time, seed 000's Saturday-noon boundary,
maintenance windows, blackouts and overlaps, all at pinned times."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st

from districtdesk.changes import rules
from districtdesk.changes.reference_data import DEFAULT_WINDOWS

CHICAGO = ZoneInfo("America/Chicago")
POLICY = rules.Policy(timezone=CHICAGO)
WINDOWS = [rules.WeeklyWindow(*row) for row in DEFAULT_WINDOWS]


def at(year, month, day, hour=0, minute=0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=CHICAGO)


def planned(start, end, change_type=rules.SCHEDULED, **fields) -> rules.PlannedChange:
    return rules.PlannedChange(
        change_type=change_type, planned_start=start, planned_end=end, **fields
    )


def codes(flags) -> list[str]:
    return [flag.code for flag in flags]


# --- Lead time (seed 001: two weeks' notice) ------------------------------------


def test_a_scheduled_change_with_two_weeks_notice_is_not_flagged():
    change = planned(at(2027, 2, 16, 20), at(2027, 2, 16, 22))
    assert rules.lead_time_flags(change, submitted_at=at(2027, 2, 2, 20), policy=POLICY) == []


def test_a_scheduled_change_a_minute_short_of_two_weeks_is_flagged_with_its_days():
    change = planned(at(2027, 2, 16, 20), at(2027, 2, 16, 22))
    [flag] = rules.lead_time_flags(change, submitted_at=at(2027, 2, 2, 20, 1), policy=POLICY)
    assert flag.code == "short_lead_time"
    assert flag.params == {"days": 13, "required": 14}
    assert "13 day(s)" in flag.reason


def test_emergency_and_informational_changes_need_no_lead_time():
    for change_type in (rules.EMERGENCY, rules.INFORMATIONAL):
        change = planned(at(2027, 2, 3, 20), at(2027, 2, 3, 22), change_type)
        assert rules.lead_time_flags(change, submitted_at=at(2027, 2, 2), policy=POLICY) == []


def test_a_district_without_a_lead_time_turns_the_rule_off():
    change = planned(at(2027, 2, 3, 20), at(2027, 2, 3, 22))
    no_lead_time = rules.Policy(timezone=CHICAGO, lead_time_days=0)
    assert rules.lead_time_flags(change, submitted_at=at(2027, 2, 2), policy=no_lead_time) == []


# --- Seed 000: noon on the Saturday after the first meeting ---------------------


def test_the_next_meeting_is_mondays_at_one_and_todays_until_it_starts():
    assert rules.next_meeting_at(at(2027, 2, 2, 10), POLICY) == at(2027, 2, 8, 13)
    assert rules.next_meeting_at(at(2027, 2, 8, 12, 59), POLICY) == at(2027, 2, 8, 13)
    assert rules.next_meeting_at(at(2027, 2, 8, 13), POLICY) == at(2027, 2, 8, 13)
    assert rules.next_meeting_at(at(2027, 2, 8, 13, 1), POLICY) == at(2027, 2, 15, 13)


def test_the_boundary_is_noon_on_the_saturday_after_the_meeting():
    assert rules.emergency_boundary(at(2027, 2, 8, 13), POLICY) == at(2027, 2, 13, 12)


def test_a_saturday_meeting_looks_to_the_following_saturday():
    assert rules.emergency_boundary(at(2027, 2, 13, 9), POLICY) == at(2027, 2, 20, 12)


def test_a_scheduled_change_acting_before_the_boundary_must_be_an_emergency():
    # Submitted Tuesday 2 Feb: first discussed Monday 8 Feb, boundary Saturday 13 Feb noon.
    before = planned(at(2027, 2, 13, 11, 59), at(2027, 2, 13, 14))
    [flag] = rules.boundary_flags(before, now=at(2027, 2, 2, 10), policy=POLICY)
    assert flag.code == "needs_emergency"
    assert flag.params == {"meeting": "2027-02-08 13:00", "boundary": "2027-02-13"}


def test_a_scheduled_change_from_noon_on_that_saturday_is_a_scheduled_change():
    at_noon = planned(at(2027, 2, 13, 12), at(2027, 2, 13, 14))
    assert rules.boundary_flags(at_noon, now=at(2027, 2, 2, 10), policy=POLICY) == []


def test_a_district_with_a_single_approver_has_no_meeting_boundary():
    before = planned(at(2027, 2, 3, 20), at(2027, 2, 3, 22))
    single = rules.Policy(timezone=CHICAGO, uses_meeting=False)
    assert rules.boundary_flags(before, now=at(2027, 2, 2, 10), policy=single) == []


@given(
    now=st.datetimes(min_value=datetime(2026, 1, 1), max_value=datetime(2029, 1, 1)),
    weekday=st.integers(0, 6),
    hour=st.integers(0, 23),
)
def test_the_boundary_is_always_a_saturday_noon_within_a_week_after_the_meeting(now, weekday, hour):
    policy = rules.Policy(timezone=CHICAGO, meeting_weekday=weekday, meeting_time=time(hour))
    now = now.replace(tzinfo=CHICAGO)
    meeting = rules.next_meeting_at(now, policy)
    boundary = rules.emergency_boundary(meeting, policy)
    assert now <= meeting < now + timedelta(days=7, hours=2)
    assert meeting.weekday() == weekday
    assert boundary.weekday() == rules.SATURDAY and boundary.time() == time(12)
    # A Saturday meeting looks to the next Saturday, so at most a week and a half-day.
    assert timedelta(0) < boundary - meeting <= timedelta(days=7, hours=13)


# --- Maintenance windows (seed 001: weekdays 19:00–05:00, all weekend) ---------


def test_a_weeknight_change_inside_the_window_is_not_flagged():
    change = planned(at(2027, 2, 3, 19), at(2027, 2, 4, 5), affects_connectivity=True)
    assert rules.window_flags(change, windows=WINDOWS, policy=POLICY) == []


def test_a_change_past_five_in_the_morning_is_outside_the_window():
    change = planned(at(2027, 2, 3, 23), at(2027, 2, 4, 5, 30), affects_connectivity=True)
    assert codes(rules.window_flags(change, windows=WINDOWS, policy=POLICY)) == ["outside_window"]


def test_a_school_day_change_is_outside_the_window_only_if_it_affects_connectivity():
    during_school = (at(2027, 2, 3, 10), at(2027, 2, 3, 11))
    affecting = planned(*during_school, affects_connectivity=True)
    quiet = planned(*during_school, affects_connectivity=False)
    assert codes(rules.window_flags(affecting, windows=WINDOWS, policy=POLICY)) == [
        "outside_window"
    ]
    assert rules.window_flags(quiet, windows=WINDOWS, policy=POLICY) == []


def test_a_change_from_friday_night_to_monday_dawn_stays_inside_the_window():
    change = planned(at(2027, 2, 5, 19), at(2027, 2, 8, 5), affects_connectivity=True)
    assert rules.window_flags(change, windows=WINDOWS, policy=POLICY) == []


def test_the_window_follows_the_wall_clock_across_the_spring_time_change():
    # 14 March 2027 is the second Sunday in March: clocks skip from 2:00 to 3:00.
    change = planned(at(2027, 3, 13, 22), at(2027, 3, 15, 4, 30), affects_connectivity=True)
    assert rules.window_flags(change, windows=WINDOWS, policy=POLICY) == []


@given(
    day=st.dates(min_value=date(2026, 8, 1), max_value=date(2027, 7, 31)),
    start_hour=st.integers(0, 23),
    hours=st.integers(1, 6),
)
def test_a_weekend_daytime_change_is_always_inside_the_window(day, start_hour, hours):
    saturday = day + timedelta(days=(rules.SATURDAY - day.weekday()) % 7)
    start = datetime.combine(saturday, time(start_hour), tzinfo=CHICAGO)
    change = planned(start, start + timedelta(hours=hours), affects_connectivity=True)
    assert rules.window_flags(change, windows=WINDOWS, policy=POLICY) == []


# --- Blackouts and overlaps -----------------------------------------------------

TESTING = rules.Blackout(
    "Spring state testing", "state_testing", date(2027, 4, 5), date(2027, 4, 23)
)


def test_a_change_on_the_last_day_of_a_blackout_is_flagged_with_its_name():
    change = planned(at(2027, 4, 23, 20), at(2027, 4, 23, 22))
    [flag] = rules.blackout_flags(change, blackouts=[TESTING], policy=POLICY)
    assert flag.code == "in_blackout"
    assert "Spring state testing" in flag.reason


def test_a_change_starting_the_midnight_after_a_blackout_is_not_flagged():
    change = planned(at(2027, 4, 24), at(2027, 4, 24, 2))
    assert rules.blackout_flags(change, blackouts=[TESTING], policy=POLICY) == []


def test_a_change_overlapping_another_on_the_same_system_is_flagged():
    other = planned(
        at(2027, 2, 20, 21), at(2027, 2, 21, 1), system_ids=frozenset({1}), number="CHG-000007"
    )
    change = planned(at(2027, 2, 20, 20), at(2027, 2, 20, 23), system_ids=frozenset({1, 2}))
    [flag] = rules.overlap_flags(change, others=[other], policy=POLICY)
    assert flag.params["number"] == "CHG-000007"
    assert flag.params["shared"] == "system"


def test_back_to_back_changes_or_changes_on_other_systems_do_not_overlap():
    change = planned(
        at(2027, 2, 20, 20),
        at(2027, 2, 20, 23),
        system_ids=frozenset({1}),
        campus_ids=frozenset({5}),
    )
    after = planned(at(2027, 2, 20, 23), at(2027, 2, 21, 1), system_ids=frozenset({1}))
    elsewhere = planned(
        at(2027, 2, 20, 21),
        at(2027, 2, 20, 22),
        system_ids=frozenset({2}),
        campus_ids=frozenset({6}),
    )
    assert rules.overlap_flags(change, others=[after, elsewhere], policy=POLICY) == []


def test_check_change_gathers_every_flag():
    change = planned(
        at(2027, 4, 6, 10), at(2027, 4, 6, 12), affects_connectivity=True, campus_ids=frozenset({5})
    )
    other = planned(
        at(2027, 4, 6, 11), at(2027, 4, 6, 13), campus_ids=frozenset({5}), number="CHG-000001"
    )
    flags = rules.check_change(
        change,
        now=at(2027, 4, 1, 9),
        policy=POLICY,
        windows=WINDOWS,
        blackouts=[TESTING],
        others=[other],
    )
    assert codes(flags) == [
        "short_lead_time",
        "needs_emergency",
        "outside_window",
        "in_blackout",
        "overlaps_change",
    ]
    assert all(flag.reason for flag in flags)
