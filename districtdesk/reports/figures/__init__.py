"""The dashboards' figures. Each is a function of (viewer, filters, now) that returns plain
data, counted by the database with aggregate queries: the same few queries at any size,
never a loop over requests. Every figure starts from the requests the viewer may see.
What each figure means is written down in docs/reports.md."""
