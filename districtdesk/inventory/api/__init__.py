"""The inventory REST API: assets (list, read, register, edit, move, status) and moves."""
