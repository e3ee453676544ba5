"""The shapes of the reports API's answers (read-only; documented in the OpenAPI schema)."""

from rest_framework import serializers


class OutcomesSerializer(serializers.Serializer):
    kind = serializers.CharField(help_text="categorise, acknowledge or resolve")
    met = serializers.IntegerField()
    breached = serializers.IntegerField()
    open_on_time = serializers.IntegerField()
    open_overdue = serializers.IntegerField()
    waiting = serializers.IntegerField(help_text="Open, with the clock stopped (a wait).")
    total = serializers.IntegerField()
    met_percent = serializers.FloatField(
        allow_null=True, help_text="Met as a share of completed targets; null before any."
    )


class CategoryOutcomesSerializer(OutcomesSerializer):
    category = serializers.IntegerField(allow_null=True, help_text="The chart's number.")
    category_name = serializers.CharField(allow_null=True)
    priority = serializers.IntegerField(allow_null=True, help_text="The priority's number.")
    priority_name = serializers.CharField(allow_null=True)


class TeamOutcomesSerializer(OutcomesSerializer):
    team = serializers.CharField(allow_null=True, help_text="The request's current team.")


class CampusOutcomesSerializer(OutcomesSerializer):
    campus_code = serializers.CharField()
    campus_name = serializers.CharField()


class MonthOutcomesSerializer(OutcomesSerializer):
    month = serializers.CharField(help_text="YYYY-MM of submission, in the district's timezone.")


class BandSerializer(serializers.Serializer):
    first_day = serializers.IntegerField()
    last_day = serializers.IntegerField(allow_null=True, help_text="null: no upper end.")
    count = serializers.IntegerField()


class BacklogSerializer(serializers.Serializer):
    by_age = BandSerializer(many=True)
    by_days_overdue = BandSerializer(many=True)


class TimeSpentSerializer(serializers.Serializer):
    category = serializers.IntegerField(allow_null=True)
    category_name = serializers.CharField(allow_null=True)
    requests = serializers.IntegerField()
    working_hours = serializers.FloatField()
    vendor_hours = serializers.FloatField()
    district_hours = serializers.FloatField()
    elapsed_hours = serializers.FloatField()


class SlaReportSerializer(serializers.Serializer):
    counted_at = serializers.DateTimeField()
    targets = OutcomesSerializer(many=True)
    by_category_priority = CategoryOutcomesSerializer(many=True)
    by_team = TeamOutcomesSerializer(many=True)
    by_campus = CampusOutcomesSerializer(many=True)
    by_month = MonthOutcomesSerializer(many=True)
    backlog = BacklogSerializer()
    time_spent = TimeSpentSerializer(many=True)


class UncategorisedSerializer(serializers.Serializer):
    size = serializers.IntegerField()
    oldest_submitted_at = serializers.DateTimeField(allow_null=True)
    oldest_age_minutes = serializers.IntegerField(allow_null=True)


class HourSerializer(serializers.Serializer):
    hour = serializers.IntegerField(help_text="0–23, on the district's wall clock.")
    portal = serializers.IntegerField()
    email = serializers.IntegerField()
    phone = serializers.IntegerField()
    api = serializers.IntegerField()
    total = serializers.IntegerField()


class IntakeReportSerializer(serializers.Serializer):
    counted_at = serializers.DateTimeField()
    uncategorised = UncategorisedSerializer()
    by_hour = HourSerializer(many=True)


class PeriodBreachesSerializer(serializers.Serializer):
    period = serializers.CharField(
        help_text="YYYY-MM (month) or the week's Monday, YYYY-MM-DD, on the district's calendar."
    )
    categorise = serializers.IntegerField()
    acknowledge = serializers.IntegerField()
    resolve = serializers.IntegerField()
    total = serializers.IntegerField()


class WeekReviewsSerializer(serializers.Serializer):
    week_of = serializers.DateField(help_text="The week's Monday.")
    due = serializers.IntegerField(help_text="Odd hours in working time, over by now.")
    done = serializers.IntegerField(help_text="Due hours with a review recorded during them.")
    missed = serializers.IntegerField()
    done_percent = serializers.FloatField(allow_null=True)


class SchoolYearSerializer(serializers.Serializer):
    school_year = serializers.IntegerField(help_text="The year it starts in: 2026 is 2026–27.")
    breaches_by_month = PeriodBreachesSerializer(many=True)
    breaches_by_week = PeriodBreachesSerializer(many=True)
    queue_reviews = WeekReviewsSerializer(many=True)


class SlaReportWithTrendSerializer(SlaReportSerializer):
    school_year = SchoolYearSerializer(
        help_text="Targets missed (breached, or open past due) by due time, and the "
        "uncategorised queue's odd-hour reviews, over the chosen school year."
    )


class TeamDueSerializer(serializers.Serializer):
    team = serializers.CharField()
    overdue = serializers.IntegerField()
    today = serializers.IntegerField(help_text="Due later today.")
    this_week = serializers.IntegerField(help_text="Due after today, before next Monday.")
    later = serializers.IntegerField()
    no_due_time = serializers.IntegerField(help_text="Waiting (clock stopped) or no SLA.")
    total = serializers.IntegerField()


class TeamBreachesSerializer(serializers.Serializer):
    team = serializers.CharField()
    categorise = serializers.IntegerField()
    acknowledge = serializers.IntegerField()
    resolve = serializers.IntegerField()
    total = serializers.IntegerField()


class LoadSerializer(serializers.Serializer):
    assignee = serializers.CharField(allow_null=True, help_text="null: not assigned.")
    open = serializers.IntegerField()
    overdue = serializers.IntegerField()


class LateNoteSerializer(serializers.Serializer):
    number = serializers.CharField()
    team = serializers.CharField(allow_null=True)
    assignee = serializers.CharField(allow_null=True)
    status_note_due_at = serializers.DateTimeField()
    days_late = serializers.IntegerField()


class TeamReportSerializer(serializers.Serializer):
    counted_at = serializers.DateTimeField()
    teams = serializers.ListField(child=serializers.CharField())
    week_of = serializers.DateField(help_text="This week's Monday.")
    open_by_due_time = TeamDueSerializer(many=True)
    breaches_this_week = TeamBreachesSerializer(many=True)
    load = LoadSerializer(many=True)
    late_status_notes = LateNoteSerializer(many=True)


class ChangeMonthSerializer(serializers.Serializer):
    month = serializers.CharField(help_text="YYYY-MM of the planned start.")
    scheduled = serializers.IntegerField()
    emergency = serializers.IntegerField()
    informational = serializers.IntegerField()
    successful = serializers.IntegerField()
    postponed = serializers.IntegerField(help_text="Postponed due to failure.")
    backed_out = serializers.IntegerField(help_text="Failed, backed out.")
    not_completed = serializers.IntegerField()
    total = serializers.IntegerField()
    emergency_percent = serializers.FloatField(allow_null=True)


class ChangeTypeOutcomesSerializer(serializers.Serializer):
    change_type = serializers.CharField()
    completed = serializers.IntegerField()
    successful = serializers.IntegerField()
    postponed = serializers.IntegerField()
    backed_out = serializers.IntegerField()
    successful_percent = serializers.FloatField(allow_null=True)
    postponed_percent = serializers.FloatField(allow_null=True)
    backed_out_percent = serializers.FloatField(allow_null=True)


class LeadBandSerializer(serializers.Serializer):
    band = serializers.ChoiceField(choices=["under_1_week", "1_to_2_weeks", "2_weeks_or_more"])
    changes = serializers.IntegerField()
    overridden = serializers.IntegerField(help_text="With a recorded lead-time override.")


class ReviewsOutstandingSerializer(serializers.Serializer):
    change_type = serializers.CharField()
    count = serializers.IntegerField()
    oldest_completed_at = serializers.DateTimeField(allow_null=True)


class ChangeReportSerializer(serializers.Serializer):
    counted_at = serializers.DateTimeField()
    by_month = ChangeMonthSerializer(many=True)
    by_type = ChangeTypeOutcomesSerializer(many=True)
    lead_time = LeadBandSerializer(many=True)
    reviews_outstanding = ReviewsOutstandingSerializer(many=True)


class StatusCountsSerializer(serializers.Serializer):
    in_use = serializers.IntegerField()
    in_storage = serializers.IntegerField()
    in_repair = serializers.IntegerField()
    loaner = serializers.IntegerField()
    stolen = serializers.IntegerField()
    lost = serializers.IntegerField()
    pending_pickup = serializers.IntegerField()
    disposed = serializers.IntegerField()
    total = serializers.IntegerField()


class CampusAssetsSerializer(StatusCountsSerializer):
    campus = serializers.CharField()


class TypeAssetsSerializer(StatusCountsSerializer):
    asset_type = serializers.CharField()


class ModelAssetsSerializer(StatusCountsSerializer):
    asset_type = serializers.CharField()
    model = serializers.CharField()


class FundingAssetsSerializer(serializers.Serializer):
    funding = serializers.CharField(help_text="bond, non_bond, or empty when not recorded.")
    budget_code = serializers.CharField()
    assets = serializers.IntegerField()
    held = serializers.IntegerField(help_text="Not lost, stolen or disposed.")
    cost = serializers.FloatField(help_text="Sum of recorded costs.")


class WarrantySerializer(serializers.Serializer):
    campus = serializers.CharField()
    days_0_30 = serializers.IntegerField()
    days_31_60 = serializers.IntegerField()
    days_61_90 = serializers.IntegerField()
    total = serializers.IntegerField()


class AuditProgressSerializer(serializers.Serializer):
    campus = serializers.CharField()
    phase = serializers.CharField()
    expected = serializers.IntegerField()
    scanned = serializers.IntegerField()
    open_discrepancies = serializers.IntegerField()


class InventoryReportSerializer(serializers.Serializer):
    counted_at = serializers.DateTimeField()
    by_campus = CampusAssetsSerializer(many=True)
    by_type = TypeAssetsSerializer(many=True)
    by_model = ModelAssetsSerializer(many=True)
    by_funding = FundingAssetsSerializer(many=True)
    warranty_ending = WarrantySerializer(many=True)
    audits = AuditProgressSerializer(many=True)


class SpendSerializer(serializers.Serializer):
    funding = serializers.CharField(help_text="bond or non_bond.")
    budget_code = serializers.CharField()
    requests = serializers.IntegerField(help_text="Requests funded in the window.")
    amount = serializers.FloatField(
        help_text="Ordered: the sum of each request's chosen quote's lines, quantity × unit price."
    )


class AgeBandsSerializer(serializers.Serializer):
    under_2_days = serializers.IntegerField()
    days_2_to_5 = serializers.IntegerField()
    days_5_to_10 = serializers.IntegerField()
    days_10_to_30 = serializers.IntegerField()
    days_30_or_more = serializers.IntegerField()


class StepWaitingSerializer(AgeBandsSerializer):
    status = serializers.ChoiceField(
        choices=[
            "in_review",
            "awaiting_approval",
            "quoting",
            "awaiting_funding",
            "ordered",
            "received",
            "deploying",
        ]
    )
    total = serializers.IntegerField()
    oldest_since = serializers.DateTimeField(
        allow_null=True, help_text="When the longest-waiting request entered this step."
    )
    oldest_days = serializers.IntegerField(allow_null=True, help_text="Whole days since then.")


class FundingBandSerializer(serializers.Serializer):
    band = serializers.ChoiceField(
        choices=["under_2_days", "days_2_to_5", "days_5_to_10", "days_10_to_30", "days_30_or_more"]
    )
    requests = serializers.IntegerField()
    amount = serializers.FloatField(help_text="Each request at its lowest quote.")


class AwaitingFundingSerializer(serializers.Serializer):
    requests = serializers.IntegerField()
    amount = serializers.FloatField(
        help_text="The quoted total of the requests awaiting funding, each at its lowest quote."
    )
    by_age = FundingBandSerializer(many=True)


class MonthMedianSerializer(serializers.Serializer):
    month = serializers.CharField(help_text="YYYY-MM, the month funded (district calendar).")
    funded = serializers.IntegerField(help_text="Approved requests funded that month.")
    median_days = serializers.FloatField(
        allow_null=True,
        help_text="Median days from approval to funding; null in a month with none.",
    )


class BusinessOfficeReportSerializer(serializers.Serializer):
    counted_at = serializers.DateTimeField()
    school_year = serializers.IntegerField(help_text="By the year it starts in.")
    spend = SpendSerializer(many=True)
    waiting_by_step = StepWaitingSerializer(many=True)
    awaiting_funding = AwaitingFundingSerializer()
    approval_to_order = MonthMedianSerializer(many=True)
