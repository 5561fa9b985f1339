"""Benchmark (issue 12, the soak): `girou up` with its default settings and demo data, under
the load of a small intercommunality's clients for N minutes, on loopback.

Simulated users, each in its own thread with its own httpx client:
- 20 officials' calendar clients doing what Thunderbird does every minute: PROPFIND
  discovery (Depth 0 on "/" for current-user-principal, Depth 1 on the home), then a
  sync-collection REPORT (RFC 6578, with the previous round's sync-token) on each calendar
  of the home listing;
- 5 WebDAV clients listing "/" and each share they see (PROPFIND Depth 1) and downloading a
  file each minute;
- 3 Matrix clients long-polling /sync (timeout=30000), each logged in once;
- every minute: an official adds an event to an instance's calendar (CalDAV PUT) and a
  document to its share (WebDAV PUT), a demo family uploads a document through the portal,
  and a webhook posts in the instance's room.

One Matrix client is a member of that instance's room: each change carries a unique marker,
matched to the m.notice (with "org.girou.source") that announces it; latency is the notice's
origin_server_ts minus the time the change was answered.

Baseline, measured in the same run: the configured watch interval ([bridges] watch_interval)
plus the delivery latency p95 (webhook -> notice, which involves no watcher). A ratio of the
events'/documents' p95 to that baseline at or under 1 means the announcements come within one
watch cycle plus delivery, as designed; above 1, watchers miss cycles or back off.

Targets: announced == made for every kind; announcement p95 < 15 s; no 401/429/5xx for valid
credentials on any service; no failed family upload; no device left on any account.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import math
import os
import re
import secrets as token_gen
import signal
import subprocess
import sys
import tempfile
import threading
import time
import uuid
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

import httpx
import psutil

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from conftest import make_settings  # noqa: E402

from collab import credentials, db, matrix  # noqa: E402
from collab.dav_access import group_collection_path  # noqa: E402
from collab.outbox import PENDING, OutboxMessage  # noqa: E402
from collab.supervisor import settings_environment  # noqa: E402
from collab.territory import load_territory  # noqa: E402

CALDAV_CLIENTS = 20
WEBDAV_CLIENTS = 5
MATRIX_CLIENTS = 3
ROUND_SECONDS = 60
OFFICIAL_ROLES = ("president", "vice-president", "conseiller")
SERVICES = ("caldav", "webdav", "matrix", "portal")
KINDS = ("events", "documents", "webhooks")
FAMILY_PASSWORD = "demo-famille-girou"

DAV = "DAV:"
CALDAV_NS = "urn:ietf:params:xml:ns:caldav"
PRINCIPAL_BODY = (
    '<?xml version="1.0" encoding="utf-8"?><d:propfind xmlns:d="DAV:"><d:prop>'
    "<d:current-user-principal/><d:resourcetype/></d:prop></d:propfind>"
)
HOME_BODY = (
    '<?xml version="1.0" encoding="utf-8"?>'
    '<d:propfind xmlns:d="DAV:" xmlns:cs="http://calendarserver.org/ns/" '
    'xmlns:c="urn:ietf:params:xml:ns:caldav"><d:prop><d:resourcetype/><d:displayname/>'
    "<cs:getctag/><d:sync-token/><c:supported-calendar-component-set/>"
    "<d:current-user-privilege-set/></d:prop></d:propfind>"
)
LIST_BODY = (
    '<?xml version="1.0" encoding="utf-8"?><d:propfind xmlns:d="DAV:"><d:prop>'
    "<d:resourcetype/><d:getcontentlength/><d:getetag/><d:getlastmodified/>"
    "</d:prop></d:propfind>"
)


def sync_body(token: str) -> str:
    return (
        '<?xml version="1.0" encoding="utf-8"?><d:sync-collection xmlns:d="DAV:">'
        f"<d:sync-token>{token}</d:sync-token><d:sync-level>1</d:sync-level>"
        "<d:prop><d:getetag/></d:prop></d:sync-collection>"
    )


# --- the figures ------------------------------------------------------------------------------
@dataclass
class Report:
    minutes: float
    notes: list[str] = field(default_factory=list)
    made: dict[str, int] = field(default_factory=dict)
    announced: dict[str, int] = field(default_factory=dict)
    failed_changes: dict[str, int] = field(default_factory=dict)
    latency: dict[str, tuple[float | None, float | None]] = field(default_factory=dict)
    # service -> {"401": n, "429": n, "5xx": n, "other": n (other non-2xx/3xx), "errors": n}
    bad: dict[str, dict[str, int]] = field(default_factory=dict)
    requests: dict[str, int] = field(default_factory=dict)
    family_uploads: int = 0
    family_uploads_failed: int = 0
    devices_start: dict[str, int] = field(default_factory=dict)
    devices_end: dict[str, int] = field(default_factory=dict)
    rss_start_mb: dict[str, float] = field(default_factory=dict)
    rss_end_mb: dict[str, float] = field(default_factory=dict)
    watch_interval: int = 30
    delivery_p95: float | None = None
    baseline_ratio: float | None = None

    def lines(self) -> list[str]:
        out = [f"minutes run: {self.minutes:.1f}"]
        out += [f"note: {note}" for note in self.notes]
        for kind in KINDS:
            out.append(
                f"{kind}: made {self.made.get(kind, 0)}, announced {self.announced.get(kind, 0)}"
                f" (change requests failed: {self.failed_changes.get(kind, 0)})"
            )
        for kind in ("events", "documents", "webhooks"):
            p50, p95 = self.latency.get(kind, (None, None))
            target = " (target p95 < 15 s)" if kind != "webhooks" else ""
            out.append(f"announcement latency {kind}: p50 {_s(p50)}, p95 {_s(p95)}{target}")
        for service in SERVICES:
            b = self.bad.get(service, {})
            out.append(
                f"{service}: {self.requests.get(service, 0)} requests, 401 {b.get('401', 0)}, "
                f"429 {b.get('429', 0)}, 5xx {b.get('5xx', 0)} (target 0); other refusals "
                f"{b.get('other', 0)}, transport errors {b.get('errors', 0)}"
            )
        out.append(
            f"family uploads: {self.family_uploads}, failed {self.family_uploads_failed} (target 0)"
        )
        for account in sorted(self.devices_end):
            out.append(
                f"devices of {account}: {self.devices_start.get(account)} at start, "
                f"{self.devices_end[account]} at end"
            )
        for service in sorted(set(self.rss_start_mb) | set(self.rss_end_mb)):
            start, end = self.rss_start_mb.get(service), self.rss_end_mb.get(service)
            growth = f"{end - start:+.1f} MB" if start is not None and end is not None else "?"
            out.append(f"RSS {service}: {_mb(start)} at start, {_mb(end)} at end, growth {growth}")
        out.append(
            f"baseline: watch interval {self.watch_interval} s + delivery p95 "
            f"{_s(self.delivery_p95)} (webhook -> notice, no watcher)"
        )
        ratio = "n/a" if self.baseline_ratio is None else f"{self.baseline_ratio:.2f}"
        out.append(
            f"ratio announcement p95 (events and documents) / (watch interval + delivery p95): "
            f"{ratio} (<= 1: announced within one watch cycle plus delivery, as designed; "
            f"> 1: watchers missed cycles or backed off)"
        )
        return out


def _s(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.2f} s"


def _mb(value: float | None) -> str:
    return "?" if value is None else f"{value:.1f} MB"


def percentile(values: list[float], p: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p * len(ordered)) - 1)]


class Stats:
    """HTTP status counts per service, from every thread."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.counts: dict[str, Counter] = {s: Counter() for s in SERVICES}
        self.samples: list[str] = []

    def record(self, service: str, response: httpx.Response | None, what: str = "") -> None:
        with self.lock:
            c = self.counts[service]
            c["requests"] += 1
            if response is None:
                c["errors"] += 1
                key = "errors"
            else:
                code = response.status_code
                if code == 401:
                    key = "401"
                elif code == 429:
                    key = "429"
                elif code >= 500:
                    key = "5xx"
                elif code >= 400:
                    key = "other"
                else:
                    return
                c[key] += 1
            if len(self.samples) < 30:
                code = response.status_code if response is not None else "error"
                self.samples.append(f"{service} {what}: {code}")

    def request(self, service: str, client: httpx.Client, method: str, url: str, **kw):
        try:
            response = client.request(method, url, **kw)
        except httpx.HTTPError as exc:
            self.record(service, None, f"{method} {url} {exc!r}")
            return None
        self.record(service, response, f"{method} {url}")
        return response


def multistatus(response: httpx.Response) -> list[tuple[str, ET.Element]]:
    """(href, the response element) of each <response> of a 207."""
    try:
        tree = ET.fromstring(response.content)
    except ET.ParseError:
        return []
    return [
        (unquote(r.findtext(f"{{{DAV}}}href", "").strip()), r)
        for r in tree.iter(f"{{{DAV}}}response")
    ]


def path_of(href: str) -> str:
    return urlsplit(href).path or "/"


# --- simulated users --------------------------------------------------------------------------
class Runner:
    def __init__(self, settings, stats: Stats, start: float, end: float) -> None:
        self.settings = settings
        self.stats = stats
        self.start, self.end = start, end
        self.stop = threading.Event()

    def rounds(self, offset: float):
        """Yield at start + offset + k * ROUND_SECONDS until the end of the load."""
        k = 0
        while True:
            at = self.start + offset + k * ROUND_SECONDS
            if at >= self.end:
                return
            if self.stop.wait(max(0.0, at - time.time())):
                return
            yield k
            k += 1

    def calendar_client(self, index: int, localpart: str, password: str) -> None:
        base = self.settings.url("caldav")
        tokens: dict[str, str] = {}
        with httpx.Client(base_url=base, auth=(localpart, password), timeout=60) as http:
            for _ in self.rounds(index * ROUND_SECONDS / CALDAV_CLIENTS):
                headers = {"Depth": "0", "Content-Type": "application/xml; charset=utf-8"}
                r = self.stats.request(
                    "caldav", http, "PROPFIND", "/", content=PRINCIPAL_BODY, headers=headers
                )
                principal = f"/{localpart}/"
                if r is not None and r.status_code == 207:
                    for _href, el in multistatus(r):
                        found = el.findtext(f".//{{{DAV}}}current-user-principal/{{{DAV}}}href")
                        if found:
                            principal = path_of(found.strip())
                headers["Depth"] = "1"
                r = self.stats.request(
                    "caldav", http, "PROPFIND", principal, content=HOME_BODY, headers=headers
                )
                if r is None or r.status_code != 207:
                    continue
                calendars = [
                    path_of(href)
                    for href, el in multistatus(r)
                    if el.find(f".//{{{DAV}}}resourcetype/{{{CALDAV_NS}}}calendar") is not None
                ]
                for path in calendars:
                    r = self.stats.request(
                        "caldav",
                        http,
                        "REPORT",
                        path,
                        content=sync_body(tokens.get(path, "")),
                        headers={"Depth": "0", "Content-Type": "application/xml; charset=utf-8"},
                    )
                    if r is None:
                        continue
                    if r.status_code == 207:
                        token = ET.fromstring(r.content).findtext(f"{{{DAV}}}sync-token")
                        if token:
                            tokens[path] = token.strip()
                    else:
                        tokens.pop(path, None)  # invalid token: start again, as clients do

    def webdav_client(self, index: int, localpart: str, password: str) -> None:
        base = self.settings.url("webdav")
        with httpx.Client(base_url=base, auth=(localpart, password), timeout=60) as http:
            for k in self.rounds(index * ROUND_SECONDS / WEBDAV_CLIENTS + 2):
                headers = {"Depth": "1", "Content-Type": "application/xml; charset=utf-8"}
                r = self.stats.request(
                    "webdav", http, "PROPFIND", "/", content=LIST_BODY, headers=headers
                )
                if r is None or r.status_code != 207:
                    continue
                shares = [
                    path_of(href)
                    for href, el in multistatus(r)
                    if path_of(href) != "/"
                    and el.find(f".//{{{DAV}}}resourcetype/{{{DAV}}}collection") is not None
                ]
                files: list[str] = []
                for share in shares:
                    r = self.stats.request(
                        "webdav", http, "PROPFIND", quote(share), content=LIST_BODY, headers=headers
                    )
                    if r is None or r.status_code != 207:
                        continue
                    files += [
                        path_of(href)
                        for href, el in multistatus(r)
                        if el.find(f".//{{{DAV}}}resourcetype/{{{DAV}}}collection") is None
                    ]
                if files:
                    self.stats.request("webdav", http, "GET", quote(files[k % len(files)]))

    def matrix_client(self, http: httpx.Client, since: str, sink: list | None, room_id: str):
        """Long-poll /sync until stopped; m.notice events with a source into `sink`."""
        while not self.stop.is_set():
            params = {"since": since, "timeout": "30000"}
            r = self.stats.request("matrix", http, "GET", f"{matrix.CLIENT}/sync", params=params)
            if r is None:
                self.stop.wait(2)
                continue
            if r.status_code == 429:
                self.stop.wait(r.json().get("retry_after_ms", 1000) / 1000)
                continue
            if r.status_code != 200:
                self.stop.wait(2)
                continue
            body = r.json()
            since = body["next_batch"]
            if sink is None:
                continue
            room = body.get("rooms", {}).get("join", {}).get(room_id, {})
            for event in room.get("timeline", {}).get("events", []):
                content = event.get("content", {})
                if content.get("msgtype") == "m.notice" and matrix.SOURCE_KEY in content:
                    sink.append((event["origin_server_ts"] / 1000, content.get("body", "")))


# --- changes ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Change:
    kind: str
    marker: str
    at: float  # time.time() when the change was answered


def event_ics(uid: str, summary: str) -> str:
    start = (datetime.now(UTC) + timedelta(days=3)).replace(minute=0, second=0, microsecond=0)
    fmt = "%Y%m%dT%H%M%SZ"
    return (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Girou//soak//FR\r\nBEGIN:VEVENT\r\n"
        f"UID:{uid}\r\nDTSTAMP:{datetime.now(UTC).strftime(fmt)}\r\n"
        f"DTSTART:{start.strftime(fmt)}\r\nDTEND:{(start + timedelta(hours=1)).strftime(fmt)}\r\n"
        f"SUMMARY:{summary}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )


CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


class Family:
    """A demo family's browser on the portal: logs in once, uploads through the form."""

    def __init__(self, settings, stats: Stats, email: str) -> None:
        self.stats, self.email = stats, email
        self.http = httpx.Client(base_url=settings.url("portal"), timeout=60)

    def _csrf(self, path: str) -> str | None:
        r = self.stats.request("portal", self.http, "GET", path)
        match = CSRF.search(r.text) if r is not None and r.status_code == 200 else None
        return match.group(1) if match else None

    def login(self) -> bool:
        token = self._csrf("/enfance/compte/connexion")
        form = {"email": self.email, "mot_de_passe": FAMILY_PASSWORD, "csrf_token": token or ""}
        r = self.stats.request("portal", self.http, "POST", "/enfance/compte/connexion", data=form)
        return r is not None and r.status_code in (302, 303)

    def upload(self, marker: str) -> bool:
        for _attempt in range(2):
            token = self._csrf("/enfance/compte/documents")
            if token is None:  # the session is gone: log in again, once
                if not self.login():
                    return False
                continue
            pdf = b"%PDF-1.4\n% soak " + marker.encode() + b"\n%%EOF\n"
            r = self.stats.request(
                "portal",
                self.http,
                "POST",
                "/enfance/compte/documents",
                data={"type": "assurance", "csrf_token": token},
                files={"fichier": (f"{marker}.pdf", pdf, "application/pdf")},
            )
            return r is not None and r.status_code in (302, 303)
        return False


# --- the stack --------------------------------------------------------------------------------
def start_stack(home: Path):
    home.mkdir(parents=True, exist_ok=True)
    if not (home / "territory.toml").exists():
        (home / "territory.toml").write_bytes((ROOT / "territory.toml").read_bytes())
    # Production-like, as bench/startup.py: the default settings, bcrypt 12, 2 portal workers.
    settings = make_settings(home).with_overrides(matrix__bcrypt_rounds=12, portal__workers=2)
    env = {**os.environ, **settings_environment(settings)}
    (home / "endpoints.json").unlink(missing_ok=True)
    log = open(home / "up.log", "wb")  # noqa: SIM115 (closed with the stack)
    up = subprocess.Popen(
        [sys.executable, "-m", "collab.cli", "up"], cwd=ROOT, env=env, stdout=log, stderr=log
    )
    deadline = time.monotonic() + 600
    while not (home / "endpoints.json").exists():
        if up.poll() is not None or time.monotonic() > deadline:
            tail = (home / "up.log").read_text("utf-8", errors="replace")[-3000:]
            stop_stack(up, log)
            raise RuntimeError(f"girou up failed in {home}:\n{tail}")
        time.sleep(0.2)
    return settings, env, up, log


def stop_stack(up: subprocess.Popen, log) -> None:
    if up.poll() is None:
        up.send_signal(signal.SIGTERM)
        try:
            up.wait(timeout=90)
        except subprocess.TimeoutExpired:
            up.kill()
            up.wait()
    log.close()


def service_rss(home: Path) -> dict[str, float]:
    out = {}
    for pid_file in sorted((home / "run").glob("*.pid")):
        try:
            process = psutil.Process(int(pid_file.read_text().strip()))
            procs = [process, *process.children(recursive=True)]
            out[pid_file.stem] = sum(p.memory_info().rss for p in procs) / 2**20
        except (psutil.Error, ValueError):
            continue
    return out


def instance_room_id(settings, room_key: str) -> str:
    from sqlalchemy import create_engine, text

    engine = create_engine(settings.database_url)
    try:
        with engine.connect() as conn:
            return conn.execute(
                text("SELECT room_id FROM matrix_rooms WHERE key = :k"), {"k": room_key}
            ).scalar_one()
    finally:
        engine.dispose()


def devices(admin: httpx.Client, stats: Stats, user_id: str) -> int | None:
    r = stats.request("matrix", admin, "GET", f"/_synapse/admin/v2/users/{quote(user_id)}/devices")
    return r.json().get("total", len(r.json().get("devices", []))) if r and r.is_success else None


def matrix_login(settings, stats: Stats, localpart: str, password: str) -> httpx.Client:
    http = httpx.Client(base_url=settings.url("matrix"), timeout=60)
    body = {
        "type": "m.login.password",
        "identifier": {"type": "m.id.user", "user": localpart},
        "password": password,
        "initial_device_display_name": "soak",
    }
    for _attempt in range(10):
        r = stats.request("matrix", http, "POST", f"{matrix.CLIENT}/login", json=body)
        if r is not None and r.status_code == 429:
            time.sleep(r.json().get("retry_after_ms", 1000) / 1000)
            continue
        if r is None or r.status_code != 200:
            raise RuntimeError(f"login of {localpart} refused: {r and r.status_code}")
        http.headers["Authorization"] = f"Bearer {r.json()['access_token']}"
        return http
    raise RuntimeError(f"login of {localpart} rate-limited 10 times")


# --- the soak ---------------------------------------------------------------------------------
def soak(minutes: float, home: Path | None = None) -> Report:
    with contextlib.ExitStack() as cleanup:
        if home is None:
            home = Path(cleanup.enter_context(tempfile.TemporaryDirectory(prefix="girou-soak-")))
        settings, env, up, log = start_stack(home)
        cleanup.callback(stop_stack, up, log)
        return _run(minutes, home, settings, env, cleanup)


def _run(minutes: float, home: Path, settings, env, cleanup: contextlib.ExitStack) -> Report:
    report = Report(minutes=minutes, watch_interval=settings.get("bridges", "watch_interval"))
    stats = Stats()
    logins = json.loads((home / "demo-logins.json").read_text("utf-8"))
    officials = [lg for lg in logins if lg["role"] in OFFICIAL_ROLES]
    if not officials:
        raise RuntimeError("no demo official in demo-logins.json")
    if len(officials) < CALDAV_CLIENTS:
        report.notes.append(
            f"only {len(officials)} demo officials: the {CALDAV_CLIENTS} calendar clients and "
            f"{WEBDAV_CLIENTS} WebDAV clients reuse their accounts round-robin"
        )
    territory = load_territory(settings.territory_path(ROOT))
    # The instance changed every minute: urbanisme when it exists, else the first with an
    # official; its first official member makes the changes and watches its room.
    candidates = [i for i in territory.instances if i.kind != "service"]
    candidates.sort(key=lambda i: i.key != "urbanisme")
    by_localpart = {lg["localpart"]: lg for lg in officials}
    instance, member = next(
        (i, by_localpart[p.localpart])
        for i in candidates
        for p in territory.members(i.key)
        if p.localpart in by_localpart
    )
    room_id = instance_room_id(settings, instance.room_key)
    report.notes.append(
        f"changes in instance {instance.key} (room {room_id}) by {member['localpart']}"
    )

    # Matrix: the bot (admin API) and 3 officials, each logged in once.
    secrets = credentials.load_secrets(home)
    bot = settings.get("matrix", "bot_localpart")
    admin = matrix_login(settings, stats, bot, secrets.bot_password)
    others = [lg for lg in officials if lg["localpart"] != member["localpart"]]
    syncers = [member, *others[: MATRIX_CLIENTS - 1]]
    clients = [matrix_login(settings, stats, lg["localpart"], lg["password"]) for lg in syncers]
    first_sync = {}
    for lg, http in zip(syncers, clients, strict=True):
        params = {"timeout": "0", "filter": json.dumps({"room": {"timeline": {"limit": 1}}})}
        r = stats.request("matrix", http, "GET", f"{matrix.CLIENT}/sync", params=params)
        r.raise_for_status()
        body = r.json()
        if lg is member and room_id not in body.get("rooms", {}).get("join", {}):
            joined = stats.request(
                "matrix", http, "POST", f"{matrix.CLIENT}/rooms/{quote(room_id)}/join", json={}
            )
            joined.raise_for_status()
        first_sync[lg["localpart"]] = body["next_batch"]

    # The webhook, created once with the stack's environment; the URL is the last line.
    out = subprocess.run(
        [str(ROOT / ".venv/bin/girou"), "hook", "create", instance.room_key],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    hook_url = out.stdout.strip().splitlines()[-1]

    from portal.childcare.demo import FAMILIES
    from portal.childcare.programme import slugify

    family = Family(settings, stats, f"famille.{slugify(FAMILIES[0][0])}@exemple.fr")
    if not family.login():
        report.notes.append("the demo family's first login failed")

    # The bots have logged in once they deliver: a warm-up post, delivered, before counting the
    # devices (counted earlier, the bots' own device would show as growth).
    httpx.post(hook_url, json={"text": "Soak : début"}, timeout=30).raise_for_status()
    wait_for_empty_outbox(settings)
    used = sorted({lg["user_id"] for lg in officials} | {settings.bot_user_id})
    report.devices_start = {u: devices(admin, stats, u) for u in used}
    report.rss_start_mb = service_rss(home)

    start = time.time()
    end = start + minutes * 60
    runner = Runner(settings, stats, start, end)
    notices: list[tuple[float, str]] = []
    changes: list[Change] = []
    threads = [
        threading.Thread(
            target=runner.calendar_client,
            args=(
                i,
                officials[i % len(officials)]["localpart"],
                officials[i % len(officials)]["password"],
            ),
            daemon=True,
        )
        for i in range(CALDAV_CLIENTS)
    ]
    threads += [
        threading.Thread(
            target=runner.webdav_client,
            args=(
                i,
                officials[i % len(officials)]["localpart"],
                officials[i % len(officials)]["password"],
            ),
            daemon=True,
        )
        for i in range(WEBDAV_CLIENTS)
    ]
    syncing = [
        threading.Thread(
            target=runner.matrix_client,
            args=(http, first_sync[lg["localpart"]], notices if lg is member else None, room_id),
            daemon=True,
        )
        for lg, http in zip(syncers, clients, strict=True)
    ]
    cleanup.callback(runner.stop.set)
    for thread in threads + syncing:
        thread.start()

    calendar = group_collection_path(instance.key)
    dav_auth = (member["localpart"], member["password"])
    with (
        httpx.Client(base_url=settings.url("caldav"), auth=dav_auth, timeout=60) as caldav,
        httpx.Client(base_url=settings.url("webdav"), auth=dav_auth, timeout=60) as webdav,
        httpx.Client(timeout=60) as hooks,
    ):
        for k in runner.rounds(5):
            tag = f"{k}-{token_gen.token_hex(4)}"
            uid = f"soak-{uuid.uuid4().hex}"
            marker = f"soak-ev-{tag}"
            r = stats.request(
                "caldav",
                caldav,
                "PUT",
                f"{calendar}{uid}.ics",
                content=event_ics(uid, f"Réunion {marker}"),
                headers={"Content-Type": "text/calendar; charset=utf-8", "If-None-Match": "*"},
            )
            _made(report, changes, "events", marker, r)
            marker = f"soak-doc-{tag}"
            r = stats.request(
                "webdav",
                webdav,
                "PUT",
                f"/{quote(instance.key)}/{marker}.txt",
                content=f"Compte rendu {marker}\n".encode(),
            )
            _made(report, changes, "documents", marker, r)
            report.family_uploads += 1
            if not family.upload(f"soak-fam-{tag}"):
                report.family_uploads_failed += 1
            marker = f"soak-hook-{tag}"
            r = stats.request("portal", hooks, "POST", hook_url, json={"text": f"Soak {marker}"})
            _made(report, changes, "webhooks", marker, r)

        # The clients run for the whole duration, after the last minute's changes too.
        runner.stop.wait(max(0.0, end - time.time()))
        # The last changes are announced after at most a watch cycle plus delivery.
        deadline = time.time() + 2 * report.watch_interval + 30
        while time.time() < deadline and len(_matched(changes, notices)) < len(changes):
            time.sleep(1)
    runner.stop.set()
    for thread in threads:
        thread.join(timeout=90)

    matched = _matched(changes, notices)
    latencies: dict[str, list[float]] = {kind: [] for kind in KINDS}
    for change, ts in matched.items():
        latencies[change.kind].append(ts - change.at)
    for kind in KINDS:
        report.announced[kind] = len(latencies[kind])
        report.latency[kind] = (percentile(latencies[kind], 0.5), percentile(latencies[kind], 0.95))
    report.delivery_p95 = report.latency["webhooks"][1]
    watched = latencies["events"] + latencies["documents"]
    if watched and report.delivery_p95 is not None:
        report.baseline_ratio = percentile(watched, 0.95) / (
            report.watch_interval + report.delivery_p95
        )

    report.devices_end = {u: devices(admin, stats, u) for u in used}
    report.rss_end_mb = service_rss(home)
    report.minutes = (min(time.time(), end) - start) / 60
    for service in SERVICES:
        c = stats.counts[service]
        report.requests[service] = c["requests"]
        report.bad[service] = {k: c[k] for k in ("401", "429", "5xx", "other", "errors")}
    if stats.samples:
        report.notes.append("first refusals: " + "; ".join(stats.samples[:10]))
    # Leave no device behind: the 3 members' sessions and the bot's admin session.
    for http in [*clients, admin]:
        with contextlib.suppress(httpx.HTTPError):
            http.post(f"{matrix.CLIENT}/logout", json={}, timeout=10)
        http.close()
    for thread in syncing:
        thread.join(timeout=5)
    family.http.close()
    return report


def _made(report: Report, changes: list[Change], kind: str, marker: str, r) -> None:
    if r is not None and r.status_code in (200, 201, 202, 204):
        changes.append(Change(kind, marker, time.time()))
        report.made[kind] = report.made.get(kind, 0) + 1
    else:
        report.failed_changes[kind] = report.failed_changes.get(kind, 0) + 1


def _matched(changes: list[Change], notices: list[tuple[float, str]]) -> dict[Change, float]:
    found = {}
    for change in changes:
        for ts, body in list(notices):
            if change.marker in body:
                found[change] = ts
                break
    return found


def wait_for_empty_outbox(settings, seconds: float = 180) -> None:
    """Until the outbox has no pending row (the bots deliver), at most `seconds`."""
    engine = db.make_engine(settings.database_url)
    try:
        for _step in range(int(seconds)):
            with db.make_sessionmaker(engine)() as session:
                pending = session.query(OutboxMessage).filter_by(status=PENDING).count()
            if not pending:
                return
            time.sleep(1)
    finally:
        engine.dispose()
    raise RuntimeError(f"the bots delivered nothing within {seconds:.0f} s")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=30)
    parser.add_argument("--home", type=Path, default=None, help="GIROU_HOME (default: a temp dir)")
    args = parser.parse_args()
    report = soak(args.minutes, args.home)
    print("\n".join(report.lines()), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
