"""Route-matrix rows for the service-request REST API (see routes.py)."""

API_ROUTES: dict = {}
