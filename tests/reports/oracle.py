"""The independent count: plain Python over the rows a test created, never the reports'
queries. Each figure's definition (docs/reports.md) is written here a second time."""

from collections import Counter, defaultdict
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from districtdesk.changes.models import ChangeRequest
from districtdesk.core.models import BusinessCalendar
from districtdesk.inventory.models import Asset
from districtdesk.service_requests.models import ServiceRequest, Target

STATE_TO_OUTCOME = {
    Target.State.MET: "met",
    Target.State.BREACHED: "breached",
    Target.State.RUNNING: "open_on_time",
    Target.State.OVERDUE: "open_overdue",
    Target.State.PAUSED: "waiting",
}
BANDS = ((0, 1), (2, 5), (6, 10), (11, 20), (21, None))


def fresh(requests) -> list[ServiceRequest]:
    return list(
        ServiceRequest.objects.filter(pk__in=[r.pk for r in requests])
        .select_related("category", "priority", "team", "campus")
        .prefetch_related("targets", "waits")
    )


def outcomes_by(requests, now, key) -> dict:
    """{(kind, key(request)): Counter(outcome)} for every target with an SLA."""
    counts: dict = defaultdict(Counter)
    for request in fresh(requests):
        for target in request.targets.all():
            state = target.state_at(now)
            if state != Target.State.NO_SLA:
                counts[(target.kind, key(request))][STATE_TO_OUTCOME[state]] += 1
    return counts


def days(earlier, later) -> int:
    return (timezone.localdate(later) - timezone.localdate(earlier)).days


def band_of(number: int) -> int:
    return next(
        i for i, (lo, hi) in enumerate(BANDS) if number >= lo and (hi is None or number <= hi)
    )


def backlog(requests, now) -> tuple[list[int], list[int]]:
    by_age, overdue = [0] * len(BANDS), [0] * len(BANDS)
    for request in fresh(requests):
        if request.status not in ServiceRequest.OPEN_STATUSES:
            continue
        by_age[band_of(days(request.submitted_at, now))] += 1
        if request.due_at is not None and request.due_at < now:
            overdue[band_of(days(request.due_at, now))] += 1
    return by_age, overdue


def time_spent(requests, now) -> dict:
    """{category number or None: [requests, elapsed, vendor, district]} as timedeltas."""
    spent: dict = defaultdict(lambda: [0, timedelta(), timedelta(), timedelta()])
    for request in fresh(requests):
        row = spent[request.category.number if request.category else None]
        row[0] += 1
        row[1] += (request.resolved_at or now) - request.submitted_at
        for wait in request.waits.all():
            row[2 if wait.waiting_on == "vendor" else 3] += (wait.ended_at or now) - wait.started_at
    return spent


def intake(requests) -> Counter:
    return Counter(
        (timezone.localtime(request.submitted_at).hour, request.channel)
        for request in fresh(requests)
    )


# --- The breach trend and the queue reviews ----------------------------------------------


def missed(target, now) -> bool:
    """Its due time passed before it was met (docs/reports.md, the breach trend)."""
    if (target.sla_hours is None and target.sla_days is None) or target.due_at is None:
        return False
    if target.completed_at is not None:
        return target.completed_at > target.due_at
    return target.due_at < now


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def breaches(requests, now, start, end) -> Counter:
    """Counter({(month's first day, week's Monday, kind): missed}) for due times in
    [start, end) and before now."""
    counts: Counter = Counter()
    for request in fresh(requests):
        for target in request.targets.all():
            if missed(target, now) and start <= target.due_at < min(end, now):
                day = timezone.localdate(target.due_at)
                counts[(day.replace(day=1), monday_of(day), target.kind)] += 1
    return counts


def review_weeks(reviewed_at: list, start, now) -> dict:
    """{Monday: [due, done]} read straight from the default calendar's rows: an odd hour
    whose start is inside a working period of a day without a closure, over by now."""
    calendar = BusinessCalendar.objects.get(is_default=True)
    periods = defaultdict(list)
    for period in calendar.working_periods.all():
        periods[period.weekday].append((period.starts_at, period.ends_at))
    closed = set()
    for closure in calendar.closures.all():
        day = closure.first_day
        while day <= closure.last_day:
            closed.add(day)
            day += timedelta(days=1)
    reviewed = {
        (timezone.localdate(moment), timezone.localtime(moment).hour) for moment in reviewed_at
    }
    weeks: dict = {}
    day = timezone.localdate(start)
    while day <= timezone.localdate(now):
        week = weeks.setdefault(monday_of(day), [0, 0])
        for hour in range(1, 24, 2):
            begins = time(hour)
            moment = timezone.make_aware(datetime.combine(day, begins))
            if moment + timedelta(hours=1) > now or day in closed:
                continue
            if any(first <= begins < last for first, last in periods[day.weekday()]):
                week[0] += 1
                week[1] += (day, hour) in reviewed
        day += timedelta(days=1)
    return weeks


# --- The team lead's week ------------------------------------------------------------------


def due_band(request, now) -> str:
    today = timezone.localdate(now)
    if request.due_at is None:
        return "no_due_time"
    if request.due_at < now:
        return "overdue"
    due_day = timezone.localdate(request.due_at)
    if due_day == today:
        return "today"
    if due_day < monday_of(today) + timedelta(days=7):
        return "this_week"
    return "later"


def team_week(requests, team, now) -> dict:
    """Every team figure for one team, counted from the rows."""
    mine = [r for r in fresh(requests) if r.team_id == team.pk]
    open_ = [r for r in mine if r.status in ServiceRequest.OPEN_STATUSES]
    monday = timezone.make_aware(datetime.combine(monday_of(timezone.localdate(now)), time()))
    load: dict = defaultdict(lambda: [0, 0])
    for request in open_:
        load[request.assignee_id][0] += 1
        load[request.assignee_id][1] += request.due_at is not None and request.due_at < now
    return {
        "due": Counter(due_band(r, now) for r in open_),
        "breaches": Counter(
            target.kind
            for r in mine
            for target in r.targets.all()
            if missed(target, now) and monday <= target.due_at < now
        ),
        "load": dict(load),
        "late_notes": sorted(
            r.number
            for r in open_
            if r.status != ServiceRequest.Status.NEW
            and r.category is not None
            and r.category.needs_planned_completion
            and r.status_note_due_at is not None
            and r.status_note_due_at < now
        ),
    }


# --- Change control ------------------------------------------------------------------------


def change_figures(changes) -> dict:
    rows = [c for c in ChangeRequest.objects.filter(pk__in=[c.pk for c in changes])]
    submitted = [c for c in rows if c.submitted_at is not None]
    by_month_type: Counter = Counter()
    by_month_outcome: Counter = Counter()
    by_type_outcome: Counter = Counter()
    for change in submitted:
        month = timezone.localdate(change.planned_start).replace(day=1)
        by_month_type[(month, change.change_type)] += 1
        by_month_outcome[(month, change.outcome)] += 1
        by_type_outcome[(change.change_type, change.outcome)] += 1
    lead: Counter = Counter()
    overridden: Counter = Counter()
    for change in submitted:
        if change.change_type != ChangeRequest.Type.SCHEDULED:
            continue
        notice = change.planned_start - change.submitted_at
        band = (
            "under_1_week"
            if notice < timedelta(days=7)
            else "1_to_2_weeks"
            if notice < timedelta(days=14)
            else "2_weeks_or_more"
        )
        lead[band] += 1
        overridden[band] += change.lead_time_override_by_id is not None
    outstanding = Counter(
        c.change_type for c in submitted if c.status == ChangeRequest.Status.COMPLETED
    )
    return {
        "month_type": by_month_type,
        "month_outcome": by_month_outcome,
        "type_outcome": by_type_outcome,
        "lead": lead,
        "overridden": overridden,
        "outstanding": outstanding,
    }


# --- Inventory -----------------------------------------------------------------------------


def asset_figures(assets, now) -> dict:
    rows = list(
        Asset.objects.filter(pk__in=[a.pk for a in assets]).select_related(
            "campus", "asset_model__asset_type"
        )
    )
    today = timezone.localdate(now)
    held = {"in_use", "in_storage", "in_repair", "loaner", "pending_pickup"}
    warranty: Counter = Counter()
    for asset in rows:
        if asset.status in held and asset.warranty_end is not None:
            days_left = (asset.warranty_end - today).days
            if 0 <= days_left <= 90:
                band = 0 if days_left <= 30 else 1 if days_left <= 60 else 2
                warranty[(asset.campus.code, band)] += 1
    return {
        "campus_status": Counter((a.campus.code, a.status) for a in rows),
        "type_status": Counter((a.asset_model.asset_type.name, a.status) for a in rows),
        "model": Counter(a.asset_model_id for a in rows),
        "funding": Counter((a.funding, a.budget_code) for a in rows),
        "held_funding": Counter((a.funding, a.budget_code) for a in rows if a.status in held),
        "warranty": warranty,
    }


# --- Technology requests (the Business Office) --------------------------------------------

OPEN_STEPS = (
    "in_review",
    "awaiting_approval",
    "quoting",
    "awaiting_funding",
    "ordered",
    "received",
    "deploying",
)
STEP_BANDS = ((0, 2), (2, 5), (5, 10), (10, 30), (30, None))


def _fresh_technology(requests):
    from districtdesk.acquisitions.models import TechnologyRequest

    return list(
        TechnologyRequest.objects.filter(pk__in=[r.pk for r in requests]).prefetch_related(
            "quotes__lines"
        )
    )


def _quote_total(quote):
    return sum(line.quantity * line.unit_price for line in quote.lines.all())


def _step_band(since: datetime, now: datetime) -> int:
    days = (now - since) / timedelta(days=1)
    for position, (first, last) in enumerate(STEP_BANDS):
        if first <= days and (last is None or days < last):
            return position
    raise AssertionError(days)


def technology_figures(requests, now: datetime, start: datetime, end: datetime) -> dict:
    """Spend per (budget code, funding) of requests funded in [start, end); per open step,
    requests per age band and the oldest entry; requests awaiting funding per age band with
    their lowest quotes; per month funded, the approval-to-funding days."""
    spend: dict = defaultdict(lambda: [0, 0])
    steps: dict = {step: [0] * len(STEP_BANDS) for step in OPEN_STEPS}
    oldest: dict = {}
    funding: dict = defaultdict(lambda: [0, 0])
    took: dict = defaultdict(list)
    for request in _fresh_technology(requests):
        if request.funded_at and start <= request.funded_at < end:
            chosen = next(q for q in request.quotes.all() if q.pk == request.chosen_quote_id)
            cell = spend[(request.budget_code, request.funding)]
            cell[0] += 1
            cell[1] += _quote_total(chosen)
            if request.decided_at:
                month = timezone.localdate(request.funded_at).replace(day=1)
                took[month].append((request.funded_at - request.decided_at) / timedelta(days=1))
        if request.status in OPEN_STEPS:
            band = _step_band(request.status_changed_at, now)
            steps[request.status][band] += 1
            oldest[request.status] = min(
                oldest.get(request.status, request.status_changed_at), request.status_changed_at
            )
            if request.status == "awaiting_funding":
                funding[band][0] += 1
                funding[band][1] += min(_quote_total(q) for q in request.quotes.all())
    return {
        "spend": {key: (n, float(amount)) for key, (n, amount) in spend.items()},
        "steps": steps,
        "oldest": oldest,
        "funding": {band: (n, float(amount)) for band, (n, amount) in funding.items()},
        "took": dict(took),
    }
