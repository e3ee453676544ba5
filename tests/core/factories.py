"""Rows for tests, built the way the application builds them."""

import factory
from factory.django import DjangoModelFactory

from districtdesk.core.models import (
    Campus,
    Department,
    EnterpriseSystem,
    Person,
    RoleAssignment,
    Room,
    Team,
    TeamMembership,
)

TEST_PASSWORD = "correct horse battery staple"


class CampusFactory(DjangoModelFactory):
    class Meta:
        model = Campus

    code = factory.Sequence(lambda n: f"C{n:03d}")
    name = factory.Sequence(lambda n: f"Campus {n} Elementary")
    kind = Campus.Kind.ELEMENTARY


class RoomFactory(DjangoModelFactory):
    class Meta:
        model = Room

    campus = factory.SubFactory(CampusFactory)
    number = factory.Sequence(lambda n: f"{100 + n}")
    kind = Room.Kind.CLASSROOM


class DepartmentFactory(DjangoModelFactory):
    class Meta:
        model = Department

    code = factory.Sequence(lambda n: f"D{n}")
    name = factory.Sequence(lambda n: f"Department {n}")


class TeamFactory(DjangoModelFactory):
    class Meta:
        model = Team

    code = factory.Sequence(lambda n: f"T{n}")
    name = factory.Sequence(lambda n: f"Team {n}")
    kind = Team.Kind.CAMPUS_TECHNICIANS


class PersonFactory(DjangoModelFactory):
    class Meta:
        model = Person
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"person{n}")
    first_name = factory.Sequence(lambda n: f"First{n}")
    last_name = factory.Sequence(lambda n: f"Last{n}")
    email = factory.LazyAttribute(lambda p: f"{p.username}@district.example")
    password = factory.django.Password(TEST_PASSWORD)

    @factory.post_generation
    def roles(self, create: bool, extracted: list | None, **kwargs) -> None:
        """PersonFactory(roles=["technician", ("principal", campus)])."""
        for role in extracted or []:
            role_code, campus = role if isinstance(role, tuple) else (role, None)
            RoleAssignment.objects.create(person=self, role=role_code, campus=campus)


class TeamMembershipFactory(DjangoModelFactory):
    class Meta:
        model = TeamMembership

    team = factory.SubFactory(TeamFactory)
    person = factory.SubFactory(PersonFactory)


class EnterpriseSystemFactory(DjangoModelFactory):
    class Meta:
        model = EnterpriseSystem

    code = factory.Sequence(lambda n: f"system-{n}")
    name = factory.Sequence(lambda n: f"System {n}")
    owner_team = factory.SubFactory(TeamFactory)
