"""The inventory rows of the route matrix (tests/test_route_matrix.py).

The fixture asset is a Chromebook at the north campus, room 101, and the fixture audit is
north's, under way; an audit is seen by whoever sees its campus's assets. Everyone who uses the
inventory opens the list (empty for those who see no campus); the asset itself is seen by
inventory staff, system administrators and directors (district-wide), the north campus
technicians (technician, team lead) and north's principal. Only inventory staff and system
administrators register, edit, move, change status and import: everyone else gets 404.

Page POST rows send an empty body: managers get the form back with what is missing (200)
and nothing changes. API steps parse their fields before anything else, so an empty body
is a 400 for everyone who sees the asset.
"""

from districtdesk.core.models import Role
from districtdesk.inventory.services.auditing import start_audit
from tests.inventory.factories import register
from tests.route_answers import answers

USES_INVENTORY = (
    Role.INVENTORY,
    Role.SYSTEM_ADMIN,
    Role.DIRECTOR,
    Role.TECHNICIAN,
    Role.TEAM_LEAD,
    Role.PRINCIPAL,
    Role.SUPERVISOR,  # the cast's principal holds both roles
)
SEES_THE_ASSET = USES_INVENTORY
MANAGERS = (Role.INVENTORY, Role.SYSTEM_ADMIN)


def fixtures(district) -> dict:
    asset = register(district)
    audit = start_audit(district.north, actor=district.people[Role.INVENTORY])
    return {"asset": asset, "asset_move": asset.moves.get(), "audit": audit}


def the_asset(fixtures: dict) -> dict:
    return {"pk": fixtures["asset"].pk}


def page(status: int, roles) -> dict[str, int]:
    return answers(302, 404, **dict.fromkeys(roles, status))


def api_seen(status: int) -> dict[str, int]:
    return answers(401, 404, **dict.fromkeys(SEES_THE_ASSET, status))


ROUTES: dict = {
    "asset_list": ("get", dict, page(200, USES_INVENTORY)),
    "asset_export": ("get", dict, page(200, USES_INVENTORY)),
    "asset_detail": ("get", the_asset, page(200, SEES_THE_ASSET)),
    "asset_new": ("post", dict, page(200, MANAGERS)),
    "asset_import": ("post", dict, page(200, MANAGERS)),
    "asset_edit": ("post", the_asset, page(200, MANAGERS)),
    "asset_move": ("post", the_asset, page(200, MANAGERS)),
    "asset_status": ("post", the_asset, page(200, MANAGERS)),
    "asset-list": ("get", dict, answers(401, 200)),
    "asset-detail": ("get", the_asset, api_seen(200)),
    "asset-move": ("post", the_asset, api_seen(400)),
    "asset-change-status": ("post", the_asset, api_seen(400)),
    "assetmove-list": ("get", dict, answers(401, 200)),
    "assetmove-detail": (
        "get",
        lambda fixtures: {"pk": fixtures["asset_move"].pk},
        api_seen(200),
    ),
    "audit_list": ("get", dict, page(200, USES_INVENTORY)),
    "audit_start": ("post", dict, page(200, MANAGERS)),
    "audit_detail": (
        "get",
        lambda fixtures: {"pk": fixtures["audit"].pk},
        page(200, SEES_THE_ASSET),
    ),
    "audit_scan": ("post", lambda fixtures: {"pk": fixtures["audit"].pk}, page(200, MANAGERS)),
    "audit-list": ("get", dict, answers(401, 200)),
    "audit-detail": ("get", lambda fixtures: {"pk": fixtures["audit"].pk}, api_seen(200)),
    "audit-scans": ("post", lambda fixtures: {"pk": fixtures["audit"].pk}, api_seen(400)),
}
