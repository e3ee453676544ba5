"""Change control's history for the large district, in bulk: thousands of changes with
the weekly Change Control meetings that decided and reviewed them, over the last three
school years, up to where the demo's own three months of changes begin.

Playing thousands of changes through the services would take far too long, so each
change's life is drawn here (see drawing.py) and its rows are written as the services
would leave them: the change, its systems and campuses, the request it answers, its agenda
items and decisions, its review and one activity event per step; each meeting with its
attendance, minutes and, where the committee votes, the votes. Numbers are ids, given in
the order the changes were written, before the demo's own.
"""

from districtdesk.demo.change_history.drawing import Drawing
from districtdesk.demo.change_history.loading import load_change_history
from districtdesk.demo.change_history.plan import HistoryPlan, NoRequestToAnswer, build_plan
from districtdesk.demo.change_history.stories import DrawnHistory

__all__ = [
    "Drawing",
    "DrawnHistory",
    "HistoryPlan",
    "NoRequestToAnswer",
    "build_plan",
    "load_change_history",
]
