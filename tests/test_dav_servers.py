"""CalDAV/CardDAV (Radicale) and WebDAV (WsgiDAV) with Matrix logins, against the real servers."""

from __future__ import annotations

import hashlib
import os
import re
import secrets
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
import icalendar
import pytest
from calendar_readers import read_with_ical_js, read_with_icalendar
from conftest import TZ

from collab import dav_access, matrix, servers
from collab.caldav import CardSync, DavAgenda
from collab.config import Settings, load
from collab.credentials import Secrets, ensure_secrets
from collab.identity import MatrixIdentity, SharedChecks
from collab.matrix.admin import AdminSession
from collab.webdav import DavShares

# Every test runs against the module's own Synapse, Radicale and WsgiDAV (the `dav` fixture).
pytestmark = pytest.mark.stack

ROOT = Path(__file__).resolve().parent.parent
GROUP = "urbanisme"
DIRECTORY = "annuaire"


@dataclass
class DavStack:
    settings: Settings
    secrets: Secrets
    passwords: dict[str, str]
    processes: dict[str, subprocess.Popen]

    @property
    def bot(self) -> str:
        return self.settings.get("matrix", "bot_localpart")

    def auth(self, user: str) -> tuple[str, str]:
        return user, self.passwords[user]

    def request(
        self,
        service: str,
        method: str,
        path: str,
        auth: tuple[str, str] | None = None,
        **kwargs: Any,
    ) -> httpx.Response:
        return httpx.request(
            method, self.settings.url(service) + path, auth=auth, timeout=30, **kwargs
        )


def _free_ports(count: int) -> list[int]:
    # All bound at once, so that the ports are distinct.
    sockets = [socket.socket() for _ in range(count)]
    try:
        for sock in sockets:
            sock.bind(("127.0.0.1", 0))
        return [sock.getsockname()[1] for sock in sockets]
    finally:
        for sock in sockets:
            sock.close()


def _write_settings(home: Path) -> Settings:
    matrix_port, caldav_port, webdav_port = _free_ports(3)
    # The children read girou.toml themselves: the test's settings and theirs are the same file.
    # Synapse's default rate limits, as `make run` writes them. The login memory is shortened
    # (production: 600 s) so that the deactivation and password tests wait seconds, not
    # minutes; each person here is checked a few times, within Synapse's per-account burst.
    (home / "girou.toml").write_text(
        f"""
[matrix]
port = {matrix_port}
bcrypt_rounds = 4

[caldav]
port = {caldav_port}

[webdav]
port = {webdav_port}

[identity]
cache_seconds = 15
""",
        encoding="utf-8",
    )
    return load(home, environ={})


def _start(
    name: str, settings: Settings, secrets: Secrets, env: dict[str, str]
) -> subprocess.Popen:
    server = servers.load(name, settings)
    server.prepare(secrets)
    with (settings.home / f"{name}.log").open("ab") as log:
        return subprocess.Popen(
            server.command(),
            cwd=ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


def _wait_healthy(settings: Settings, processes: dict[str, subprocess.Popen]) -> None:
    pending = dict(processes)
    deadline = time.monotonic() + 30
    while pending:
        for name, process in list(pending.items()):
            if process.poll() is not None:
                log = (settings.home / f"{name}.log").read_text(errors="replace")
                pytest.fail(f"{name} exited with {process.returncode}:\n{log[-3000:]}")
            if servers.load(name, settings).is_healthy():
                del pending[name]
        if pending and time.monotonic() > deadline:
            pytest.fail(f"not healthy after 30 s: {', '.join(pending)}")
        time.sleep(0.05)


def _stop(processes: dict[str, subprocess.Popen]) -> None:
    for process in processes.values():
        try:
            os.killpg(process.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
    for process in processes.values():
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def _grant(settings: Settings, bot: str, extra_member: str | None = None) -> None:
    members = ["alice", "dave", *([extra_member] if extra_member else [])]
    dav_access.write_calendar_access(
        settings, {GROUP: members, DIRECTORY: ["alice", "carol", "dave"]}, service_user=bot
    )
    dav_access.write_share_access(settings, {GROUP: {"rw": [bot, *members], "ro": ["carol"]}})


@pytest.fixture(scope="module")
def dav(tmp_path_factory) -> Iterator[DavStack]:
    """Synapse, Radicale and WsgiDAV in a temp GIROU_HOME, with a bot, alice, bob and carol."""
    home = tmp_path_factory.mktemp("girou-dav")
    settings = _write_settings(home)
    secrets_ = ensure_secrets(home)
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIROU_")}
    env.update(GIROU_HOME=str(home), PYTHONPATH=str(ROOT))
    processes: dict[str, subprocess.Popen] = {}
    try:
        for name in ("synapse", "radicale", "webdav"):
            processes[name] = _start(name, settings, secrets_, env)
        _wait_healthy(settings, processes)
        bot = settings.get("matrix", "bot_localpart")
        passwords = {bot: secrets_.bot_password}
        with httpx.Client(base_url=settings.url("matrix"), timeout=30) as http:
            matrix.register_with_shared_secret(
                http, secrets_.registration_shared_secret, bot, secrets_.bot_password, admin=True
            )
            # alice, dave: members (dave gets deactivated); bob: outsider; carol: read-only.
            for user in ("alice", "bob", "carol", "dave"):
                passwords[user] = secrets.token_urlsafe(12)
                matrix.register_with_shared_secret(
                    http, secrets_.registration_shared_secret, user, passwords[user]
                )
        _grant(settings, bot)
        yield DavStack(settings, secrets_, passwords, processes)
    finally:
        _stop(processes)


@pytest.fixture(scope="module")
def group_calendar(dav: DavStack) -> str:
    """The group's calendar, created by the service account as provisioning does."""
    path = dav_access.group_collection_path(GROUP)
    with DavAgenda(dav.settings.url("caldav"), *dav.auth(dav.bot)) as agenda:
        assert agenda.ensure_calendar(path, "Agenda — Urbanisme") is True
        assert agenda.ensure_calendar(path, "Agenda — Urbanisme") is False
    return path


def _hrefs(response: httpx.Response) -> set[str]:
    return set(re.findall(r"<(?:D:)?href>([^<]*)</(?:D:)?href>", response.text))


def test_anonymous_is_asked_to_log_in(dav: DavStack, group_calendar: str) -> None:
    for service, path in (("caldav", group_calendar), ("webdav", f"/{GROUP}/")):
        response = dav.request(service, "PROPFIND", path, headers={"Depth": "0"})
        assert response.status_code == 401, service
        assert response.headers["WWW-Authenticate"].startswith("Basic "), service


@pytest.mark.parametrize("full_id", [False, True], ids=["localpart", "matrix-id"])
def test_member_logs_in_with_matrix_password(
    dav: DavStack, group_calendar: str, full_id: bool
) -> None:
    login = matrix.user_id("alice", dav.settings.server_name) if full_id else "alice"
    auth = (login, dav.passwords["alice"])
    calendar = dav.request("caldav", "PROPFIND", group_calendar, auth, headers={"Depth": "0"})
    share = dav.request("webdav", "PROPFIND", f"/{GROUP}/", auth, headers={"Depth": "1"})
    assert (calendar.status_code, share.status_code) == (207, 207)


def test_wrong_password_is_refused(dav: DavStack, group_calendar: str) -> None:
    server_name = dav.settings.server_name
    for login in ("alice", f"@alice:{server_name}", "@alice:elsewhere.example"):
        auth = (login, "not-her-password")
        assert dav.request("caldav", "PROPFIND", group_calendar, auth).status_code == 401
        assert dav.request("webdav", "PROPFIND", f"/{GROUP}/", auth).status_code == 401


def test_member_reads_and_writes_the_share(dav: DavStack) -> None:
    text = "Séance du 3 mars\n".encode()
    folder = dav.request("webdav", "MKCOL", f"/{GROUP}/séances/", dav.auth("alice"))
    assert folder.status_code == 201
    with DavShares(dav.settings.url("webdav"), *dav.auth("alice")) as shares:
        shares.upload(GROUP, "séances/compte rendu.txt", text)
        documents = {d.path: d for d in shares.list_documents(GROUP)}
        assert documents["séances/compte rendu.txt"].size == len(text)
        assert shares.download(GROUP, "séances/compte rendu.txt") == text


def test_same_size_rewrite_within_a_second_changes_the_etag(dav: DavStack) -> None:
    with DavShares(dav.settings.url("webdav"), *dav.auth("alice")) as shares:
        shares.upload(GROUP, "ordre-du-jour.txt", b"version A")
        before = {d.path: d.etag for d in shares.list_documents(GROUP)}["ordre-du-jour.txt"]
        shares.upload(GROUP, "ordre-du-jour.txt", b"version B")
        after = {d.path: d.etag for d in shares.list_documents(GROUP)}["ordre-du-jour.txt"]
    assert before != after
    response = dav.request("webdav", "GET", f"/{GROUP}/ordre-du-jour.txt", dav.auth("alice"))
    assert response.headers["ETag"].strip('"') == after


def test_member_adds_an_event_to_the_group_calendar(dav: DavStack, group_calendar: str) -> None:
    start = datetime.now(UTC).replace(microsecond=0) + timedelta(days=2)
    with DavAgenda(dav.settings.url("caldav"), *dav.auth("alice")) as agenda:
        before = agenda.calendar_changes(group_calendar)
        uid = agenda.add_event(
            group_calendar,
            "Commission urbanisme",
            start,
            start + timedelta(hours=2),
            location="Salle du conseil",
        )
        changes = agenda.calendar_changes(group_calendar, before.sync_token)
    assert [e.uid for e in changes.changed] == [uid]
    with DavAgenda(dav.settings.url("caldav"), *dav.auth(dav.bot)) as agenda:
        events = agenda.upcoming_events(
            group_calendar, start - timedelta(days=1), start + timedelta(days=1)
        )
    assert [(e.uid, e.summary, e.location) for e in events] == [
        (uid, "Commission urbanisme", "Salle du conseil")
    ]
    assert events[0].start == start


@pytest.mark.parametrize(
    "read", [read_with_icalendar, read_with_ical_js], ids=["icalendar", "ical.js"]
)
def test_an_event_written_carries_its_yearly_time_zone_and_reads_at_its_local_time(
    dav: DavStack, group_calendar: str, read
) -> None:
    year = datetime.now(UTC).year + 1
    with DavAgenda(dav.settings.url("caldav"), *dav.auth("alice")) as agenda:
        starts = {
            agenda.add_event(group_calendar, "Bureau", start, start + timedelta(hours=1)): start
            for start in (datetime(year, m, 16, 8, 30, tzinfo=TZ) for m in (1, 6))
        }
    for uid, start in starts.items():
        # The object as Radicale serves it back, not as it was sent.
        stored = dav.request(
            "caldav", "GET", group_calendar + quote(uid, safe="@.-_") + ".ics", dav.auth("alice")
        )
        assert stored.status_code == 200
        (zone,) = icalendar.Calendar.from_ical(stored.content).walk("VTIMEZONE")
        assert str(zone["TZID"]) == str(TZ)
        assert all("RRULE" in part and "RDATE" not in part for part in zone.subcomponents)
        utc = start.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        assert read(stored.content, str(TZ)) == [(uid, utc, f"{start.date()}T08:30:00")]


def test_group_calendar_is_listed_in_the_member_home(dav: DavStack, group_calendar: str) -> None:
    response = dav.request(
        "caldav", "PROPFIND", "/alice/", dav.auth("alice"), headers={"Depth": "1"}
    )
    assert response.status_code == 207
    assert group_calendar in _hrefs(response)
    outsider = dav.request("caldav", "PROPFIND", "/bob/", dav.auth("bob"), headers={"Depth": "1"})
    assert group_calendar not in _hrefs(outsider)


def test_member_cannot_delete_or_rename_the_group_calendar(
    dav: DavStack, group_calendar: str
) -> None:
    auth = dav.auth("alice")
    assert dav.request("caldav", "DELETE", group_calendar, auth).status_code == 403
    rename = (
        '<?xml version="1.0"?><D:propertyupdate xmlns:D="DAV:"><D:set><D:prop>'
        "<D:displayname>Autre</D:displayname></D:prop></D:set></D:propertyupdate>"
    )
    assert (
        dav.request("caldav", "PROPPATCH", group_calendar, auth, content=rename).status_code == 403
    )
    empty = b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nEND:VCALENDAR\r\n"
    replace = dav.request(
        "caldav",
        "PUT",
        group_calendar,
        auth,
        content=empty,
        headers={"Content-Type": "text/calendar"},
    )
    assert replace.status_code == 403
    assert dav.request("caldav", "PROPFIND", group_calendar, auth).status_code == 207


def test_outsider_is_forbidden(dav: DavStack, group_calendar: str) -> None:
    auth = dav.auth("bob")
    assert dav.request("caldav", "PROPFIND", group_calendar, auth).status_code == 403
    event = dav.request("caldav", "PUT", group_calendar + "x.ics", auth, content=b"x")
    assert event.status_code == 403
    assert dav.request("webdav", "PROPFIND", f"/{GROUP}/", auth).status_code == 403
    assert dav.request("webdav", "PUT", f"/{GROUP}/x.txt", auth, content=b"x").status_code == 403
    # "..", once normalized, leads into the share: judged as the share.
    sneaky = dav.request("webdav", "GET", f"/autre/../{GROUP}/ordre-du-jour.txt", auth)
    assert sneaky.status_code == 403


def test_share_root_lists_only_the_user_shares(dav: DavStack) -> None:
    def listing(user: str) -> set[str]:
        response = dav.request("webdav", "PROPFIND", "/", dav.auth(user), headers={"Depth": "1"})
        assert response.status_code == 207
        return _hrefs(response) - {"/"}

    assert listing("alice") == {f"/{GROUP}/"}
    assert listing("bob") == set()
    assert dav.request("webdav", "MKCOL", "/nouveau/", dav.auth("alice")).status_code == 403


def test_read_only_user_reads_but_cannot_write(dav: DavStack) -> None:
    with DavShares(dav.settings.url("webdav"), *dav.auth("alice")) as shares:
        shares.upload(GROUP, "arrete.txt", b"arrete")
    auth = dav.auth("carol")
    assert dav.request("webdav", "GET", f"/{GROUP}/arrete.txt", auth).content == b"arrete"
    for method in ("PUT", "DELETE", "MKCOL", "PROPPATCH", "LOCK"):
        response = dav.request("webdav", method, f"/{GROUP}/arrete.txt", auth, content=b"x")
        assert response.status_code == 403, method
    # A writer cannot move documents out to where the share's rules do not reach.
    move = dav.request(
        "webdav",
        "MOVE",
        f"/{GROUP}/arrete.txt",
        dav.auth("alice"),
        headers={"Destination": dav.settings.url("webdav") + "/ailleurs/arrete.txt"},
    )
    assert move.status_code == 403


def test_access_changes_apply_without_restart(dav: DavStack, group_calendar: str) -> None:
    auth = dav.auth("bob")
    _grant(dav.settings, dav.bot, extra_member="bob")
    try:
        assert dav.request("caldav", "PROPFIND", group_calendar, auth).status_code == 207
        assert dav.request("webdav", "PROPFIND", f"/{GROUP}/", auth).status_code == 207
    finally:
        _grant(dav.settings, dav.bot)
    assert dav.request("caldav", "PROPFIND", group_calendar, auth).status_code == 403
    assert dav.request("webdav", "PROPFIND", f"/{GROUP}/", auth).status_code == 403


def test_personal_calendar_made_before_first_login(dav: DavStack) -> None:
    with DavAgenda(dav.settings.url("caldav"), *dav.auth(dav.bot)) as agenda:
        assert agenda.ensure_principal("carol") is True
        assert agenda.ensure_calendar("/carol/agenda/", "Agenda personnel") is True
        assert agenda.ensure_principal("carol") is False
    response = dav.request(
        "caldav", "PROPFIND", "/carol/", dav.auth("carol"), headers={"Depth": "1"}
    )
    assert "/carol/agenda/" in _hrefs(response)
    # Her own calendar is hers to delete; someone else's is not.
    assert dav.request("caldav", "DELETE", "/carol/agenda/", dav.auth("alice")).status_code == 403
    assert dav.request("caldav", "DELETE", "/carol/agenda/", dav.auth("carol")).status_code == 200


def _card(uid: str, name: str) -> str:
    return f"BEGIN:VCARD\r\nVERSION:3.0\r\nUID:{uid}\r\nFN:{name}\r\nN:{name};;;;\r\nEND:VCARD\r\n"


def test_directory_sync_is_idempotent_and_read_only_for_members(dav: DavStack) -> None:
    path = dav_access.group_collection_path(DIRECTORY)
    cards = {
        "alice@girou.localhost": _card("alice@girou.localhost", "Alice Martin"),
        "carol@girou.localhost": _card("carol@girou.localhost", "Carol Durand"),
    }
    with DavAgenda(dav.settings.url("caldav"), *dav.auth(dav.bot)) as agenda:
        agenda.ensure_addressbook(path, "Annuaire des élus")
        assert agenda.sync_vcards(path, cards) == CardSync(created=2)
        assert agenda.sync_vcards(path, cards) == CardSync(unchanged=2)
        cards["carol@girou.localhost"] = _card("carol@girou.localhost", "Carol Durand-Petit")
        del cards["alice@girou.localhost"]
        assert agenda.sync_vcards(path, cards) == CardSync(updated=1, deleted=1)

    card = path + "carol%40girou.localhost.vcf"
    assert "Durand-Petit" in dav.request("caldav", "GET", card, dav.auth("carol")).text
    assert (
        dav.request(
            "caldav", "GET", path + "alice%40girou.localhost.vcf", dav.auth("carol")
        ).status_code
        == 404
    )
    forged = _card("x@girou.localhost", "Faux")
    for user in ("alice", "carol"):
        put = dav.request(
            "caldav",
            "PUT",
            path + "x.vcf",
            dav.auth(user),
            content=forged,
            headers={"Content-Type": "text/vcard"},
        )
        assert put.status_code == 403, user
        assert dav.request("caldav", "DELETE", card, dav.auth(user)).status_code == 403, user
    assert dav.request("caldav", "GET", card, dav.auth("bob")).status_code == 403


def test_deactivated_account_is_refused(dav: DavStack, group_calendar: str) -> None:
    auth = dav.auth("dave")
    # Logged in once, so that the identity cache holds a success that must expire.
    assert dav.request("caldav", "PROPFIND", group_calendar, auth).status_code == 207
    assert dav.request("webdav", "PROPFIND", f"/{GROUP}/", auth).status_code == 207
    session = AdminSession.login(
        dav.settings.url("matrix"), dav.bot, dav.passwords[dav.bot], dav.settings.server_name
    )
    try:
        session.deactivate(matrix.user_id("dave", dav.settings.server_name))
    finally:
        session.close()
    time.sleep(dav.settings.get("identity", "cache_seconds") + 0.2)
    assert dav.request("caldav", "PROPFIND", group_calendar, auth).status_code == 401
    assert dav.request("webdav", "PROPFIND", f"/{GROUP}/", auth).status_code == 401


def _admin(dav: DavStack) -> AdminSession:
    return AdminSession.login(
        dav.settings.url("matrix"), dav.bot, dav.passwords[dav.bot], dav.settings.server_name
    )


def _devices(dav: DavStack, user: str) -> list[dict[str, Any]]:
    session = _admin(dav)
    try:
        uid = matrix.user_id(user, dav.settings.server_name)
        return session._call("GET", f"{matrix.ADMIN}/v2/users/{uid}/devices")["devices"]
    finally:
        session.close()


def _register(dav: DavStack, user: str) -> None:
    dav.passwords[user] = secrets.token_urlsafe(12)
    with httpx.Client(base_url=dav.settings.url("matrix"), timeout=30) as http:
        matrix.register_with_shared_secret(
            http, dav.secrets.registration_shared_secret, user, dav.passwords[user]
        )


def test_concurrent_first_requests_of_one_person_share_one_check(dav: DavStack) -> None:
    # A file manager opening a share sends dozens of requests at once. Under Synapse's default
    # per-account login limit (a burst of 3), one login each would be refused with 429s.
    _register(dav, "erin")
    _grant(dav.settings, dav.bot, extra_member="erin")
    auth = dav.auth("erin")
    before = _devices(dav, "erin")  # the registration's own session

    def propfind(index: int) -> int:
        service, path = ("webdav", f"/{GROUP}/") if index % 2 else ("caldav", "/erin/")
        return dav.request(service, "PROPFIND", path, auth, headers={"Depth": "0"}).status_code

    with ThreadPoolExecutor(max_workers=24) as pool:
        statuses = list(pool.map(propfind, range(48)))
    assert statuses == [207] * 48
    # Then the calendar app polls, the file manager lists: no new login, no 429, ever.
    for _ in range(20):
        assert propfind(0) == 207
        assert propfind(1) == 207
    # And the checks left no device on the account.
    assert _devices(dav, "erin") == before


def test_one_check_serves_every_server_of_the_stack(dav: DavStack, tmp_path: Path) -> None:
    # Synapse lets an account log in once per 333 s in the long run: two servers checking a
    # person each, every few minutes, locked them out. One check now serves the whole stack.
    _register(dav, "ivan")
    shared = SharedChecks(tmp_path / "identity")
    now = [1000.0]
    first, second = (
        MatrixIdentity(
            dav.settings.url("matrix"),
            dav.settings.server_name,
            600,
            shared=shared,
            clock=lambda: now[0],
        )
        for _ in range(2)
    )
    try:
        password = dav.passwords["ivan"]
        assert first.authenticate("ivan", password) == "ivan"
        assert second.authenticate("@ivan:" + dav.settings.server_name, password) == "ivan"
        assert (first.homeserver_checks, second.homeserver_checks) == (1, 0)
        # A wrong password is never taken from the shared record: the homeserver says no.
        assert second.authenticate("ivan", "not-the-password") is None
        assert second.homeserver_checks == 1
        # The record holds a verifier, not the password, and only its owner may read it.
        (record,) = (tmp_path / "identity").glob("*.json")
        assert password not in record.read_text()
        assert record.stat().st_mode & 0o077 == 0
        now[0] += 601  # past cache_seconds: checked again, once
        assert second.authenticate("ivan", password) == "ivan"
        assert first.authenticate("ivan", password) == "ivan"
        assert (first.homeserver_checks, second.homeserver_checks) == (1, 2)
    finally:
        first.close()
        second.close()


def test_radicale_and_wsgidav_share_a_person_s_check(dav: DavStack) -> None:
    _register(dav, "iris")
    _grant(dav.settings, dav.bot, extra_member="iris")
    auth = dav.auth("iris")
    assert (
        dav.request("caldav", "PROPFIND", "/iris/", auth, headers={"Depth": "0"}).status_code == 207
    )
    records = dav.settings.run_dir / "identity"
    (record,) = [p for p in records.glob("*.json") if p.stem == _record_name("iris")]
    written = record.read_text()
    assert dav.request("webdav", "PROPFIND", f"/{GROUP}/", auth).status_code == 207
    # WsgiDAV took Radicale's check: it did not log in again (which would rewrite the record).
    assert record.read_text() == written


def _record_name(localpart: str) -> str:
    return hashlib.sha256(localpart.encode()).hexdigest()[:32]


def test_a_wrong_password_retried_does_not_lock_the_person_out(
    dav: DavStack, group_calendar: str
) -> None:
    _register(dav, "frank")
    _grant(dav.settings, dav.bot, extra_member="frank")
    wrong = ("frank", "an-old-password")
    for _ in range(8):  # a phone with an old password, retrying
        assert dav.request("webdav", "PROPFIND", f"/{GROUP}/", wrong).status_code == 401
    # Synapse allows 3 failed logins in a burst: the retries above were not all sent to it.
    right = dav.request("webdav", "PROPFIND", f"/{GROUP}/", dav.auth("frank"))
    assert right.status_code == 207


def test_a_changed_password_takes_effect_within_the_stated_time(dav: DavStack) -> None:
    _register(dav, "gina")
    old = dav.auth("gina")
    assert dav.request("caldav", "PROPFIND", "/gina/", old).status_code == 207
    new_password = secrets.token_urlsafe(12)
    session = _admin(dav)
    try:
        uid = matrix.user_id("gina", dav.settings.server_name)
        session._call(
            "POST",
            f"{matrix.ADMIN}/v1/reset_password/{uid}",
            json={"new_password": new_password, "logout_devices": True},
        )
    finally:
        session.close()
    time.sleep(dav.settings.get("identity", "cache_seconds") + 0.5)
    assert dav.request("caldav", "PROPFIND", "/gina/", old).status_code == 401
    assert dav.request("caldav", "PROPFIND", "/gina/", ("gina", new_password)).status_code == 207


def test_without_the_homeserver_the_service_works_and_people_are_told_to_retry(
    dav: DavStack, group_calendar: str
) -> None:
    _register(dav, "hugo")
    _grant(dav.settings, dav.bot, extra_member="hugo")
    synapse = dav.processes["synapse"]
    os.killpg(synapse.pid, signal.SIGSTOP)  # the homeserver hangs: no answer at all
    try:
        # The service account is checked locally: the watchers and the portal go on.
        with DavShares(dav.settings.url("webdav"), *dav.auth(dav.bot)) as shares:
            assert isinstance(shares.list_documents(GROUP), list)
        bot = dav.request("caldav", "PROPFIND", group_calendar, dav.auth(dav.bot))
        assert bot.status_code == 207
        # A person's login cannot be checked: 503 and Retry-After, never "wrong password".
        for service, path in (("caldav", "/hugo/"), ("webdav", f"/{GROUP}/")):
            response = dav.request(service, "PROPFIND", path, dav.auth("hugo"))
            assert response.status_code == 503, service
            assert int(response.headers["Retry-After"]) >= 1, service
    finally:
        os.killpg(synapse.pid, signal.SIGCONT)
    response = dav.request("webdav", "PROPFIND", f"/{GROUP}/", dav.auth("hugo"))
    assert response.status_code == 207
