"""Provisioning: the territory file made real in Matrix, CalDAV/CardDAV and WebDAV (idempotent)."""

from __future__ import annotations

import json
import logging
import secrets as random
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path

import httpx
from sqlalchemy import select

from collab import dav_access, db, matrix, progress
from collab.atomic import write_private
from collab.caldav import DavAgenda
from collab.config import Settings
from collab.credentials import Secrets
from collab.matrix import admin
from collab.matrix.admin import AdminSession
from collab.models import MatrixRoom
from collab.territory import Instance, Person, Territory
from collab.webdav import PUBLICATIONS
from portal.features import FEATURES
from portal.officials.cards import address_book

log = logging.getLogger("girou.provision")

SPACE_KEY = "space"
MODERATOR_LEVEL = 50
PARALLEL_REQUESTS = 4


@dataclass(frozen=True)
class DemoLogin:
    user_id: str
    localpart: str
    password: str
    role: str
    instances: list[str]


def provision(
    settings: Settings, secrets: Secrets, territory: Territory, *, demo: bool
) -> list[DemoLogin]:
    """Make Matrix, CalDAV/CardDAV and WebDAV say what the territory file says."""
    reserved = dav_access.ADDRESS_BOOK_GROUP
    if any(i.key == reserved for i in territory.instances):
        raise ValueError(f"instance key {reserved!r} is reserved for the officials' address book")
    passwords = _demo_passwords(settings, territory) if demo else {}
    session = bot_session(settings, secrets)
    try:
        with progress.task("Matrix accounts", total=len(territory.people)) as advance:
            _ensure_accounts(session, settings, territory, passwords, advance)
        with progress.task("Matrix rooms", total=1 + len(territory.instances)) as advance:
            rooms = _ensure_rooms(session, settings, territory, advance)
    finally:
        session.close()
    _remember_rooms(settings, rooms)
    dav_steps = len(territory.instances) + len(territory.people) + 1
    with progress.task("Calendars and address book", total=dav_steps) as advance:
        _provision_dav(settings, secrets, territory, advance)
    _apply_to_features(settings, territory)
    logins = [
        DemoLogin(
            matrix.user_id(p.localpart, settings.server_name),
            p.localpart,
            passwords[p.localpart],
            p.role,
            list(p.instances),
        )
        for p in territory.people
        if p.localpart in passwords
    ]
    if demo:
        write_private(
            settings.home / "demo-logins.json",
            json.dumps([asdict(login) for login in logins], ensure_ascii=False, indent=2) + "\n",
        )
    return logins


def _apply_to_features(settings: Settings, territory: Territory) -> None:
    """Each feature's `territory_applied(db, territory)`, in one transaction each."""
    engine = db.make_engine(settings.database_url)
    sessions = db.make_sessionmaker(engine)
    try:
        for feature in FEATURES:
            if feature.territory_applied is None:
                continue
            with sessions.begin() as s:
                line = feature.territory_applied(s, territory)
            if line:
                log.info("%s: %s", feature.name, line)
    finally:
        engine.dispose()


# --- Matrix ---------------------------------------------------------------------------------
def service_token_path(settings: Settings) -> Path:
    """Where the service account's kept Matrix token lives (mode 0600, beside the secrets)."""
    return admin.service_token_path(settings.home)


def bot_session(settings: Settings, secrets: Secrets) -> AdminSession:
    """The service account's kept session, creating the account on first run."""
    localpart = settings.get("matrix", "bot_localpart")
    url = settings.url("matrix")
    token_path = service_token_path(settings)
    args = (url, localpart, secrets.bot_password, settings.server_name, token_path)
    try:
        session = AdminSession.resume(*args)
    except matrix.MatrixError as exc:
        if exc.status != 403:
            raise
        with httpx.Client(base_url=url, timeout=30) as http:
            matrix.register_with_shared_secret(
                http,
                secrets.registration_shared_secret,
                localpart,
                secrets.bot_password,
                admin=True,
                displayname="Girou",
            )
        log.info("created the bot account %s", settings.bot_user_id)
        session = AdminSession.resume(*args)
    session.exempt_from_rate_limits(session.user_id)
    return session


def _demo_passwords(settings: Settings, territory: Territory) -> dict[str, str]:
    """Demo passwords are kept in demo-logins.json so that a restart does not change them."""
    path = settings.home / "demo-logins.json"
    known = {}
    if path.exists():
        known = {e["localpart"]: e["password"] for e in json.loads(path.read_text("utf-8"))}
    return {
        p.localpart: known.get(p.localpart) or random.token_urlsafe(9) for p in territory.people
    }


def _ensure_accounts(
    session: AdminSession,
    settings: Settings,
    territory: Territory,
    passwords: dict[str, str],
    advance: progress.Advance,
) -> None:
    def ensure(person: Person) -> None:
        uid = matrix.user_id(person.localpart, settings.server_name)
        info = session.user_info(uid)
        if info is None:
            # Outside the demo nobody ever sees this password: an administrator sets a real
            # one with the admin API (or the person resets it), so none is stored anywhere.
            password = passwords.get(person.localpart) or random.token_urlsafe(24)
            session.upsert_user(uid, password=password, displayname=person.name, admin=False)
            log.info("created account %s", uid)
        elif info.get("displayname") != person.name:
            session.upsert_user(uid, displayname=person.name)
        advance()

    # Password hashing dominates account creation and Synapse runs it in a thread pool:
    # a few requests at once use every core.
    _in_parallel(ensure, territory.people)


def _in_parallel(function, items) -> list:
    with ThreadPoolExecutor(max_workers=PARALLEL_REQUESTS) as pool:
        return list(pool.map(function, items))


def _room_alias_local(key: str) -> str:
    return "girou-" + key.replace(":", "-")


def _ensure_room(
    session: AdminSession,
    settings: Settings,
    key: str,
    name: str,
    topic: str,
    members: tuple[Person, ...],
    *,
    space: bool = False,
    encrypted: bool = False,
    parent: str | None = None,
) -> str:
    alias = f"#{_room_alias_local(key)}:{settings.server_name}"
    room_id = session.resolve_alias(alias)
    if room_id is None:
        initial_state = [
            {"type": "m.room.join_rules", "content": {"join_rule": "invite"}},
            {"type": "m.room.history_visibility", "content": {"history_visibility": "shared"}},
            {"type": "m.room.guest_access", "content": {"guest_access": "forbidden"}},
        ]
        if encrypted:
            initial_state.append(
                {"type": "m.room.encryption", "content": {"algorithm": "m.megolm.v1.aes-sha2"}}
            )
        if parent:
            initial_state.append(
                {
                    "type": matrix.SPACE_PARENT,
                    "state_key": parent,
                    "content": {"via": [settings.server_name], "canonical": True},
                }
            )
        body = {
            "name": name,
            "topic": topic,
            "preset": "private_chat",
            "visibility": "private",
            "room_alias_name": _room_alias_local(key),
            "initial_state": initial_state,
            # Invitations and moderators in the creation itself: one request instead of one
            # per member (first start-up time).
            "invite": [matrix.user_id(p.localpart, settings.server_name) for p in members],
            "power_level_content_override": {"users": _power_users(settings, members)},
        }
        if space:
            body["creation_content"] = {"type": "m.space"}
        room_id = session.create_room(body)
        log.info("created room %s (%s)", name, room_id)
    else:
        current = session.state(room_id, "m.room.name") or {}
        if current.get("name") != name:
            session.put_state(room_id, "m.room.name", {"name": name})
    return room_id


def _ensure_rooms(
    session: AdminSession, settings: Settings, territory: Territory, advance: progress.Advance
) -> dict[str, tuple[str, str]]:
    """Space and rooms exist, with the right members and moderators. Returns key -> (id, name)."""
    space_id = _ensure_room(
        session,
        settings,
        SPACE_KEY,
        territory.name,
        f"Espace de coopération des élus — {territory.name}",
        territory.people,
        space=True,
    )
    rooms = {SPACE_KEY: (space_id, territory.name)}
    _sync_members(session, settings, space_id, territory.people)
    advance()

    def ensure(instance: Instance) -> tuple[str, tuple[str, str]]:
        room_id = _ensure_room(
            session,
            settings,
            instance.room_key,
            instance.name,
            _topic(instance, territory),
            territory.members(instance.key),
            encrypted=instance.encrypted,
            parent=space_id,
        )
        child = session.state(space_id, matrix.SPACE_CHILD, room_id)
        if not child or not child.get("via"):
            session.put_state(
                space_id, matrix.SPACE_CHILD, {"via": [settings.server_name]}, state_key=room_id
            )
        _sync_members(session, settings, room_id, territory.members(instance.key))
        advance()
        return instance.room_key, (room_id, instance.name)

    rooms.update(_in_parallel(ensure, territory.instances))
    return rooms


def _topic(instance: Instance, territory: Territory) -> str:
    return f"{instance.name} — {territory.short_name}"


def _sync_members(
    session: AdminSession,
    settings: Settings,
    room_id: str,
    members: tuple[Person, ...],
) -> None:
    """Invite who should be there, remove who should not, set moderators' power levels."""
    wanted = {matrix.user_id(p.localpart, settings.server_name): p for p in members}
    current = session.members(room_id)
    for uid in wanted:
        if current.get(uid) not in ("join", "invite"):
            session.invite(room_id, uid)
    for uid, membership in current.items():
        if uid != session.user_id and uid not in wanted and membership in ("join", "invite"):
            session.kick(room_id, uid, "Ne fait plus partie de cette instance")
    levels = session.state(room_id, "m.room.power_levels") or {}
    users = _power_users(settings, members)
    if levels.get("users") != users:
        levels["users"] = users
        session.put_state(room_id, "m.room.power_levels", levels)


def _power_users(settings: Settings, members: tuple[Person, ...]) -> dict[str, int]:
    # Rooms are version 12: the bot created them and, as creator, has unlimited power; the
    # version forbids listing creators among the users.
    return {
        matrix.user_id(p.localpart, settings.server_name): MODERATOR_LEVEL
        for p in members
        if p.is_moderator
    }


def _remember_rooms(settings: Settings, rooms: dict[str, tuple[str, str]]) -> None:
    engine = db.make_engine(settings.database_url)
    sessions = db.make_sessionmaker(engine)
    with sessions.begin() as s:
        known = {r.key: r for r in s.scalars(select(MatrixRoom))}
        for key, (room_id, name) in rooms.items():
            row = known.get(key)
            if row is None:
                s.add(MatrixRoom(key=key, room_id=room_id, name=name))
            else:
                row.room_id, row.name = room_id, name
    engine.dispose()


# --- CalDAV / CardDAV / WebDAV --------------------------------------------------------------
def _provision_dav(
    settings: Settings, secrets: Secrets, territory: Territory, advance: progress.Advance
) -> None:
    bot = settings.get("matrix", "bot_localpart")
    everyone = [p.localpart for p in territory.people]
    groups = {i.key: [p.localpart for p in territory.members(i.key)] for i in territory.instances}
    groups[dav_access.ADDRESS_BOOK_GROUP] = everyone
    dav_access.write_calendar_access(settings, groups, service_user=bot)

    agenda = DavAgenda(settings.url("caldav"), bot, secrets.bot_password)
    for instance in territory.instances:
        agenda.ensure_calendar(
            dav_access.group_collection_path(instance.key), f"Agenda — {instance.name}"
        )
        advance()
    for person in territory.people:
        agenda.ensure_principal(person.localpart)
        agenda.ensure_calendar(
            dav_access.personal_calendar_path(person.localpart), "Agenda personnel"
        )
        advance()
    directory = dav_access.group_collection_path(dav_access.ADDRESS_BOOK_GROUP)
    agenda.ensure_addressbook(directory, f"Annuaire des élus — {territory.short_name}")
    engine = db.make_engine(settings.database_url)
    try:
        with db.make_sessionmaker(engine)() as s:
            cards = address_book(s, territory, settings)
    finally:
        engine.dispose()
    agenda.sync_vcards(directory, cards)
    advance()

    shares = {i.key: {"rw": [bot, *groups[i.key]], "ro": []} for i in territory.instances}
    shares[PUBLICATIONS] = {
        "rw": [bot, *(p.localpart for p in territory.people if p.is_staff)],
        "ro": [p.localpart for p in territory.people if not p.is_staff],
    }
    dav_access.write_share_access(settings, shares)
