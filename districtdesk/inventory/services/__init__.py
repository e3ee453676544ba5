"""Every change to an asset: registration and edits (registration.py), moves and status
changes (movement.py), and CSV imports (importing.py)."""
