"""Shared test set-up: a fast password hasher, a media folder per test, and no network
beyond loopback."""

import pytest
from django.core.signals import request_finished, request_started
from django.db import close_old_connections


@pytest.fixture(autouse=True)
def fast_password_hasher(settings):
    # Argon2 is deliberately slow; tests that check it ask for it by name.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploaded files go to the test's own folder, never to the project's."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def keep_the_test_connection():
    """As Django's test client does: an in-process WSGI call (schemathesis, werkzeug) must
    not close the connection that holds the test's transaction (on PostgreSQL it would;
    SQLite's in-memory one stays)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)
