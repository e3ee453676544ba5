"""A small district's requests with known outcomes at pinned times, made through the
working services exactly as staff make them.

Counted at NOW (Tuesday 16 February 2027, 10:00 in the district):

- met:       north, portal, 1.3, categorised, acknowledged and resolved in time;
- late:      north, email, 1.3, categorised, acknowledged and resolved late;
- emergency: north, phone, 1.1, entered by the analyst, never acknowledged: overdue;
- fresh:     north, portal, uncategorised, submitted an hour before NOW;
- forgotten: north, portal, uncategorised since 3 February: overdue to categorise;
- waiting:   north, portal, 1.3, waited on the district once, now waits on a vendor;
- south:     south, API, 2.4, January, resolved in time (no team serves south);
- moved:     north, portal, categorised 1.3 to the campus team, then moved to 1.4 and to
             the help desk: counted by its current category and team;
- training:  north, portal, 4.3 (no defined SLA): its resolve target is left out;
- reopened:  north, portal, 1.3, resolved in time, then reopened: its resolve runs again;
- night:     south, email, 23:30 on 11 February (05:30 UTC the next day): hour 23.
"""

from dataclasses import dataclass

from districtdesk.core.models import Role
from districtdesk.service_requests.models import ServiceRequest
from districtdesk.service_requests.services import working
from tests.cast import District
from tests.service_requests.builders import local, priority, submit

NOW = local(2027, 2, 16, 10, 0)
Channel = ServiceRequest.Channel


@dataclass
class Scenario:
    district: District
    requests: dict[str, ServiceRequest]


def _categorise(request, district: District, code: str, when, team=None):
    chosen = priority(code)
    working.categorise_request(
        request,
        actor=district.people[Role.CCC_ANALYST],
        category=chosen.category,
        priority=chosen,
        team=team,
        now=when,
    )


def build_scenario(district: District) -> Scenario:
    people = district.people
    teacher, admin = people[Role.REQUESTER], people[Role.SYSTEM_ADMIN]
    south_teacher = people[Role.PRINCIPAL]  # any requester works; the campus is explicit
    made: dict[str, ServiceRequest] = {}

    made["met"] = r = submit(teacher, now=local(2027, 2, 1, 9, 0))
    _categorise(r, district, "1.3", local(2027, 2, 1, 9, 30))
    working.acknowledge_request(r, actor=admin, now=local(2027, 2, 1, 10, 0))
    working.resolve_request(r, actor=admin, resolution="Lamp replaced", now=local(2027, 2, 3, 9))

    made["late"] = r = submit(teacher, channel=Channel.EMAIL, now=local(2027, 2, 1, 9, 0))
    _categorise(r, district, "1.3", local(2027, 2, 2, 14, 0))
    working.acknowledge_request(r, actor=admin, now=local(2027, 2, 4, 15, 0))
    working.resolve_request(r, actor=admin, resolution="Reimaged", now=local(2027, 2, 10, 11))

    chosen = priority("1.1")
    made["emergency"] = submit(
        teacher,
        actor=people[Role.CCC_ANALYST],
        channel=Channel.PHONE,
        category=chosen.category,
        priority=chosen,
        now=local(2027, 2, 8, 8, 15),
    )

    made["fresh"] = submit(teacher, now=local(2027, 2, 16, 9, 0))
    made["forgotten"] = submit(teacher, now=local(2027, 2, 3, 12, 0))

    made["waiting"] = r = submit(teacher, now=local(2027, 2, 4, 8, 0))
    _categorise(r, district, "1.3", local(2027, 2, 4, 8, 30))
    working.acknowledge_request(r, actor=admin, now=local(2027, 2, 4, 9, 0))
    working.wait_on(
        r, actor=admin, waiting_on="district", reason="Asked the teacher", now=local(2027, 2, 4, 10)
    )
    working.resume_request(r, actor=admin, now=local(2027, 2, 5, 10, 0))
    working.wait_on(
        r, actor=admin, waiting_on="vendor", reason="Part on order", now=local(2027, 2, 9, 13, 0)
    )

    made["south"] = r = submit(
        south_teacher, channel=Channel.API, campus=district.south, now=local(2027, 1, 20, 13, 0)
    )
    _categorise(r, district, "2.4", local(2027, 1, 20, 13, 30))
    working.acknowledge_request(r, actor=admin, now=local(2027, 1, 20, 14, 0))
    working.resolve_request(r, actor=admin, resolution="Access granted", now=local(2027, 1, 22, 9))

    made["moved"] = r = submit(teacher, now=local(2027, 2, 9, 8, 0))
    _categorise(r, district, "1.3", local(2027, 2, 9, 8, 30))
    chosen = priority("1.4")
    working.recategorise_request(
        r,
        actor=admin,
        category=chosen.category,
        priority=chosen,
        reason="Administrative, not instructional",
        now=local(2027, 2, 9, 9, 0),
    )
    working.assign_request(r, actor=admin, team=district.help_desk, now=local(2027, 2, 9, 9, 30))

    made["training"] = r = submit(teacher, now=local(2027, 2, 10, 14, 0))
    _categorise(r, district, "4.3", local(2027, 2, 10, 14, 30))

    made["reopened"] = r = submit(teacher, now=local(2027, 2, 11, 8, 0))
    _categorise(r, district, "1.3", local(2027, 2, 11, 8, 10))
    working.acknowledge_request(r, actor=admin, now=local(2027, 2, 11, 8, 20))
    working.resolve_request(r, actor=admin, resolution="Restarted", now=local(2027, 2, 11, 9))
    working.reopen_request(r, actor=teacher, reason="Broke again", now=local(2027, 2, 12, 9, 0))

    made["night"] = submit(
        south_teacher, channel=Channel.EMAIL, campus=district.south, now=local(2027, 2, 11, 23, 30)
    )

    for request in made.values():
        request.refresh_from_db()
    return Scenario(district=district, requests=made)
