"""Every write to a service request: intake (submission) and working it (every later step)."""
