"""Radicale, the CalDAV/CardDAV server: its config, and the group and rights files it obeys."""

from __future__ import annotations

import base64
import re
import sys
from pathlib import Path
from urllib.parse import quote

from collab.atomic import write_atomic
from collab.config import Settings
from collab.credentials import Secrets
from collab.servers import BaseServer

# This module runs in the supervisor and in provisioning: it must never import radicale, whose
# import changes the XML library's global state for everything else in the process.

# Group names go into the htgroup file, the rights file (comma-separated) and, base64-encoded,
# into URL paths; this alphabet is safe in all three and never encodes to "/" or "+".
GROUP_NAME = re.compile(r"[a-z0-9][a-z0-9_.-]*")
# The officials' directory address book: members read it, only the service account writes it.
READ_ONLY_GROUPS = frozenset({"annuaire"})

# Permission letters (radicale/rights/__init__.py). Collections are deleted and overwritten
# only with an explicit D / O, because the config turns permit_delete_collection and
# permit_overwrite_collection off.
SERVICE_PERMISSIONS = "RrWwDO"  # the bot: creates principals, calendars and address books
OWNER_PERMISSIONS = "RrWwDO"  # everyone, on /<user>/ and below
GROUP_PERMISSIONS = "rwl"  # events in a group calendar; "l": no renaming the shared calendar
READ_ONLY_PERMISSIONS = "r"
ROOT_PERMISSIONS = "R"  # clients PROPFIND / while discovering their principal


def _check_group(group: str) -> None:
    if not GROUP_NAME.fullmatch(group):
        raise ValueError(f"invalid group name {group!r}: expected lowercase letters, digits, _.-")


def _group_folder(group: str) -> str:
    """The collection name under GROUPS/: the group name in standard base64, as Radicale has it."""
    _check_group(group)
    return base64.b64encode(group.encode()).decode("ascii")


def group_collection_path(group: str) -> str:
    """The URL path of a group's collection, quoted as in Radicale's hrefs ("=" as %3D)."""
    return quote(f"/GROUPS/{_group_folder(group)}/")


def _rights_file(groups: dict[str, list[str]], service_user: str) -> str:
    # First matching section wins: service account, root, groups, then everyone's own home.
    sections = [
        ("service", f"user = {re.escape(service_user)}", ".*", SERVICE_PERMISSIONS),
        ("root", "user = .+", "", ROOT_PERMISSIONS),
    ]
    for group in sorted(groups):
        permissions = READ_ONLY_PERMISSIONS if group in READ_ONLY_GROUPS else GROUP_PERMISSIONS
        # Only the collection itself: its items inherit from it, and nothing may be nested.
        collection = re.escape(f"GROUPS/{_group_folder(group)}")
        sections.append((f"group {group}", f"user =\ngroups = {group}", collection, permissions))
    # Matrix localparts are lowercase, so no one's home can be the GROUPS folder.
    sections.append(("owner", "user = .+", "{user}(/.*)?", OWNER_PERMISSIONS))
    lines = ["# Written by girou (collab.servers.radicale.write_access): edits are overwritten."]
    for name, who, collection, permissions in sections:
        lines += [
            "",
            f"[{name}]",
            who,
            f"collection = {collection}",
            f"permissions = {permissions}",
        ]
    return "\n".join(lines) + "\n"


def _groups_file(groups: dict[str, list[str]]) -> str:
    lines = ["# Written by girou (collab.servers.radicale.write_access): edits are overwritten."]
    for group in sorted(groups):
        members = sorted(set(groups[group]))
        if members:
            lines.append(f"{group}:{' '.join(members)}")
    return "\n".join(lines) + "\n"


def write_access(settings: Settings, groups: dict[str, list[str]], service_user: str) -> None:
    """Write who belongs to which group and what each may do; Radicale picks both up live."""
    for group, members in groups.items():
        _check_group(group)
        for member in members:
            if not member or any(c in member for c in " :/\n"):
                raise ValueError(f"group {group}: invalid member localpart {member!r}")
    data = settings.home / "radicale"
    # Membership first: a removal applies at once, and a new group grants nothing until the
    # rules naming it are in place.
    write_atomic(data / "groups", _groups_file(groups))
    write_atomic(data / "rights", _rights_file(groups, service_user))


class Server(BaseServer):
    name = "radicale"
    port_key = ("caldav", "port")

    @property
    def config_path(self) -> Path:
        return self.data_dir / "config"

    def radicale_config(self) -> str:
        data = self.data_dir
        # Radicale answers every 401 and 403 after about a second, against password guessing;
        # like Synapse's rate limits, that protection is lifted for tests and benchmarks only.
        delay = 0 if self.settings.get("matrix", "relaxed_rate_limits") else 1
        return f"""# Written by girou from girou.toml on every start: edit girou.toml instead.
# Served by collab.servers.radicale_app (cheroot, behind the login gate) on
# {self.settings.bind}:{self.port}.

[encoding]
request = utf-8
stock = utf-8

[auth]
type = collab.servers.radicale_auth
realm = Girou
delay = {delay}

[group]
type = htgroup
htgroup_filename = {data / "groups"}
# Re-read on every request, so that membership changes apply at once.
htgroup_cache = False

[rights]
type = collab.servers.radicale_rights
file = {data / "rights"}
permit_delete_collection = False
permit_overwrite_collection = False

[storage]
filesystem_folder = {data / "collections"}

[web]
type = none

[logging]
level = warning
mask_passwords = True
"""

    def prepare(self, secrets: Secrets) -> None:
        data = self.data_dir
        (data / "collections").mkdir(parents=True, exist_ok=True)
        write_atomic(self.config_path, self.radicale_config())
        if not (data / "groups").exists():
            write_atomic(data / "groups", _groups_file({}))
        if not (data / "rights").exists():
            service_user = self.settings.get("matrix", "bot_localpart")
            write_atomic(data / "rights", _rights_file({}, service_user))

    def command(self) -> list[str]:
        return [sys.executable, "-m", "collab.servers.radicale_app", str(self.config_path)]

    def health_path(self) -> str:
        # Answers 401 without asking the homeserver (no credentials sent): the server is up.
        return "/"
