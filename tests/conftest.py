"""Shared test set-up: a fast password hasher, and no network beyond loopback."""

import pytest


@pytest.fixture(autouse=True)
def fast_password_hasher(settings):
    # Argon2 is deliberately slow; tests that check it ask for it by name.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
