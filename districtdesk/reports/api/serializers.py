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
