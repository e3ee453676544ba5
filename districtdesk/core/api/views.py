"""Read-only directory endpoints: campuses, rooms, teams, systems and the caller."""

from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema
from rest_framework import viewsets
from rest_framework.decorators import api_view
from rest_framework.request import Request
from rest_framework.response import Response

from districtdesk.core.api.filters import IdFilter
from districtdesk.core.api.serializers import (
    CampusSerializer,
    EnterpriseSystemSerializer,
    MeSerializer,
    RoomSerializer,
    TeamSerializer,
)
from districtdesk.core.models import Campus, EnterpriseSystem, Person, Room, Team


class CampusFilter(filters.FilterSet):
    class Meta:
        model = Campus
        fields = ["kind", "is_active", "code"]


class CampusViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Campus.objects.all()
    serializer_class = CampusSerializer
    filterset_class = CampusFilter


class RoomFilter(filters.FilterSet):
    # By id, not as a model choice: an unknown campus matches no rooms rather than erroring.
    campus = IdFilter(field_name="campus_id")
    campus_code = filters.CharFilter(field_name="campus__code")

    class Meta:
        model = Room
        fields = ["campus", "kind", "is_active"]


class RoomViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Room.objects.all()
    serializer_class = RoomSerializer
    filterset_class = RoomFilter


class TeamViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Team.objects.prefetch_related("campuses")
    serializer_class = TeamSerializer
    filterset_fields = ["kind"]


class EnterpriseSystemViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = EnterpriseSystem.objects.select_related("owner_team").filter(is_active=True)
    serializer_class = EnterpriseSystemSerializer
    filterset_fields = ["is_critical"]


@extend_schema(responses=MeSerializer, summary="The person the request is authenticated as")
@api_view(["GET"])
def me(request: Request) -> Response:
    person = (
        Person.objects.select_related("home_campus", "supervisor")
        .prefetch_related("role_assignments__campus")
        .get(pk=request.user.pk)
    )
    return Response(MeSerializer(person).data)
