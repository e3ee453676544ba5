"""The API's in-process WSGI tests share the test's database connection."""

import pytest
from django.core.signals import request_finished, request_started
from django.db import close_old_connections


@pytest.fixture(autouse=True)
def keep_the_test_connection():
    """As Django's test client does: an in-process WSGI call must not close the connection
    that holds the test's transaction (on PostgreSQL it would; SQLite's in-memory one stays)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)
