"""Provisioning on real Synapse, Radicale and WsgiDAV: creation, idempotence, changes, identity."""

from __future__ import annotations

import logging
import tomllib

import httpx
import tomlkit
from sqlalchemy import select

from collab import dav_access, db, matrix, provision
from collab.dav_access import group_collection_path
from collab.matrix.admin import AdminSession
from collab.models import MatrixRoom
from collab.territory import load_territory

PROPFIND_DEPTH1 = {"Depth": "1"}
ETAGS_ONLY = b'<propfind xmlns="DAV:"><prop><getetag/></prop></propfind>'


def dav(settings, service: str, method: str, path: str, auth=None, **kwargs) -> httpx.Response:
    return httpx.request(method, settings.url(service) + path, auth=auth, timeout=30, **kwargs)


def bot_session(stack) -> AdminSession:
    return provision.bot_session(stack.settings, stack.secrets)


def rooms_by_key(settings) -> dict[str, str]:
    engine = db.make_engine(settings.database_url)
    with db.make_sessionmaker(engine)() as s:
        rows = {r.key: r.room_id for r in s.scalars(select(MatrixRoom))}
    engine.dispose()
    return rows


def edit_territory(path, change) -> None:
    data = tomllib.loads(path.read_text("utf-8"))
    change(data)
    path.write_text(tomlkit.dumps(data), encoding="utf-8")


def uid(stack, localpart: str) -> str:
    return matrix.user_id(localpart, stack.settings.server_name)


def test_rooms_follow_the_territory(stack, provisioned):
    territory, _ = provisioned
    rooms = rooms_by_key(stack.settings)
    session = bot_session(stack)
    try:
        space_children = {
            e["state_key"]
            for e in session._call("GET", f"{matrix.CLIENT}/rooms/{rooms['space']}/state")
            if e["type"] == matrix.SPACE_CHILD
        }
        for instance in territory.instances:
            room_id = rooms[instance.room_key]
            assert room_id in space_children
            assert session.state(room_id, "m.room.name")["name"] == instance.name
            assert session.state(room_id, "m.room.join_rules")["join_rule"] == "invite"
            members = session.members(room_id)
            wanted = {uid(stack, p.localpart) for p in territory.members(instance.key)}
            assert {u for u, m in members.items() if m in ("invite", "join")} == wanted | {
                session.user_id
            }
            levels = session.state(room_id, "m.room.power_levels")["users"]
            assert session.user_id not in levels  # creator of a v12 room: unlimited power
            for person in territory.members(instance.key):
                expected = 50 if person.is_moderator else None
                assert levels.get(uid(stack, person.localpart)) == expected
            encrypted = session.state(room_id, "m.room.encryption") is not None
            assert encrypted == instance.encrypted
    finally:
        session.close()


def test_demo_logins_written_private(stack, provisioned):
    territory, passwords = provisioned
    path = stack.settings.home / "demo-logins.json"
    assert path.stat().st_mode & 0o777 == 0o600
    assert set(passwords) == {p.localpart for p in territory.people}


def test_member_sees_instance_calendars_and_directory(stack, provisioned):
    territory, passwords = provisioned
    person = next(p for p in territory.people if len(p.instances) >= 2)
    auth = (person.localpart, passwords[person.localpart])
    response = dav(
        stack.settings, "caldav", "PROPFIND", f"/{person.localpart}/", auth, headers=PROPFIND_DEPTH1
    )
    assert response.status_code == 207
    for key in person.instances:
        assert group_collection_path(key) in response.text
    assert group_collection_path(dav_access.ADDRESS_BOOK_GROUP) in response.text
    assert f"/{person.localpart}/agenda/" in response.text
    cards = dav(
        stack.settings,
        "caldav",
        "PROPFIND",
        group_collection_path("annuaire"),
        auth,
        headers=PROPFIND_DEPTH1,
    )
    assert cards.status_code == 207
    assert cards.text.count(".vcf") == len(territory.people)
    # The directory is read-only for officials.
    put = dav(
        stack.settings,
        "caldav",
        "PUT",
        group_collection_path("annuaire") + "x.vcf",
        auth,
        content=b"BEGIN:VCARD\r\nVERSION:3.0\r\nUID:x\r\nFN:X\r\nEND:VCARD\r\n",
        headers={"Content-Type": "text/vcard"},
    )
    assert put.status_code == 403


def test_rights_anonymous_member_outsider(stack, provisioned):
    territory, passwords = provisioned
    instance = territory.instance("urbanisme")
    members = {p.localpart for p in territory.members("urbanisme")}
    member = next(iter(sorted(members)))
    outsider = next(p.localpart for p in territory.people if p.localpart not in members)
    calendar = group_collection_path(instance.key)
    share = f"/{instance.key}/"
    for service, path in (("caldav", calendar), ("webdav", share)):
        assert (
            dav(stack.settings, service, "PROPFIND", path, headers={"Depth": "0"}).status_code
            == 401
        )
        ok = dav(
            stack.settings,
            service,
            "PROPFIND",
            path,
            (member, passwords[member]),
            headers={"Depth": "0"},
        )
        assert ok.status_code == 207, (service, ok.text)
        refused = dav(
            stack.settings,
            service,
            "PROPFIND",
            path,
            (outsider, passwords[outsider]),
            headers={"Depth": "0"},
        )
        assert refused.status_code == 403, service


def snapshot(stack, territory, passwords) -> dict:
    """Everything provisioning may touch, in a comparable form."""
    rooms = rooms_by_key(stack.settings)
    session = bot_session(stack)
    try:
        state = {
            key: sorted(
                e["event_id"]
                for e in session._call("GET", f"{matrix.CLIENT}/rooms/{room_id}/state")
            )
            for key, room_id in rooms.items()
        }
    finally:
        session.close()
    person = territory.people[0]
    cards = dav(
        stack.settings,
        "caldav",
        "PROPFIND",
        group_collection_path("annuaire"),
        (person.localpart, passwords[person.localpart]),
        headers=PROPFIND_DEPTH1,
        content=ETAGS_ONLY,
    ).text
    home = stack.settings.home
    return {
        "rooms": rooms,
        "state": state,
        "cards": cards,
        "radicale": [(home / "radicale" / n).read_text() for n in ("rights", "groups")],
        "webdav": (home / "webdav" / "access.json").read_text(),
    }


def test_provision_again_changes_nothing(stack, provisioned, caplog):
    territory, passwords = provisioned
    # Once first: other tests on this session's servers may have written there from databases
    # of their own (the demos' shared contact details in the address book, for one).
    provision.provision(stack.settings, stack.secrets, territory, demo=True)
    before = snapshot(stack, territory, passwords)
    caplog.set_level(logging.INFO, logger="girou.progress")
    provision.provision(stack.settings, stack.secrets, territory, demo=True)
    assert snapshot(stack, territory, passwords) == before
    # Its progress, one task per phase (not a terminal: a summary line each).
    people, instances = len(territory.people), len(territory.instances)
    summaries = [r.getMessage() for r in caplog.records if " done in " in r.getMessage()]
    assert [s.split(" done in ")[0] for s in summaries] == [
        f"Matrix accounts: {people}",
        f"Matrix rooms: {1 + instances}",
        f"Calendars and address book: {instances + people + 1}",
    ]


def test_membership_change_propagates_and_revokes(stack, provisioned):
    territory, passwords = provisioned
    newcomer = next(p for p in territory.people if "finances" not in p.instances)
    path = stack.territory_path

    def add(data):
        for person in data["people"]:
            if person["localpart"] == newcomer.localpart:
                person["instances"].append("finances")

    def remove(data):
        for person in data["people"]:
            if person["localpart"] == newcomer.localpart:
                person["instances"].remove("finances")

    auth = (newcomer.localpart, passwords[newcomer.localpart])
    calendar, share = group_collection_path("finances"), "/finances/"
    room_id = rooms_by_key(stack.settings)["instance:finances"]
    original = path.read_text("utf-8")
    try:
        edit_territory(path, add)
        provision.provision(stack.settings, stack.secrets, load_territory(path), demo=True)
        session = bot_session(stack)
        assert session.members(room_id)[uid(stack, newcomer.localpart)] == "invite"
        for service, target in (("caldav", calendar), ("webdav", share)):
            assert (
                dav(
                    stack.settings, service, "PROPFIND", target, auth, headers={"Depth": "0"}
                ).status_code
                == 207
            )
        edit_territory(path, remove)
        provision.provision(stack.settings, stack.secrets, load_territory(path), demo=True)
        assert session.members(room_id)[uid(stack, newcomer.localpart)] == "leave"
        session.close()
        for service, target in (("caldav", calendar), ("webdav", share)):
            assert (
                dav(
                    stack.settings, service, "PROPFIND", target, auth, headers={"Depth": "0"}
                ).status_code
                == 403
            )
    finally:
        path.write_text(original, encoding="utf-8")
        provision.provision(stack.settings, stack.secrets, load_territory(path), demo=True)


def test_one_identity_and_deactivation(stack, provisioned):
    territory, _ = provisioned
    path = stack.territory_path
    original = path.read_text("utf-8")

    def add_zoe(data):
        data["people"].append(
            {
                "localpart": "zoe.essai",
                "name": "Zoé Essai",
                "commune": territory.communes[0].insee,
                "role": "conseiller",
                "instances": ["urbanisme"],
            }
        )

    try:
        edit_territory(path, add_zoe)
        logins = provision.provision(stack.settings, stack.secrets, load_territory(path), demo=True)
        password = next(login.password for login in logins if login.localpart == "zoe.essai")
        auth = ("zoe.essai", password)
        with httpx.Client(base_url=stack.settings.url("matrix")) as http:
            assert matrix.check_password(http, "zoe.essai", password)
        targets = (("caldav", "/zoe.essai/"), ("webdav", "/urbanisme/"))
        for service, target in targets:
            ok = dav(stack.settings, service, "PROPFIND", target, auth, headers={"Depth": "0"})
            assert ok.status_code == 207, service
            wrong = dav(stack.settings, service, "PROPFIND", target, ("zoe.essai", "x" + password))
            assert wrong.status_code == 401, service

        session = bot_session(stack)
        session.deactivate(uid(stack, "zoe.essai"))
        session.close()
        # DAV follows within [identity] cache_seconds: tests/test_dav_servers.py waits for it.
        with httpx.Client(base_url=stack.settings.url("matrix")) as http:
            assert not matrix.check_password(http, "zoe.essai", password)
    finally:
        path.write_text(original, encoding="utf-8")
        provision.provision(stack.settings, stack.secrets, load_territory(path), demo=True)
