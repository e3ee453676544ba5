"""Planning the demo district: every row in memory, in the order
`..builder.load_demo_district` calls the steps, all drawn from one seeded generator.

- `.district_plan`: the plan itself, and how a person or a role is added to it.
- `.places`: campuses and rooms.
- `.departments`: departments and district leadership.
- `.technology_services`: Technology Services teams, and the systems they own.
- `.school_staff`: school staff, their reporting lines, and everyone's roles.
"""
