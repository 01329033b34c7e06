"""Benchmark: the web app under load on loopback, with 10,000 cases in SQLite.

Starts `amparo serve` (waitress) on a free loopback port over a fresh data
directory, then 20 concurrent users (threads, one keep-alive connection each)
request the case list, an assessment page and an intake step. Prints p50 and p95
per page; never fails. Goal (issue 6): p95 under 150 ms.

Two runs, printed separately and labelled:

1. closed loop: each user sends its next request as soon as the last one is answered
   (no think time). 20 such users are a stress test, far more than 20 people.
2. with think time: each user pauses a random 0.5-1.5 s between requests, as a
   person clicking through the app does (``--think``; ``--think 0`` skips this run).

    .venv/bin/python bench/web.py [--cases 10000] [--users 20] [--rounds 25]
        [--think-rounds 10] [--think 0.5-1.5] [--threads 8]

Every request goes to 127.0.0.1 only; the number of requests is bounded.

Reading the closed-loop figure: one waitress process runs Python on one core at a
time (the GIL), so with 20 users always waiting its p95 is roughly 20 x the time of
one request (about 15-20 ms, most of it Django template rendering), whatever the
thread count (``--threads 4`` and ``8`` measure alike). Two processes sharing the
listening socket roughly halve it on two cores; waitress has no worker processes of
its own, so that needs a small pre-fork in ``amparo serve`` (not built yet).
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
STORIES = sorted((ROOT / "examples" / "stories").glob("*.yaml"))


def prepare(cases: int) -> tuple[str, list[int]]:
    """Migrate, create one user and ``cases`` cases; returns a session cookie and case ids."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "amparo_web.settings")
    django.setup()
    from django.contrib.auth import (
        BACKEND_SESSION_KEY,
        HASH_SESSION_KEY,
        SESSION_KEY,
        get_user_model,
    )
    from django.contrib.sessions.backends.db import SessionStore
    from django.core.management import call_command
    from django.db import transaction

    import amparo
    from amparo_web.accounts.models import Membership, Organization
    from amparo_web.cases import store

    call_command("migrate", interactive=False, verbosity=0)
    org = Organization.objects.create(name="Bench office")
    user = get_user_model().objects.create_user("bench", password=None)
    Membership.objects.create(user=user, organization=org, role="paralegal")
    texts = [p.read_text(encoding="utf-8") for p in STORIES]
    parsed = [amparo.parse_case(t, "story.yaml") for t in texts]
    started = time.perf_counter()
    ids = []
    with transaction.atomic():
        for i in range(cases):
            k = i % len(texts)
            text = texts[k].replace(f"id: {parsed[k].id}", f"id: BENCH-{i:05d}", 1)
            case = amparo.parse_case(text, "bench.yaml")
            row = store.new_row(org)
            store.write(row, text, case)
            row.save()
            ids.append(row.pk)
    print(f"Loaded {cases} cases in {time.perf_counter() - started:.1f} s.")
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return f"sessionid={session.session_key}", ids


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_until_up(port: int, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("the server did not start")


def load(
    port: int,
    cookie: str,
    ids: list[int],
    users: int,
    rounds: int,
    think: tuple[float, float] = (0.0, 0.0),
) -> dict[str, list[float]]:
    pages = {
        "case list": lambda: "/cases/",
        "assessment": lambda: f"/cases/{random.choice(ids)}/",
        "intake step": lambda: f"/cases/{random.choice(ids)}/intake/person/",
    }
    times: dict[str, list[float]] = {name: [] for name in pages}
    lock = threading.Lock()
    errors: list[str] = []

    def user() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        for _ in range(rounds):
            for name, path in pages.items():
                if think[1] > 0:
                    # Before each request, the first too: people do not all click at once.
                    time.sleep(random.uniform(*think))  # not part of the measured time
                started = time.perf_counter()
                conn.request("GET", path(), headers={"Cookie": cookie})
                response = conn.getresponse()
                response.read()
                took = time.perf_counter() - started
                with lock:
                    times[name].append(took)
                    if response.status != 200:
                        errors.append(f"{name}: {response.status}")
        conn.close()

    threads = [threading.Thread(target=user) for _ in range(users)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if errors:
        print(f"{len(errors)} requests failed, e.g. {errors[0]}")
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=25)
    parser.add_argument("--think-rounds", type=int, default=10)
    parser.add_argument(
        "--think", default="0.5-1.5", help="seconds between requests, MIN-MAX; 0 skips"
    )
    parser.add_argument("--threads", type=int, default=8, help="waitress threads")
    args = parser.parse_args()
    low, _, high = args.think.partition("-")
    think = (float(low), float(high or low))
    with tempfile.TemporaryDirectory(prefix="amparo-bench-") as data:
        os.environ["AMPARO_DATA_DIR"] = data
        cookie, ids = prepare(args.cases)
        port = free_port()
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "amparo",
                "serve",
                "--port",
                str(port),
                "--threads",
                str(args.threads),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            wait_until_up(port)
            load(port, cookie, ids, 2, 2)  # warm: templates, frameworks, connections
            closed = load(port, cookie, ids, args.users, args.rounds)
            paced = (
                load(port, cookie, ids, args.users, args.think_rounds, think)
                if think[1] > 0
                else None
            )
        finally:
            server.terminate()
            server.wait(timeout=30)
    where = (
        f"{args.cases} cases in SQLite, waitress ({args.threads} threads) on loopback"
    )
    report(
        f"{args.users} concurrent users, closed loop (no think time), {where}:", closed
    )
    if paced is not None:
        report(
            f"{args.users} concurrent users, think time {think[0]}-{think[1]} s "
            f"between requests, {where}:",
            paced,
        )


def report(title: str, times: dict[str, list[float]]) -> None:
    print(title)
    for name, values in times.items():
        ms = sorted(v * 1000 for v in values)
        p95 = ms[max(0, round(len(ms) * 0.95) - 1)]
        print(
            f"  {name:12}  p50 {statistics.median(ms):7.1f} ms   p95 {p95:7.1f} ms   ({len(ms)} requests)"
        )


if __name__ == "__main__":
    main()
