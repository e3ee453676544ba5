"""Route-matrix rows for the service-request pages (see routes.py)."""

PAGE_ROUTES: dict = {}
