"""The vocabulary of the route matrix (tests/test_route_matrix.py), shared by every app's
tests/<app>/routes.py."""

from districtdesk.core.models import Role

ANONYMOUS = "anonymous"
SIGNED_IN = list(Role)
EVERYONE = [ANONYMOUS, *SIGNED_IN]


def answers(anonymous: int, signed_in: int, **by_role: int) -> dict[str, int]:
    """The status each caller expects: anonymous, every signed-in role, then exceptions."""
    table = {ANONYMOUS: anonymous, **dict.fromkeys(SIGNED_IN, signed_in)}
    table.update(by_role)
    return table
