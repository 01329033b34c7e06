"""What bench/web.py and bench/load.py share: a fresh data directory with cases and a
signed-in user, ``amparo serve`` on a free loopback port, a keep-alive HTTP client
whose every request is bounded by a timeout, and the percentiles they print.

Every request goes to 127.0.0.1 only.
"""

from __future__ import annotations

import argparse
import http.client
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
STORIES = sorted((ROOT / "examples" / "stories").glob("*.yaml"))
HOST = "127.0.0.1"
TIMEOUT = 30.0  # seconds: a request that takes longer counts as an error


@dataclass
class Prepared:
    """What the users need: their cookies, the case ids and what the filters offer."""

    cookie: str
    csrf: str
    ids: list[int]
    outcomes: list[str] = field(default_factory=list)
    offices: list[str] = field(default_factory=list)
    references: list[str] = field(default_factory=list)
    pseudonyms: list[str] = field(default_factory=list)


def prepare(cases: int, role: str = "paralegal") -> Prepared:
    """Migrate the database of ``AMPARO_DATA_DIR``, create one organization, one user
    and ``cases`` cases (from the example stories, each with its own reference), and
    a session for that user. The vault secrets are made in batches (one durable
    vault write per 1,000 cases, not one per case)."""
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
    from django.utils.crypto import get_random_string

    import amparo
    from amparo_web.accounts.models import Membership, Organization
    from amparo_web.cases import store
    from amparo_web.cases.models import Case

    call_command("migrate", interactive=False, verbosity=0)
    org = Organization.objects.create(name="Bench office")
    user = get_user_model().objects.create_user("bench", password=None)
    Membership.objects.create(user=user, organization=org, role=role)
    texts = [p.read_text(encoding="utf-8") for p in STORIES]
    parsed = [amparo.parse_case(t, "story.yaml") for t in texts]
    started = time.perf_counter()
    ids: list[int] = []
    references: list[str] = []
    with transaction.atomic():
        for start in range(0, cases, 1000):
            rows = store.new_rows(org, min(1000, cases - start))
            for i, row in enumerate(rows, start):
                k = i % len(texts)
                reference = f"BENCH-{i:05d}"
                text = texts[k].replace(f"id: {parsed[k].id}", f"id: {reference}", 1)
                store.write(row, text, amparo.parse_case(text, "bench.yaml"))
                references.append(reference)
            Case.objects.bulk_create(rows, batch_size=500)
            ids.extend(row.pk for row in rows)
    print(f"Loaded {cases} cases in {time.perf_counter() - started:.1f} s.")
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    # The CSRF cookie holds a 32-character secret; the same secret in the
    # X-CSRFToken header passes Django's check (plain HTTP: no Referer check).
    csrf = get_random_string(32)
    cases_ = Case.objects.filter(organization=org)
    return Prepared(
        cookie=f"sessionid={session.session_key}; csrftoken={csrf}",
        csrf=csrf,
        ids=ids,
        outcomes=sorted(
            set(cases_.exclude(outcome="").values_list("outcome", flat=True))
        ),
        offices=sorted(set(cases_.exclude(office="").values_list("office", flat=True))),
        references=references,
        pseudonyms=sorted(
            {c.person.pseudonym for c in parsed if c.person and c.person.pseudonym}
        ),
    )


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


@contextmanager
def serving(*options: str, log: Path | None = None) -> Iterator[int]:
    """``amparo serve`` on a free loopback port over ``AMPARO_DATA_DIR``; yields the port."""
    port = free_port()
    out = open(log, "wb") if log is not None else subprocess.DEVNULL  # noqa: SIM115
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "amparo",
            "serve",
            "--host",
            HOST,
            "--port",
            str(port),
            *options,
        ],
        stdout=out,
        stderr=subprocess.STDOUT,
    )
    try:
        _wait_until_up(port, server)
        yield port
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=30)
        if log is not None:
            out.close()  # type: ignore[union-attr]


def _wait_until_up(
    port: int, server: subprocess.Popen[bytes], timeout: float = 120
) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit("the server stopped before it served")
        try:
            conn = http.client.HTTPConnection(HOST, port, timeout=5)
            conn.request("GET", "/accounts/login/")
            conn.getresponse().read()
            conn.close()
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("the server did not start")


@dataclass
class Answer:
    status: int  # 0: no answer (timeout, connection error)
    seconds: float
    body: bytes = b""
    error: str = ""

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 400


class Client:
    """One user's keep-alive connection, signed in; reconnects after an error."""

    def __init__(self, port: int, prepared: Prepared) -> None:
        self.port = port
        self.prepared = prepared
        self.conn: http.client.HTTPConnection | None = None

    def get(self, path: str, query: Mapping[str, str] | None = None) -> Answer:
        if query:
            path = f"{path}?{urllib.parse.urlencode(query)}"
        return self._request("GET", path)

    def post(self, path: str, form: list[tuple[str, str]]) -> Answer:
        return self._request("POST", path, urllib.parse.urlencode(form).encode())

    def _request(self, method: str, path: str, body: bytes | None = None) -> Answer:
        headers = {"Cookie": self.prepared.cookie}
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["X-CSRFToken"] = self.prepared.csrf
        started = time.perf_counter()
        for attempt in (1, 2):
            reused = self.conn is not None
            try:
                if self.conn is None:
                    self.conn = http.client.HTTPConnection(
                        HOST, self.port, timeout=TIMEOUT
                    )
                self.conn.request(method, path, body=body, headers=headers)
                response = self.conn.getresponse()
                data = response.read()
                break
            except (OSError, http.client.HTTPException) as e:
                self.close()
                # The server closed an idle keep-alive connection before this request
                # reached it: a browser sends it again on a new connection, once.
                stale = isinstance(
                    e,
                    (
                        http.client.RemoteDisconnected,
                        ConnectionResetError,
                        BrokenPipeError,
                    ),
                )
                if reused and stale and attempt == 1:
                    continue
                kind = "timeout" if isinstance(e, TimeoutError) else type(e).__name__
                return Answer(0, time.perf_counter() - started, error=kind)
        answer = Answer(response.status, time.perf_counter() - started, data)
        if response.will_close:
            self.close()
        if not answer.ok:
            answer.error = f"HTTP {answer.status}"
        return answer

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None


class _FormFields(HTMLParser):
    """The fields a browser would submit from the page's first form of ``css_class``."""

    def __init__(self, css_class: str) -> None:
        super().__init__()
        self.css_class = css_class
        self.inside = False
        self.done = False
        self.fields: list[tuple[str, str]] = []
        self.select: str | None = None
        self.options: list[tuple[str, bool]] = []
        self.textarea: str | None = None
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if (
            tag == "form"
            and not self.done
            and self.css_class in a.get("class", "").split()
        ):
            self.inside = True
        if not self.inside:
            return
        name = a.get("name", "")
        if tag == "input" and name:
            kind = a.get("type", "text")
            if kind in ("submit", "button", "image", "file", "reset"):
                return
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            self.fields.append(
                (name, a.get("value", "on" if kind == "checkbox" else ""))
            )
        elif tag == "select" and name:
            self.select, self.options = name, []
        elif tag == "option" and self.select is not None:
            self.options.append((a.get("value", ""), "selected" in a))
        elif tag == "textarea" and name:
            self.textarea, self.text = name, []

    def handle_data(self, data: str) -> None:
        if self.textarea is not None:
            self.text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if not self.inside:
            return
        if tag == "select" and self.select is not None:
            chosen = [v for v, selected in self.options if selected] or [
                v for v, _ in self.options[:1]
            ]
            self.fields.extend((self.select, v) for v in chosen)
            self.select = None
        elif tag == "textarea" and self.textarea is not None:
            self.fields.append((self.textarea, "".join(self.text).removeprefix("\n")))
            self.textarea = None
        elif tag == "form":
            self.inside, self.done = False, True


def form_fields(html: bytes, css_class: str) -> list[tuple[str, str]]:
    parser = _FormFields(css_class)
    parser.feed(html.decode("utf-8", "replace"))
    return parser.fields


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0-100) of a non-empty list."""
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered), round(len(ordered) * q / 100)) - 1)]


def report(
    title: str, times: Mapping[str, list[float]], *, overall: bool = False
) -> None:
    """p50, p95 and max in milliseconds per kind of request (and over all of them)."""
    print(title)
    rows = dict(times)
    if overall:
        rows["overall"] = [v for values in times.values() for v in values]
    width = max(len(name) for name in rows)
    for name, values in rows.items():
        if not values:
            print(f"  {name:{width}}  no requests")
            continue
        ms = [v * 1000 for v in values]
        print(
            f"  {name:{width}}  p50 {percentile(ms, 50):7.1f} ms   p95 {percentile(ms, 95):7.1f} ms"
            f"   max {max(ms):7.1f} ms   ({len(ms)} requests)"
        )


def add_server_options(parser: argparse.ArgumentParser, think: str) -> None:
    """The options every load benchmark takes: think time, workers, threads."""
    parser.add_argument(
        "--think", default=think, help="seconds between requests, MIN-MAX; 0: none"
    )
    parser.add_argument(
        "--workers",
        type=int,
        default=None,
        help="server processes (default: amparo serve's, two per core)",
    )
    parser.add_argument(
        "--threads",
        type=int,
        default=None,
        help="threads per process (default: amparo serve's, 2)",
    )


def server_description(args: argparse.Namespace) -> str:
    """``amparo serve (4 worker process(es) x 2 threads)``, as the options ask (POSIX)."""
    from amparo_web.server import GUNICORN_THREADS

    workers = (
        f"{args.workers} worker process(es)"
        if args.workers
        else "two worker processes per core"
    )
    return f"amparo serve ({workers} x {args.threads or GUNICORN_THREADS} threads)"


@contextmanager
def bench_server(
    args: argparse.Namespace, prefix: str
) -> Iterator[tuple[int, Prepared, Path]]:
    """A fresh data directory with ``args.cases`` cases, and ``amparo serve`` on it as
    the options ask: yields the port, what the users need, and the server's log."""
    with tempfile.TemporaryDirectory(prefix=prefix) as data:
        os.environ["AMPARO_DATA_DIR"] = data
        prepared = prepare(args.cases)
        log = Path(data) / "server.log"
        with serving(*server_options(args), log=log) as port:
            yield port, prepared, log


def think_range(text: str) -> tuple[float, float]:
    """'0.5-1.5' -> (0.5, 1.5); '3' -> (3, 3)."""
    low, _, high = text.partition("-")
    return float(low), float(high or low)


def server_options(args: argparse.Namespace) -> list[str]:
    """The ``amparo serve`` options the parsed arguments ask for."""
    options = []
    if args.threads is not None:
        options += ["--threads", str(args.threads)]
    if args.workers is not None:
        options += ["--workers", str(args.workers)]
    return options
