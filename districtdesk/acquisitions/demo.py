"""Demo technology requests: the district's standards catalogue and a few dozen requests,
each played through the same services as real work, step by step at believable times
before `now`, so every status, wait, quote, purchase order, received asset and timeline
entry is genuine. The demo teacher has requests in several steps; the demo supervisor has
approvals waiting (some too long); the Business Office has a funding queue.
Deterministic for a seed and a `now`."""

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from districtdesk.acquisitions.models import StandardItem, TechnologyRequest
from districtdesk.acquisitions.services import (
    approval,
    deployment,
    purchasing,
    receiving,
    requesting,
    review,
)
from districtdesk.core.models import Person, Role
from districtdesk.inventory.models import AssetModel, AssetType
from districtdesk.service_requests import policies as request_policies

Status = TechnologyRequest.Status
Reason = TechnologyRequest.DenialReason

# (name, kind, asset type code, low, high, supported for years, notes)
CATALOGUE = (
    ("Student Chromebook", "hardware", "chromebook", "249", "329", 5, "Auto-update to 2031."),
    ("Teacher laptop", "hardware", "laptop", "899", "1199", 4, "Imaged by Technology Services."),
    ("Desktop computer", "hardware", "computer", "749", "999", 5, "Labs and offices."),
    ("Document camera", "hardware", "document-camera", "89", "149", 5, "USB; works with panels."),
    ("75-inch interactive panel", "hardware", "interactive-panel", "2400", "3200", 7, ""),
    ("Short-throw projector", "hardware", "projector", "650", "900", 5, "Only where no panel."),
    ("Classroom tablet", "hardware", "tablet", "329", "449", 4, "Managed; pre-K to grade 2."),
    ("Network laser printer", "hardware", "printer", "399", "699", 5, "Office and library."),
    ("24-inch monitor", "hardware", "monitor", "149", "219", 5, ""),
    ("Office suite licence", "software", "software-licence", "0", "12", 3, "Per user per year."),
    ("Reading assessment app", "software", "software-licence", "4", "9", 2, "Per student."),
)

# The step each demo request reaches, how many of each; more of the common outcomes.
TARGETS = (
    (Status.IN_REVIEW, 4),
    (Status.AWAITING_APPROVAL, 5),
    (Status.QUOTING, 3),
    (Status.AWAITING_FUNDING, 4),
    (Status.ORDERED, 3),
    (Status.RECEIVED, 2),
    (Status.DEPLOYING, 2),
    (Status.DEPLOYED, 9),
    ("denied_in_review", 2),
    ("denied_by_supervisor", 2),
    (Status.WITHDRAWN, 1),
)
NEEDS = (
    ("document-camera", "Students at the back cannot see worked examples.", "28 students daily."),
    ("chromebook", "A cart for the new fourth-grade section.", "26 students without devices."),
    ("interactive-panel", "The room's projector bulb fails weekly.", "Every lesson in the room."),
    ("laptop", "The new counselor has no computer.", "Student schedules wait on paper."),
    ("printer", "The front office printer jams on every job.", "Attendance letters are late."),
    ("tablet", "Pre-K needs tablets for the reading program.", "18 students."),
    ("monitor", "A second screen for the registrar.", "Enrollment entry takes twice as long."),
    ("software-licence", "Licences for the reading assessment.", "Grade 1 benchmarks."),
    ("projector", "The gym has no projector for assemblies.", "Monthly assemblies."),
)
FINISHED = (Status.DEPLOYED, "denied_in_review", "denied_by_supervisor", Status.WITHDRAWN)
DENIALS = {
    "denied_in_review": (
        Reason.OFF_STANDARD,
        "That model is not supported on the district network.",
        "The standard document camera does the same.",
    ),
    "denied_by_supervisor": (
        Reason.NO_FUNDS,
        "The campus budget for this year is committed.",
        "Ask again in the spring budget cycle.",
    ),
}


@dataclass
class Play:
    rng: random.Random
    now: datetime
    business_office: Person
    inventory: Person
    tags: int = 0

    def at(self, moment: datetime) -> datetime:
        """The moment moved into working hours (08:00–16:59) on a weekday."""
        local = timezone.localtime(moment)
        if local.hour >= 17:
            local = (local + timedelta(days=1)).replace(hour=8)
        elif local.hour < 8:
            local = local.replace(hour=8)
        while local.weekday() >= 5:
            local = local + timedelta(days=1)
        return local

    def next_tag(self) -> str:
        self.tags += 1
        return f"TR{self.tags:06d}"


def _catalogue(today: date) -> dict[str, list[StandardItem]]:
    by_type: dict[str, list[StandardItem]] = {}
    types = {kind.code: kind for kind in AssetType.objects.all()}
    models = {}
    for model in AssetModel.objects.filter(is_active=True).select_related("asset_type"):
        models.setdefault(model.asset_type.code, model)
    for name, kind, type_code, low, high, years, notes in CATALOGUE:
        item = StandardItem.objects.create(
            name=name,
            kind=kind,
            asset_type=types.get(type_code),
            asset_model=models.get(type_code) if kind == "hardware" else None,
            price_low=Decimal(low),
            price_high=Decimal(high),
            notes=notes,
            supported_until=date(today.year + years, 6, 30),
        )
        by_type.setdefault(type_code, []).append(item)
    return by_type


def _reviewer(request: TechnologyRequest) -> Person | None:
    service_request = request.service_request
    candidates = Person.objects.filter(
        is_active=True,
        team_memberships__team=service_request.team_id,
        role_assignments__role__in=[Role.TECHNICIAN, Role.TEAM_LEAD],
    ).distinct()
    for person in candidates.order_by("pk")[:5]:
        if request_policies.can_work(person, service_request):
            return person
    return None


def _play_one(
    play: Play, requester: Person, target: str, catalogue: dict, *, idle_days: float
) -> None:
    rng = play.rng
    type_code, need, impact = rng.choice(NEEDS)
    items = catalogue.get(type_code) or [None]
    item = rng.choice(items)
    off_standard = target == "denied_in_review"
    quantity = 1 if type_code in ("interactive-panel", "laptop", "printer") else rng.randint(1, 6)
    if type_code == "software-licence":
        quantity = rng.choice((20, 25, 30))
    steps = _STEPS[target]
    # Space the steps out so the last one lands a little before now.
    gaps = [rng.uniform(0.5, 3.0) for _ in steps]
    moment = play.now - timedelta(days=sum(gaps) + idle_days)
    moments = []
    for gap in gaps:
        moment += timedelta(days=gap)
        moments.append(play.at(moment))
    first = moments[0] if moments else play.now
    submitted = play.at(first - timedelta(days=rng.uniform(0.3, 2)))
    request = requesting.submit_technology_request(
        actor=requester,
        kind=TechnologyRequest.Kind.NEW_EQUIPMENT
        if type_code != "software-licence"
        else TechnologyRequest.Kind.OTHER,
        need=need,
        impact=impact,
        urgency=rng.choice(("low", "medium", "medium", "high")),
        requirements="",
        quantity=quantity,
        campus=requester.home_campus,
        room=rng.choice(list(requester.home_campus.rooms.order_by("number")[:40]) or [None]),
        standard_item=None if off_standard else item,
        asset_type=item.asset_type if item else None,
        now=submitted,
    )
    reviewer = _reviewer(request)
    if reviewer is None:
        return
    previous = submitted
    for step, moment in zip(steps, moments, strict=True):
        moment = max(moment, previous + timedelta(minutes=30))
        if moment >= play.now:
            return  # caught part-way: the rest has not happened yet
        request = step(play, request, reviewer, moment)
        previous = moment


def _forward(play, request, reviewer, at):
    return review.forward_for_approval(request, actor=reviewer, notes="Standard model.", now=at)


def _deny_in_review(play, request, reviewer, at):
    reason, explanation, alternative = DENIALS["denied_in_review"]
    standard = StandardItem.objects.filter(asset_type=request.asset_type).order_by("pk")[:1]
    return review.deny_in_review(
        request,
        actor=reviewer,
        reason=reason,
        explanation=explanation,
        alternatives=list(standard),
        alternatives_text=alternative,
        now=at,
    )


def _approve(play, request, reviewer, at):
    return approval.approve(request, actor=request.approver, feedback="Approved.", now=at)


def _deny(play, request, reviewer, at):
    reason, explanation, alternative = DENIALS["denied_by_supervisor"]
    return approval.deny(
        request,
        actor=request.approver,
        reason=reason,
        explanation=explanation,
        alternatives_text=alternative,
        now=at,
    )


def _quote(play, request, reviewer, at):
    item = request.standard_item
    low = item.price_low if item else Decimal("100")
    high = item.price_high if item else Decimal("150")
    price = (low + (high - low) * Decimal(play.rng.randint(20, 80)) / 100).quantize(Decimal("1"))
    description = str(item or request.asset_type or "Equipment")
    purchasing.add_quote(
        request,
        actor=reviewer,
        vendor=play.rng.choice(("CDW-G", "SHI", "Classroom Supply Co.", "Region Tech Co-op")),
        reference=f"Q-{play.rng.randint(10000, 99999)}",
        valid_until=timezone.localdate(at) + timedelta(days=45),
        lines=[
            purchasing.LineInput(
                description=description,
                quantity=request.quantity,
                unit_price=price,
                asset_model=item.asset_model if item else None,
            )
        ],
        now=at,
    )
    return request


def _request_funding(play, request, reviewer, at):
    return purchasing.request_funding(request, actor=reviewer, now=at)


def _fund(play, request, reviewer, at):
    bond = play.rng.random() < 0.5
    return purchasing.fund(
        request,
        actor=play.business_office,
        quote=request.quotes.order_by("pk").first(),
        funding="bond" if bond else "non_bond",
        budget_code=play.rng.choice(("B-2026-410", "B-2026-415"))
        if bond
        else play.rng.choice(("GF-199-6399", "T1-211-6398")),
        purchase_order=f"PO-{play.rng.randint(260000, 269999)}",
        now=at,
    )


def _receive(play, request, reviewer, at):
    for line in request.chosen_quote.lines.all():
        if line.is_inventoried:
            for _index in range(line.quantity):
                receiving.receive_item(
                    request,
                    actor=play.inventory,
                    line=line,
                    bar_tag=play.next_tag(),
                    serial_number=f"SN{play.rng.randint(10**8, 10**9 - 1)}",
                    now=at,
                )
        else:
            receiving.receive_by_count(
                request, actor=play.inventory, line=line, quantity=line.quantity, now=at
            )
    request.refresh_from_db()
    return request


def _assign(play, request, reviewer, at):
    return deployment.assign_deployer(request, actor=reviewer, technician=reviewer, now=at)


def _deploy(play, request, reviewer, at):
    return deployment.deploy(
        request, actor=reviewer, notes="Set up, tested and handed over.", now=at
    )


def _withdraw(play, request, reviewer, at):
    return requesting.withdraw(
        request, actor=request.requester, reason="A colleague lent me one.", now=at
    )


Step = Callable[[Play, TechnologyRequest, Person, datetime], TechnologyRequest]
_CHAIN: tuple[Step, ...] = (_forward, _approve, _quote, _request_funding, _fund, _receive)
_STEPS: dict[str, tuple[Step, ...]] = {
    Status.IN_REVIEW: (),
    Status.AWAITING_APPROVAL: (_forward,),
    Status.QUOTING: _CHAIN[:2],
    Status.AWAITING_FUNDING: _CHAIN[:4],
    Status.ORDERED: _CHAIN[:5],
    Status.RECEIVED: _CHAIN,
    Status.DEPLOYING: (*_CHAIN, _assign),
    Status.DEPLOYED: (*_CHAIN, _assign, _deploy),
    "denied_in_review": (_deny_in_review,),
    "denied_by_supervisor": (_forward, _deny),
    Status.WITHDRAWN: (_forward, _withdraw),
}


@transaction.atomic
def load_demo_technology_requests(*, seed: int, now: datetime) -> dict[str, int]:
    """The catalogue and the requests; returns the count per status."""
    rng = random.Random(seed)  # noqa: S311 - not for secrets
    catalogue = _catalogue(timezone.localdate(now))
    teacher = Person.objects.select_related("home_campus").get(username="requester")
    colleagues = list(
        Person.objects.filter(is_active=True, supervisor__isnull=False, home_campus__isnull=False)
        .exclude(pk=teacher.pk)
        .select_related("home_campus", "supervisor")
        .order_by("pk")[:400]
    )
    # The demo supervisor's staff, so the demo supervisor's inbox is not empty.
    team_of_supervisor = [p for p in colleagues if p.supervisor.username == "supervisor"]
    play = Play(
        rng=rng,
        now=now,
        business_office=Person.objects.get(username="businessoffice"),
        inventory=Person.objects.get(username="inventory"),
    )
    teacher_targets = {Status.AWAITING_APPROVAL, Status.ORDERED, Status.DEPLOYED, Status.IN_REVIEW}
    for target, count in TARGETS:
        for index in range(count):
            if index == 0 and target in teacher_targets:
                requester = teacher
            elif target == Status.AWAITING_APPROVAL and team_of_supervisor:
                requester = rng.choice(team_of_supervisor)
            else:
                requester = rng.choice(colleagues)
            # Every other approval has waited most of a week ("waiting too long"); finished
            # requests ended any time in the last three months, so the Business Office's
            # figures span several months; the rest are caught where they stand this week.
            if target == Status.AWAITING_APPROVAL and index % 2 == 1:
                idle_days = rng.uniform(4, 6)
            elif target in FINISHED:
                idle_days = rng.uniform(1, 90)
            elif target in (Status.ORDERED, Status.AWAITING_FUNDING):
                idle_days = rng.uniform(0.2, 25)
            else:
                idle_days = rng.uniform(0.2, 1.0)
            _play_one(play, requester, target, catalogue, idle_days=idle_days)
    counts: dict[str, int] = {}
    for status in TechnologyRequest.objects.values_list("status", flat=True):
        counts[status] = counts.get(status, 0) + 1
    return counts
