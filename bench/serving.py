"""Serving DistrictDesk with gunicorn on loopback and loading one address with ApacheBench,
for the benchmarks in this directory."""

import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_gunicorn(workers: int, log: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "districtdesk.wsgi",
        "--workers",
        str(workers),
        "--bind",
        f"127.0.0.1:{port}",
        "--log-level",
        "warning",
    ]
    with log.open("w") as output:
        # Its own session: Ctrl-C reaches this script, which then stops the server itself.
        server = subprocess.Popen(  # noqa: S603 - our own interpreter, fixed arguments
            command, cwd=ROOT, stdout=output, stderr=subprocess.STDOUT, start_new_session=True
        )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"gunicorn exited ({server.returncode}):\n{log.read_text()}")
        try:
            with urllib.request.urlopen(f"{base}/health/", timeout=2) as answer:  # noqa: S310
                if answer.status == 200:
                    return server, base
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.3)
    stop_gunicorn(server)
    raise SystemExit(f"gunicorn did not answer /health/ within a minute:\n{log.read_text()}")


def stop_gunicorn(server: subprocess.Popen) -> None:
    if server.poll() is not None:
        return
    server.terminate()  # gunicorn's graceful stop: workers finish their request
    try:
        server.wait(timeout=20)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def run_ab(
    url: str,
    *,
    label: str,
    headers: list[str],
    requests: int,
    concurrency: int,
    method: str = "GET",
    body: str = "",
    content_type: str = "",
    expected: int = 200,
) -> dict:
    """ab's figures for `requests` calls; exits unless every answer was `expected`."""
    command = ["ab", "-q", "-l", "-s", "120", "-n", str(requests), "-c", str(concurrency)]
    for header in headers:
        command += ["-H", header]
    with tempfile.NamedTemporaryFile("w", suffix=".body") as posted:
        if method == "POST":
            posted.write(body)
            posted.flush()
            command += ["-p", posted.name, "-T", content_type]
        command.append(url)
        finished = subprocess.run(  # noqa: S603 - ab, our own arguments, no shell
            command, capture_output=True, text=True, check=False
        )
    output = finished.stdout

    def number(pattern: str, default: str | None = None) -> float:
        found = re.search(pattern, output, re.MULTILINE)
        if found is None:
            if default is not None:
                return float(default)
            raise SystemExit(
                f"{label}: ab gave no {pattern!r} (exit {finished.returncode}):\n"
                f"{output}\n{finished.stderr}"
            )
        return float(found.group(1))

    result = {
        "complete": int(number(r"^Complete requests:\s+(\d+)")),
        "failed": int(number(r"^Failed requests:\s+(\d+)")),
        "non_2xx": int(number(r"^Non-2xx responses:\s+(\d+)", "0")),
        "rps": number(r"^Requests per second:\s+([\d.]+)"),
        "p50": number(r"^\s+50%\s+(\d+)"),
        "p95": number(r"^\s+95%\s+(\d+)"),
    }
    # Every answer must be the expected one: a redirect to sign-in or an error page would
    # be timed as if it were the page.
    wanted_non_2xx = requests if not 200 <= expected < 300 else 0
    if (
        finished.returncode
        or result["complete"] != requests
        or result["failed"]
        or result["non_2xx"] != wanted_non_2xx
    ):
        raise SystemExit(
            f"{label}: {result['non_2xx']} non-2xx and {result['failed']} failed "
            f"answers out of {result['complete']} (expected every one {expected}); "
            f"ab exit {finished.returncode}:\n{output}\n{finished.stderr}"
        )
    return result
