"""The demo district: a believable, invented school district for demos and benchmarks.

This package's top level imports nothing from Django, so a set-up script or the
README can read the demo credentials without configuring settings::

    python -c "from districtdesk.core.demo_district import DEMO_PASSWORD; print(DEMO_PASSWORD)"

The generator itself is `districtdesk.core.demo_district.builder` (run it with
``manage.py load_demo_district``); it plans with `.planning`, from the district's
shape in `.shape` and the name lists in `.names`.
"""

# The one password every demo account shares; everyone else signs in through SSO.
DEMO_PASSWORD = "districtdesk-demo"  # noqa: S105 - a published demo credential, not a secret

# One demo account per role in districtdesk.core.models.Role: username -> role code.
DEMO_ACCOUNTS: dict[str, str] = {
    "requester": "requester",
    "supervisor": "supervisor",
    "technician": "technician",
    "teamlead": "team_lead",
    "analyst": "ccc_analyst",
    "coordinator": "change_coordinator",
    "committee": "change_committee",
    "businessoffice": "business_office",
    "inventory": "inventory",
    "director": "director",
    "principal": "principal",
    "superintendent": "superintendent",
    "sysadmin": "system_admin",
}

# example.* is reserved (RFC 2606): demo mail can never reach a real mailbox.
DEMO_EMAIL_DOMAIN = "demo.districtdesk.example"

DEFAULT_SEED = 2026

__all__ = ["DEFAULT_SEED", "DEMO_ACCOUNTS", "DEMO_EMAIL_DOMAIN", "DEMO_PASSWORD"]
