"""The change-control pages: the change list, form and page with its steps (changes.py),
the meeting and its agenda (meetings.py), the Change Control Reports (reports.py), the
change calendar (calendar.py) and its iCalendar feed (feed.py)."""
