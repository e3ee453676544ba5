"""Settings from the environment fail loudly on values they cannot read."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from districtdesk.environment import env_bool, env_choice, env_int, env_list, env_str


def test_a_missing_required_variable_names_itself(monkeypatch):
    monkeypatch.delenv("DD_TEST_SECRET", raising=False)

    with pytest.raises(ImproperlyConfigured, match="DD_TEST_SECRET"):
        env_str("DD_TEST_SECRET")


@pytest.mark.parametrize(
    ("raw", "expected"), [("1", True), ("TRUE", True), ("off", False), ("", False)]
)
def test_booleans_accept_the_usual_spellings(monkeypatch, raw, expected):
    monkeypatch.setenv("DD_TEST_FLAG", raw)

    assert env_bool("DD_TEST_FLAG", default=not expected) is expected


def test_a_misspelt_boolean_stops_start_up(monkeypatch):
    monkeypatch.setenv("DD_TEST_FLAG", "ture")

    with pytest.raises(ImproperlyConfigured, match="DD_TEST_FLAG must be true or false"):
        env_bool("DD_TEST_FLAG", default=False)


def test_numbers_and_lists(monkeypatch):
    monkeypatch.setenv("DD_TEST_NUMBER", "12")
    monkeypatch.setenv("DD_TEST_LIST", " a.example, b.example ,,")

    assert env_int("DD_TEST_NUMBER", 0) == 12
    assert env_list("DD_TEST_LIST", []) == ["a.example", "b.example"]


def test_a_bad_number_or_choice_is_refused(monkeypatch):
    monkeypatch.setenv("DD_TEST_NUMBER", "twelve")
    monkeypatch.setenv("DD_TEST_CHOICE", "staging")

    with pytest.raises(ImproperlyConfigured, match="whole number"):
        env_int("DD_TEST_NUMBER", 0)
    with pytest.raises(ImproperlyConfigured, match="one of development, production"):
        env_choice("DD_TEST_CHOICE", "development", ("development", "production"))


def test_defaults_apply_when_unset(monkeypatch):
    monkeypatch.delenv("DD_TEST_UNSET", raising=False)

    assert env_str("DD_TEST_UNSET", "fallback") == "fallback"
    assert env_int("DD_TEST_UNSET", 7) == 7
    assert env_list("DD_TEST_UNSET", ["x"]) == ["x"]
