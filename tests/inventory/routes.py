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

from django.core.files.uploadedfile import SimpleUploadedFile

from districtdesk.core.models import Role
from districtdesk.inventory.models import InventoryWorkItem
from districtdesk.inventory.services.audit_phases import end_scanning
from districtdesk.inventory.services.auditing import start_audit
from districtdesk.inventory.services.discrepancies import attach_to_discrepancy
from districtdesk.inventory.services.work_items import WorkRequest, cancel, file_work_item
from tests.inventory.factories import inventory_technician, register
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
    tech = inventory_technician()
    audit = start_audit(district.north, actor=tech)
    # South's audit, past scanning, with its one asset missing: a discrepancy seen only by
    # the district-wide roles (no campus team or principal of the cast serves south).
    register(district, campus=district.south, room_number="A100")
    south = end_scanning(start_audit(district.south, actor=tech), actor=tech)
    [photo] = attach_to_discrepancy(
        south.discrepancies.get(),
        actor=tech,
        files=[SimpleUploadedFile("cart.txt", b"The cart was empty.")],
    )
    # A move the north teacher asked for and inventory cancelled: every step is refused by
    # its state, so each role's answer is the same whichever role posts first.
    work_item = file_work_item(
        WorkRequest(
            kind=InventoryWorkItem.Kind.EXISTING_MOVE,
            assets=[register(district)],
            reason="Room swap",
            to_campus=district.north,
            to_room=district.north.rooms.get(number="LIB"),
        ),
        actor=district.people[Role.REQUESTER],
    )
    cancel(work_item, actor=district.people[Role.INVENTORY], reason="Not needed")
    return {
        "asset": asset,
        "work_item": work_item,
        "asset_move": asset.moves.get(),
        "audit": audit,
        "discrepancy": south.discrepancies.get(),
        "discrepancy_file": photo,
    }


DISTRICT_WIDE = (Role.INVENTORY, Role.SYSTEM_ADMIN, Role.DIRECTOR)


def the_audit(fixtures: dict) -> dict:
    return {"pk": fixtures["audit"].pk}


def the_discrepancy(fixtures: dict) -> dict:
    return {"pk": fixtures["discrepancy"].audit_id, "discrepancy_pk": fixtures["discrepancy"].pk}


def the_asset(fixtures: dict) -> dict:
    return {"pk": fixtures["asset"].pk}


def page(status: int, roles) -> dict[str, int]:
    return answers(302, 404, **dict.fromkeys(roles, status))


def api_seen(status: int) -> dict[str, int]:
    return answers(401, 404, **dict.fromkeys(SEES_THE_ASSET, status))


def api_seen_but(status: int, **by_role: int) -> dict[str, int]:
    return {**api_seen(status), **by_role}


# Who sees the fixture work item: whoever sees north's assets, and the teacher who asked.
SEES_THE_WORK = (*SEES_THE_ASSET, Role.REQUESTER)


def the_work(fixtures: dict) -> dict:
    return {"pk": fixtures["work_item"].pk}


WORK_ROUTES: dict = {
    "work_list": ("get", dict, page(200, USES_INVENTORY)),
    # An empty form comes back with what is missing, for everyone who may ask for work at a
    # campus (the teacher at her home campus); the rest get 404.
    "work_new": ("post", dict, page(200, SEES_THE_WORK)),
    **{
        f"work_asset_{what}": ("post", the_asset, page(200, SEES_THE_ASSET))
        for what in ("move", "damage", "location", "tag")
    },
    "work_detail": ("get", the_work, page(200, SEES_THE_WORK)),
    # Steps on the cancelled item: the page comes back saying why (200) for whoever may take
    # the step; pick-ups are also north's technicians'; the rest get 404.
    "work_pick_up": (
        "post",
        the_work,
        page(200, (*MANAGERS, Role.TECHNICIAN, Role.TEAM_LEAD)),
    ),
    "work_drop_off": ("post", the_work, page(200, MANAGERS)),
    "work_complete": ("post", the_work, page(200, MANAGERS)),
    "work_cancel": ("post", the_work, page(200, MANAGERS)),
    "inventoryworkitem-list": ("get", dict, answers(401, 200)),
    "inventoryworkitem-detail": (
        "get",
        the_work,
        answers(401, 404, **dict.fromkeys(SEES_THE_WORK, 200)),
    ),
    # API steps: the cancelled item refuses each by its state (400), for whoever sees it.
    **{
        f"inventoryworkitem-{step}": (
            "post",
            the_work,
            answers(401, 404, **dict.fromkeys(SEES_THE_WORK, 400)),
        )
        for step in ("pick-up", "drop-off", "complete", "cancel")
    },
}

ROUTES: dict = {
    **WORK_ROUTES,
    "asset_list": ("get", dict, page(200, USES_INVENTORY)),
    "asset_export": ("get", dict, page(200, USES_INVENTORY)),
    "asset_export_xlsx": ("get", dict, page(200, USES_INVENTORY)),
    # Label sheets are the inventory team's; a label's QR address sends everyone on: to
    # sign in, to the asset's page, or to the portal with the tag filled in.
    "asset_labels": ("get", dict, page(200, MANAGERS)),
    "asset_by_tag": ("get", lambda f: {"tag": f["asset"].bar_tag}, answers(302, 302)),
    "asset_detail": ("get", the_asset, page(200, SEES_THE_ASSET)),
    "asset_new": ("post", dict, page(200, MANAGERS)),
    "asset_import": ("post", dict, page(200, MANAGERS)),
    "asset_edit": ("post", the_asset, page(200, MANAGERS)),
    "asset_move": ("post", the_asset, page(200, MANAGERS)),
    "asset_status": ("post", the_asset, page(200, MANAGERS)),
    # Who read which student's data (FERPA 99.32): system administrators only.
    "student_access_log": ("get", dict, page(200, (Role.SYSTEM_ADMIN,))),
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
    # The scanning page's service worker holds only static addresses: served to anyone.
    "scanning_worker": ("get", dict, answers(200, 200)),
    "audit_detail": (
        "get",
        lambda fixtures: {"pk": fixtures["audit"].pk},
        page(200, SEES_THE_ASSET),
    ),
    "audit_scan": ("post", lambda fixtures: {"pk": fixtures["audit"].pk}, page(200, MANAGERS)),
    "audit-list": ("get", dict, answers(401, 200)),
    "audit-detail": ("get", lambda fixtures: {"pk": fixtures["audit"].pk}, api_seen(200)),
    "audit-scans": ("post", lambda fixtures: {"pk": fixtures["audit"].pk}, api_seen(400)),
    # The audit's steps answer with its page (302), saying what was done or refused.
    **{
        f"audit_{step}": ("post", the_audit, page(302, MANAGERS))
        for step in ("end_scanning", "submit_discrepancies", "end_reconciliation", "complete")
    },
    # Only the audited campus's principal acknowledges (north's audit is still scanning,
    # so the page says so).
    "audit_acknowledge": ("post", the_audit, page(302, (Role.PRINCIPAL, Role.SUPERVISOR))),
    # The final tag export waits for the acknowledgement: 404 before it, for everyone.
    "audit_tags_export": ("get", the_audit, page(404, ())),
    "discrepancy_detail": ("get", the_discrepancy, page(200, DISTRICT_WIDE)),
    # Empty bodies: the form comes back with what is missing; move has no form and says why
    # it was refused on the page it redirects to.
    **{
        f"discrepancy_{action}": (
            "post",
            the_discrepancy,
            page(200, (Role.INVENTORY, Role.SYSTEM_ADMIN)),
        )
        for action in ("document", "attach", "investigate", "locate", "write_off")
    },
    # A discrepancy's file: a download for whoever sees the discrepancy.
    "discrepancy_file": (
        "get",
        lambda f: {**the_discrepancy(f), "attachment_pk": f["discrepancy_file"].pk},
        page(200, DISTRICT_WIDE),
    ),
    "discrepancy_move": ("post", the_discrepancy, page(302, (Role.INVENTORY, Role.SYSTEM_ADMIN))),
    # API steps on north's audit, still scanning: only a system administrator (who works
    # requests) may end scanning; the next steps are refused by the phase (400); anyone
    # else who sees the audit is refused by role (403), and the rest get 404.
    "audit-end-scanning": ("post", the_audit, api_seen_but(403, system_admin=200)),
    "audit-submit-discrepancies": ("post", the_audit, api_seen_but(403, system_admin=400)),
    "audit-end-reconciliation": ("post", the_audit, api_seen(400)),
    "audit-acknowledge": (
        "post",
        the_audit,
        api_seen_but(403, principal=400, supervisor=400),
    ),
    "audit-complete": ("post", the_audit, api_seen_but(403, system_admin=400)),
    "auditdiscrepancy-list": ("get", dict, answers(401, 200)),
    "auditdiscrepancy-detail": (
        "get",
        lambda f: {"pk": f["discrepancy"].pk},
        answers(401, 404, **dict.fromkeys(DISTRICT_WIDE, 200)),
    ),
    # API actions on south's discrepancy, seen by the district-wide roles only: an empty
    # body is a 400; move has no body, so it reaches the rules: the director may not act
    # (403), and the discrepancy is not documented yet (400).
    **{
        f"auditdiscrepancy-{action}": (
            "post",
            lambda f: {"pk": f["discrepancy"].pk},
            answers(401, 404, **dict.fromkeys(DISTRICT_WIDE, 400)),
        )
        for action in ("document", "investigate", "locate", "write-off")
    },
    # A discrepancy's files through the API: listed (and uploaded) and downloaded by
    # whoever sees the discrepancy.
    "auditdiscrepancy-files": (
        "get",
        lambda f: {"pk": f["discrepancy"].pk},
        answers(401, 404, **dict.fromkeys(DISTRICT_WIDE, 200)),
    ),
    "auditdiscrepancy-file": (
        "get",
        lambda f: {"pk": f["discrepancy"].pk, "file_pk": f["discrepancy_file"].pk},
        answers(401, 404, **dict.fromkeys(DISTRICT_WIDE, 200)),
    ),
    "auditdiscrepancy-move": (
        "post",
        lambda f: {"pk": f["discrepancy"].pk},
        answers(401, 404, **{**dict.fromkeys(DISTRICT_WIDE, 400), Role.DIRECTOR: 403}),
    ),
}
