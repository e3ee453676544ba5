"""The demo district's shape, as data only; `..planning` turns it into rows.

- `.sizes`: the small, standard and large districts.
- `.departments`: district leadership and the departments.
- `.buildings`: district buildings other than schools, and their rooms.
- `.schools`: each level of school's rooms and staffing.
- `.teams`: Technology Services directors and teams.
- `.systems`: enterprise systems and their owner teams.
- `.demo_people`: the fixed demo cast.
"""
