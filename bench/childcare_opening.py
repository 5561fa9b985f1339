"""Benchmark: the opening minute of a childcare period, against the stack `girou up` starts.

2,500 families (accounts, children and API tokens created beforehand through the API) ask for
places in a first-come period of 300 places, 200 connections at once, the moment it opens.
Reported: requests/s, p50/p95/p99 latency, 5xx count, requests lost, places taken vs capacity,
waiting-list count, the alerts to the secretariat room (outbox rows sent or digested) and how
long after the last answer the last one was delivered. Baseline, measured in the same run on
the same database: a minimal gunicorn endpoint (same workers) that only inserts a row.

Targets (issue 5, this 2-core machine): no 5xx, no request lost, capacity never exceeded,
p95 < 1 s, every alert delivered (digested if needed) within 60 s.

The set-up's account mails are marked as sent before the opening (accounts are made days
before); the opening's own receipts and alerts are delivered during and after it, as on the day.

    python bench/childcare_opening.py [--database sqlite|postgresql|both] [--families 2500]
                                      [--workers N]
"""

from __future__ import annotations

import argparse
import datetime as dt
import errno
import json
import os
import random
import selectors
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit

import httpx

ROOT = Path(__file__).resolve().parent.parent
# This script's own folder first on sys.path would let bench/*.py shadow the packages.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench"]
sys.path.insert(0, str(ROOT / "tests"))

from conftest import PG_ADMIN_URL, TZ, free_port, make_settings  # noqa: E402
from sqlalchemy import func, select, update  # noqa: E402

from collab import config, db  # noqa: E402
from collab.outbox import DIGESTED, PENDING, SENT, OutboxMessage  # noqa: E402
from collab.supervisor import settings_environment  # noqa: E402
from collab.territory import load_territory  # noqa: E402
from portal.mail import QueuedMail  # noqa: E402

CONCURRENCY = 200
SESSIONS, PLACES_PER_SESSION = 6, 50  # 300 places
PASSWORD = "mot-de-passe-du-banc"
DELIVERY_TIMEOUT_S = 180


# --- the baseline: gunicorn, the same workers, one INSERT per request -----------------------
def _baseline_app():
    """The WSGI app of the baseline (gunicorn imports this module with BENCH_BASELINE_URL)."""
    from flask import Flask, jsonify
    from sqlalchemy import text

    engine = db.make_engine(os.environ["BENCH_BASELINE_URL"])
    app = Flask("baseline")

    @app.post("/rows")
    def insert_row():
        with engine.begin() as connection:
            row_id = connection.execute(
                text("INSERT INTO bench_rows (payload) VALUES (:p) RETURNING id"),
                {"p": uuid.uuid4().hex},
            ).scalar_one()
        return jsonify(id=row_id), 201

    return app


baseline_app = _baseline_app() if os.environ.get("BENCH_BASELINE_URL") else None


def percentile(values: list[float], pct: int) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[pct - 1]


def latency_summary(seconds: list[float]) -> dict[str, float]:
    ms = [s * 1000 for s in seconds]
    return {
        "p50_ms": round(percentile(ms, 50), 1),
        "p95_ms": round(percentile(ms, 95), 1),
        "p99_ms": round(percentile(ms, 99), 1),
        "max_ms": round(max(ms), 1),
    }


class Exchange:
    """One request on its own connection, from connect to the server's close."""

    __slots__ = ("index", "sock", "unsent", "chunks", "started")


def encode(request: dict) -> tuple[tuple[str, int], bytes]:
    """The address and bytes of an HTTP/1.1 request (gunicorn's sync workers close anyway)."""
    parsed = urlsplit(request["url"])
    body = b"" if request.get("json") is None else json.dumps(request["json"]).encode()
    lines = [
        f"{request['method']} {parsed.path}{'?' + parsed.query if parsed.query else ''} HTTP/1.1",
        f"Host: {parsed.netloc}",
        "Connection: close",
        f"Content-Length: {len(body)}",
    ]
    if request.get("json") is not None:
        lines.append("Content-Type: application/json")
    lines += [f"{name}: {value}" for name, value in (request.get("headers") or {}).items()]
    return (parsed.hostname, parsed.port), ("\r\n".join(lines) + "\r\n\r\n").encode() + body


def decode(raw: bytes) -> tuple[int, dict | None]:
    """(status, JSON body or None) of a whole response; status 0 if it is not HTTP."""
    head, _, payload = raw.partition(b"\r\n\r\n")
    try:
        status = int(head.split(b" ", 2)[1])
    except (IndexError, ValueError):
        return 0, None
    try:
        return status, json.loads(payload) if payload else None
    except ValueError:
        return status, None


def fire(
    requests: list[dict], concurrency: int, timeout: float = 120
) -> tuple[float, list[tuple[int, float, dict | None]]]:
    """Send every request, `concurrency` connections at once; (wall seconds, [(status,
    seconds, body)]) in the requests' order, status 0 for a request that got no answer.

    A lean client on purpose: on this 2-core machine the load generator shares the CPU with
    the stack. One thread, non-blocking sockets and epoll: about 0.5 ms of CPU a request,
    system calls included (asyncio streams cost 1.2 ms, httpx 2.5). A connection is closed
    the moment the server's end arrives: gunicorn's sync worker waits for that close before
    its next request.
    """
    encoded = [encode(request) for request in requests]
    results: list = [None] * len(requests)
    selector = selectors.DefaultSelector()
    following = iter(range(len(requests)))

    def finish(exchange: Exchange, status: int, body: dict | None) -> None:
        selector.unregister(exchange.sock)
        exchange.sock.close()
        results[exchange.index] = (status, time.perf_counter() - exchange.started, body)

    def start_next() -> bool:
        index = next(following, None)
        if index is None:
            return False
        exchange = Exchange()
        address, exchange.unsent = encoded[index]
        exchange.index, exchange.chunks = index, []
        exchange.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        exchange.sock.setblocking(False)
        exchange.started = time.perf_counter()
        if exchange.sock.connect_ex(address) not in (0, errno.EINPROGRESS):
            exchange.sock.close()
            results[index] = (0, 0.0, None)
            return True
        selector.register(exchange.sock, selectors.EVENT_WRITE, exchange)
        return True

    started = time.perf_counter()
    while len(selector.get_map()) < concurrency and start_next():
        pass
    while selector.get_map():
        events = selector.select(timeout)
        if not events:  # nothing moved for `timeout` seconds: what is left is lost
            for key in list(selector.get_map().values()):
                finish(key.data, 0, None)
            break
        for key, _mask in events:
            exchange = key.data
            try:
                if exchange.unsent:
                    sent = exchange.sock.send(exchange.unsent)
                    exchange.unsent = exchange.unsent[sent:]
                    if not exchange.unsent:
                        selector.modify(exchange.sock, selectors.EVENT_READ, exchange)
                    continue
                chunk = exchange.sock.recv(65536)
            except OSError:
                finish(exchange, 0, None)
            else:
                if chunk:
                    exchange.chunks.append(chunk)
                    continue
                finish(exchange, *decode(b"".join(exchange.chunks)))
            while len(selector.get_map()) < concurrency and start_next():
                pass
    selector.close()
    return time.perf_counter() - started, results


# --- the stack -------------------------------------------------------------------------------
def fresh_pg() -> tuple[str, str]:
    import psycopg

    name = f"girou_bench_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    return name, f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}"


def drop_pg(name: str) -> None:
    import psycopg

    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def start_stack(home: Path, url: str | None, workers: int | None):
    """`girou up` (demo on: e-mail confirmation is off for the API) in its own home."""
    shutil.copy(ROOT / "territory.toml", home / "territory.toml")
    # A cheaper password hash for the 5,000 set-up calls.
    overrides = {"childcare__password_scrypt_n": 1024}
    if url:
        overrides["database__url"] = url
    # The stack's own number of workers unless asked (the tests' settings run one).
    overrides["portal__workers"] = workers or config.load(home, environ={}).get("portal", "workers")
    settings = make_settings(home).with_overrides(**overrides)
    env = {**os.environ, **settings_environment(settings)}
    log = open(home / "up.log", "wb")  # noqa: SIM115 - closed with the process
    up = subprocess.Popen(
        [sys.executable, "-m", "collab.cli", "up"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    deadline = time.monotonic() + 180
    while not (home / "endpoints.json").exists():
        if up.poll() is not None or time.monotonic() > deadline:
            raise SystemExit(f"girou up failed; see {home / 'up.log'} and {home / 'log'}")
        time.sleep(0.1)
    return settings, up, log


def stop_stack(up, log) -> None:
    up.send_signal(signal.SIGTERM)
    try:
        up.wait(timeout=60)
    except subprocess.TimeoutExpired:
        os.killpg(up.pid, signal.SIGKILL)
        up.wait()
    log.close()


def create_programme(sessions, territory) -> tuple[int, list[int]]:
    """A first-come period, not open yet, with 6 sessions of 50 places (ages 6-11)."""
    from portal.childcare import programme

    today = dt.date.today()
    now = dt.datetime.now(dt.UTC)
    with sessions.begin() as s:
        programme.sync_centres(s, territory)
        period = programme.create_period(
            s,
            name="Été — banc d’essai",
            kind="summer",
            slug=f"banc-{uuid.uuid4().hex[:6]}",
            starts_on=today + dt.timedelta(days=30),
            ends_on=today + dt.timedelta(days=60),
            opens_at=now + dt.timedelta(days=1),
            closes_at=now + dt.timedelta(days=2),
            tz=TZ,
        )
        ids = []
        for n in range(SESSIONS):
            activity = programme.create_activity(
                s,
                centre_key=territory.centres[n % len(territory.centres)].key,
                title=f"Semaine sportive {n + 1}",
                age_min=6,
                age_max=11,
            )
            ids.append(
                programme.add_session(
                    s,
                    activity=activity,
                    period=period,
                    date=today + dt.timedelta(days=31 + n),
                    slot="day",
                    capacity=PLACES_PER_SESSION,
                ).id
            )
        return period.id, ids


def create_families(portal: str, count: int) -> tuple[list[tuple[str, int]], float]:
    """Accounts, tokens and children through the API; [(token, child id)], seconds."""
    started = time.perf_counter()
    tag = uuid.uuid4().hex[:6]
    families = [
        {
            "email": f"famille-{tag}-{n}@exemple.fr",
            "password": PASSWORD,
            "name": f"Famille {n}",
            "commune_insee": "31573" if n % 5 else "31555",
            "quotient": 400 + (n * 37) % 1500,
        }
        for n in range(count)
    ]
    _wall, created = fire(
        [{"method": "POST", "url": f"{portal}/api/v1/families", "json": f} for f in families],
        CONCURRENCY,
    )
    assert all(status == 201 for status, _t, _b in created), {s for s, _t, _b in created}
    _wall, tokens = fire(
        [
            {
                "method": "POST",
                "url": f"{portal}/api/v1/token",
                "json": {"email": f["email"], "password": PASSWORD},
            }
            for f in families
        ],
        CONCURRENCY,
    )
    assert all(status == 200 for status, _t, _b in tokens), {s for s, _t, _b in tokens}
    bearer = [body["token"] for _s, _t, body in tokens]
    birth = (dt.date.today() - dt.timedelta(days=8 * 365 + 100)).isoformat()
    _wall, children = fire(
        [
            {
                "method": "POST",
                "url": f"{portal}/api/v1/children",
                "json": {"first_name": "Enfant", "last_name": f"N{n}", "birth_date": birth},
                "headers": {"Authorization": f"Bearer {bearer[n]}"},
            }
            for n in range(count)
        ],
        CONCURRENCY,
    )
    assert all(status == 201 for status, _t, _b in children), {s for s, _t, _b in children}
    made = [(bearer[n], children[n][2]["id"]) for n in range(count)]
    return made, time.perf_counter() - started


def registration_requests(portal: str, made, session_ids: list[int]) -> list[dict]:
    rng = random.Random(2026)
    requests = []
    for n, (token, child_id) in enumerate(made):
        wanted = rng.sample(session_ids, rng.choices([1, 2, 3], weights=[6, 3, 1])[0])
        requests.append(
            {
                "method": "POST",
                "url": f"{portal}/api/v1/registrations",
                "json": {"child_id": child_id, "session_ids": sorted(wanted)},
                "headers": {"Authorization": f"Bearer {token}", "Idempotency-Key": f"open-{n}"},
            }
        )
    return requests


def alert_counts(sessions, since_id: int) -> dict[str, int]:
    with sessions() as s:
        rows = s.execute(
            select(OutboxMessage.status, OutboxMessage.kind, func.count())
            .where(OutboxMessage.id > since_id)
            .group_by(OutboxMessage.status, OutboxMessage.kind)
        ).all()
    counts: dict[str, int] = {}
    for status, kind, n in rows:
        counts[f"{kind}:{status}"] = n
    return counts


def wait_for_alerts(sessions, since_id: int, expected: int) -> tuple[float | None, dict]:
    """Seconds until every childcare.request row of the run is sent or digested."""
    started = time.perf_counter()
    while time.perf_counter() - started < DELIVERY_TIMEOUT_S:
        counts = alert_counts(sessions, since_id)
        done = counts.get(f"childcare.request:{SENT}", 0) + counts.get(
            f"childcare.request:{DIGESTED}", 0
        )
        # A digest's head row becomes kind "digest": it carries one request alert too.
        with sessions() as s:
            heads = s.scalars(
                select(OutboxMessage.payload).where(
                    OutboxMessage.id > since_id, OutboxMessage.kind == "digest"
                )
            ).all()
            heads_sent = s.scalar(
                select(func.count()).where(
                    OutboxMessage.id > since_id,
                    OutboxMessage.kind == "digest",
                    OutboxMessage.status == SENT,
                )
            )
        in_digests = sum(1 for p in heads if p.get("kind") == "childcare.request")
        pending = counts.get(f"childcare.request:{PENDING}", 0)
        if done + in_digests >= expected and not pending and heads_sent == len(heads):
            counts["digest_messages_posted"] = heads_sent
            return time.perf_counter() - started, counts
        time.sleep(0.2)
    return None, alert_counts(sessions, since_id)


def mark_setup_mails_sent(sessions) -> int:
    """The set-up's account mails, as delivered: accounts are made days before an opening, and
    the bots would still be sending them (20 a second) during the opening minute."""
    with sessions.begin() as s:
        return s.execute(
            update(QueuedMail).where(QueuedMail.sent_at.is_(None)).values(sent_at=func.now())
        ).rowcount


def run_opening(home: Path, url: str | None, families: int, workers: int | None) -> dict:
    settings, up, log = start_stack(home, url, workers)
    engine = db.make_engine(settings.database_url)
    sessions = db.make_sessionmaker(engine)
    territory = load_territory(home / "territory.toml")
    portal = settings.url("portal")
    from portal.childcare.models import ActivitySession, Period, Registration

    try:
        period_id, session_ids = create_programme(sessions, territory)
        made, setup_s = create_families(portal, families)
        setup_mails = mark_setup_mails_sent(sessions)
        requests = registration_requests(portal, made, session_ids)
        with sessions() as s:
            since_id = s.scalar(select(func.max(OutboxMessage.id))) or 0
        opening = dt.datetime.now(dt.UTC).replace(tzinfo=None) + dt.timedelta(seconds=3)
        with sessions.begin() as s:
            s.execute(
                update(Period)
                .where(Period.id == period_id)
                .values(opens_at=opening, residents_open_at=opening)
            )
        time.sleep(
            max(0.0, (opening - dt.datetime.now(dt.UTC).replace(tzinfo=None)).total_seconds())
        )
        load_before = os.getloadavg()[0]
        wall, results = fire(requests, CONCURRENCY)
        load_after = os.getloadavg()[0]
        statuses: dict[str, int] = {}
        for status, _t, _b in results:
            statuses[str(status)] = statuses.get(str(status), 0) + 1
        ids = [body["id"] for status, _t, body in results if status == 201 and body]
        # Counted from the last answer: wait_for_alerts starts right after it.
        alerts_s, alerts = wait_for_alerts(sessions, since_id, len(ids))
        alerts_after_last_answer = None if alerts_s is None else round(alerts_s, 2)
        # Idempotency under load: 100 of the same submissions again give the same requests.
        sample = random.Random(7).sample(range(len(requests)), 100)
        _w, again = fire([requests[i] for i in sample], CONCURRENCY)
        same = sum(
            1
            for i, (status, _t, body) in zip(sample, again, strict=True)
            if status == 201 and body and results[i][2] and body["id"] == results[i][2]["id"]
        )
        with sessions() as s:
            sessions_rows = (
                s.scalars(select(ActivitySession).where(ActivitySession.period_id == period_id))
                .unique()
                .all()
            )
            taken = sum(r.places_taken for r in sessions_rows)
            capacity = sum(r.capacity for r in sessions_rows)
            over = [r.id for r in sessions_rows if r.places_taken > r.capacity]
            recorded = dict(
                s.execute(
                    select(Registration.status, func.count())
                    .where(Registration.period_id == period_id)
                    .group_by(Registration.status)
                ).all()
            )
            waitlist_entries = sum(r.waitlist_length for r in sessions_rows)
        registrations = {
            "requests": len(requests),
            "seconds": round(wall, 2),
            "per_second": round(len(requests) / wall, 1),
            **latency_summary([t for _s, t, _b in results]),
            "statuses": statuses,
            "5xx": sum(n for code, n in statuses.items() if code.startswith("5")),
            "lost (no 201 or not recorded)": len(requests)
            - min(len(set(ids)), sum(recorded.values())),
        }
        return {
            "setup_through_api_s (accounts, tokens, children)": round(setup_s, 1),
            "setup_mails_marked_sent": setup_mails,
            "workers": settings.get("portal", "workers"),
            "opening": registrations,
            "places_taken": taken,
            "capacity": capacity,
            "sessions_over_capacity": over,
            "requests_by_status": recorded,
            "waiting_list_entries (session places waited for)": waitlist_entries,
            "alerts": {
                "counts": alerts,
                "all_delivered_s_after_last_answer": alerts_after_last_answer,
            },
            "idempotent_replays_same_id": f"{same}/100",
            # Other work on the machine skews every figure: the 1-minute load around the run.
            "load_average_before_after": [round(load_before, 2), round(load_after, 2)],
            "_url": settings.database_url,
        }
    finally:
        engine.dispose()
        stop_stack(up, log)


def run_baseline(home: Path, url: str, count: int, workers: int) -> dict:
    engine = db.make_engine(url)
    with engine.begin() as connection:
        from sqlalchemy import text

        serial = "SERIAL" if url.startswith("postgresql") else "INTEGER"
        connection.execute(
            text(f"CREATE TABLE IF NOT EXISTS bench_rows (id {serial} PRIMARY KEY, payload TEXT)")
        )
    engine.dispose()
    port = free_port()
    env = {**os.environ, "BENCH_BASELINE_URL": url}
    process = subprocess.Popen(
        [
            sys.executable, "-m", "gunicorn", "--bind", f"127.0.0.1:{port}",
            "--workers", str(workers), "--chdir", str(ROOT / "bench"),
            "childcare_opening:baseline_app",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                httpx.post(f"http://127.0.0.1:{port}/rows", timeout=2)
                break
            except httpx.HTTPError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)
        requests = [
            {"method": "POST", "url": f"http://127.0.0.1:{port}/rows"} for _ in range(count)
        ]
        wall, results = fire(requests, CONCURRENCY)
        statuses: dict[str, int] = {}
        for status, _t, _b in results:
            statuses[str(status)] = statuses.get(str(status), 0) + 1
        return {
            "requests": count,
            "seconds": round(wall, 2),
            "per_second": round(count / wall, 1),
            **latency_summary([t for _s, t, _b in results]),
            "statuses": statuses,
        }
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)


def measure(database: str, families: int, workers: int | None) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp) / "home"
        home.mkdir()
        pg_name = None
        if database == "postgresql":
            pg_name, url = fresh_pg()
        else:
            url = None
        try:
            result = run_opening(home, url, families, workers)
            baseline_url = url or f"sqlite:///{home / 'baseline.db'}"
            baseline = run_baseline(home, baseline_url, families, result["workers"])
        finally:
            if pg_name:
                drop_pg(pg_name)
    opening = result["opening"]
    result.pop("_url")
    alerts_s = result["alerts"]["all_delivered_s_after_last_answer"]
    return {
        "database": database,
        "families": families,
        "concurrency": CONCURRENCY,
        **result,
        "baseline (gunicorn, the same workers, one INSERT per request)": baseline,
        "ratio_requests_per_second_to_baseline": round(
            opening["per_second"] / baseline["per_second"], 2
        ),
        "targets": {
            "no 5xx": opening["5xx"] == 0,
            "no request lost": opening["lost (no 201 or not recorded)"] == 0,
            "capacity never exceeded": not result["sessions_over_capacity"]
            and result["places_taken"] <= result["capacity"],
            "p95 < 1 s": opening["p95_ms"] < 1000,
            "alerts delivered within 60 s": alerts_s is not None and alerts_s <= 60,
        },
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", choices=("sqlite", "postgresql", "both"), default="both")
    parser.add_argument("--families", type=int, default=2500)
    parser.add_argument("--workers", type=int, help="gunicorn workers (default: the stack's)")
    args = parser.parse_args()
    databases = ("sqlite", "postgresql") if args.database == "both" else (args.database,)
    for database in databases:  # each printed as soon as measured
        result = measure(database, args.families, args.workers)
        print(json.dumps(result, indent=2, ensure_ascii=False))
        sys.stdout.flush()


if __name__ == "__main__":
    main()
