from rest_framework import serializers

from districtdesk.core.models import Campus, EnterpriseSystem, Person, RoleAssignment, Room, Team


class RoomSerializer(serializers.ModelSerializer):
    class Meta:
        model = Room
        fields = ["id", "campus", "number", "description", "kind", "is_active"]


class CampusSerializer(serializers.ModelSerializer):
    class Meta:
        model = Campus
        fields = ["id", "code", "name", "kind", "address", "phone", "is_active"]


class TeamSerializer(serializers.ModelSerializer):
    class Meta:
        model = Team
        fields = ["id", "code", "name", "kind", "email", "campuses"]


class EnterpriseSystemSerializer(serializers.ModelSerializer):
    owner_team = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = EnterpriseSystem
        fields = ["id", "code", "name", "description", "vendor", "owner_team", "is_critical"]


class RoleAssignmentSerializer(serializers.ModelSerializer):
    campus = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)

    class Meta:
        model = RoleAssignment
        fields = ["role", "campus"]


class MeSerializer(serializers.ModelSerializer):
    roles = RoleAssignmentSerializer(source="role_assignments", many=True, read_only=True)
    home_campus = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    supervisor = serializers.StringRelatedField(allow_null=True)

    class Meta:
        model = Person
        fields = [
            "id",
            "username",
            "first_name",
            "last_name",
            "email",
            "title",
            "language",
            "home_campus",
            "supervisor",
            "roles",
        ]
