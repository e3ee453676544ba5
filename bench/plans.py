"""Reading the database's side of a measured page: which of its queries is slowest, and
the plan PostgreSQL runs it with. Needs Django set up by the calling benchmark."""

import time

from django.db import connection
from django.test.utils import CaptureQueriesContext


def slowest_query(captured: CaptureQueriesContext) -> tuple[str, float, float]:
    """The captured SELECT that takes longest when run again (best of two), its time and
    the time of all the captured SELECTs together."""
    slowest, slowest_ms, total_ms = "", -1.0, 0.0
    with connection.cursor() as cursor:
        for query in captured.captured_queries:
            sql = query["sql"]
            if not sql.lstrip().upper().startswith(("SELECT", "WITH")):
                continue
            timings = []
            for _ in range(2):
                started = time.perf_counter()
                cursor.execute(sql)
                cursor.fetchall()
                timings.append((time.perf_counter() - started) * 1000)
            total_ms += min(timings)
            if min(timings) > slowest_ms:
                slowest, slowest_ms = sql, min(timings)
    return slowest, slowest_ms, total_ms


def explain(title: str, sql: str) -> None:
    print(f"\n=== {title}\n{sql}\n")
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}")
        for (line,) in cursor.fetchall():
            print(line)
