"""Calling the service-request API as one person at a pinned time."""

from datetime import datetime

import time_machine
from rest_framework.test import APIClient

from tests.service_requests.builders import local

REQUESTS = "/api/v1/requests/"
TUESDAY_9 = local(2027, 2, 2, 9)


def api(person) -> APIClient:
    client = APIClient()
    client.force_authenticate(user=person)
    return client


def get(person, path: str, params: dict | None = None, *, at: datetime = TUESDAY_9):
    with time_machine.travel(at, tick=False):
        return api(person).get(path, params or {})


def post(person, path: str, data: dict | None = None, *, at: datetime = TUESDAY_9):
    with time_machine.travel(at, tick=False):
        return api(person).post(path, data or {}, format="json")


def patch(person, path: str, data: dict, *, at: datetime = TUESDAY_9):
    with time_machine.travel(at, tick=False):
        return api(person).patch(path, data, format="json")


def step(pk: int, name: str) -> str:
    return f"{REQUESTS}{pk}/{name}/"
