"""Security defaults: headers, CSP, sign-in throttling, password hashing, production settings."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth.hashers import make_password
from django.test import Client
from django.urls import reverse

from districtdesk.core.models import Person, Role
from tests.cast import build_district
from tests.core.factories import TEST_PASSWORD, PersonFactory

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


def test_every_page_sends_a_strict_content_security_policy(client):
    response = client.get(reverse("login"))

    policy = response["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
    assert "'unsafe-inline'" not in directives["script-src"]
    assert "'nonce-" in directives["script-src"]
    assert directives["frame-ancestors"] == "'none'"
    assert directives["default-src"] == "'self'"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"


def test_the_script_tag_carries_the_policy_nonce(client):
    response = client.get(reverse("login"))

    nonce = response["Content-Security-Policy"].split("'nonce-")[1].split("'")[0]
    assert f'nonce="{nonce}"' in response.content.decode()


def test_five_wrong_passwords_lock_that_username_from_that_address_only(client, settings):
    settings.AXES_FAILURE_LIMIT = 5
    build_district()
    for _ in range(5):
        client.post(reverse("login"), {"username": "requester", "password": "wrong"})

    locked = client.post(reverse("login"), {"username": "requester", "password": TEST_PASSWORD})
    colleague = client.post(reverse("login"), {"username": "technician", "password": TEST_PASSWORD})

    assert locked.status_code == 429
    assert "Too many sign-in attempts" in locked.content.decode()
    assert colleague.status_code == 302  # the same campus address still signs others in


def test_new_passwords_are_hashed_with_argon2id(settings):
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.Argon2PasswordHasher",
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    ]
    person = PersonFactory()

    assert person.password.startswith("argon2$argon2id$")


def test_an_old_pbkdf2_hash_is_upgraded_at_the_next_sign_in(client, settings):
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.Argon2PasswordHasher",
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    ]
    person = PersonFactory()
    Person.objects.filter(pk=person.pk).update(
        password=make_password(TEST_PASSWORD, hasher="pbkdf2_sha256")
    )

    response = client.post(
        reverse("login"), {"username": person.username, "password": TEST_PASSWORD}
    )

    assert response.status_code == 302
    person.refresh_from_db()
    assert person.password.startswith("argon2$argon2id$")


def test_signing_out_needs_a_post_with_a_csrf_token():
    client = Client(enforce_csrf_checks=True)
    person = PersonFactory(roles=[Role.TECHNICIAN])
    client.force_login(person)

    response = client.post(reverse("logout"))

    assert response.status_code == 403
    assert client.get(reverse("home")).status_code == 200


def test_production_settings_pass_the_deployment_check():
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DISTRICTDESK_ENV": "production",
        "DJANGO_SECRET_KEY": "x" * 20 + "a-long-random-production-secret-for-the-check-0123456789",
        "DJANGO_ALLOWED_HOSTS": "desk.district.example",
    }

    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_to_start_without_a_secret_key():
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SECRET_KEY"}
    env["DISTRICTDESK_ENV"] = "production"

    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode != 0
    assert "Set the environment variable DJANGO_SECRET_KEY." in result.stderr
