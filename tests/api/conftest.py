"""The API's in-process WSGI tests share the test's database connection."""

import pytest


@pytest.fixture(autouse=True)
def _in_process_calls(keep_the_test_connection):
    """Every test here calls the app through WSGI in process (tests/conftest.py)."""
