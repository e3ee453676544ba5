"""The technology-request pages: the requester's form, my requests and one request's page
with its steps (requests.py), the work queues and the standards (queues.py), the
supervisor's delegations (delegations.py) and the receiving screen (receiving.py)."""
