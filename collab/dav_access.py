"""Who may do what on the DAV servers: the files provisioning writes and the servers obey.

Radicale (CalDAV/CardDAV): the groups file (htgroup: who belongs to which instance) and the
rights file (what each may do where), both re-read on every request; a group's calendar or
address book lives at /GROUPS/<group name in base64>/ and is listed in each member's home
/<user>/ (collab.servers.radicale_storage). WsgiDAV: access.json (who reads, who writes each
share) and the shares' folders. Both servers pick a change up at once.

Neither server is imported here: this module runs in provisioning and the watchers (importing
radicale changes the XML library's global state for everything else in the process).
"""

from __future__ import annotations

import base64
import json
import re
from pathlib import Path
from urllib.parse import quote

from collab.atomic import write_atomic
from collab.config import Settings

# --- Radicale ---------------------------------------------------------------------------------
# Group names go into the htgroup file, the rights file (comma-separated) and, base64-encoded,
# into URL paths; this alphabet is safe in all three and never encodes to "/" or "+".
GROUP_NAME = re.compile(r"[a-z0-9][a-z0-9_.-]*")
# The officials' directory address book: members read it, only the service account writes it.
ADDRESS_BOOK_GROUP = "annuaire"  # its collection: /GROUPS/YW5udWFpcmU=/
READ_ONLY_GROUPS = frozenset({ADDRESS_BOOK_GROUP})

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


def personal_calendar_path(localpart: str) -> str:
    """The URL path of a person's own calendar ("Agenda personnel"), in their home /<user>/."""
    return f"/{localpart}/agenda/"


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
    lines = ["# Written by girou (collab.dav_access.write_calendar_access): edits are overwritten."]
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
    lines = ["# Written by girou (collab.dav_access.write_calendar_access): edits are overwritten."]
    for group in sorted(groups):
        members = sorted(set(groups[group]))
        if members:
            lines.append(f"{group}:{' '.join(members)}")
    return "\n".join(lines) + "\n"


def write_calendar_access(
    settings: Settings, groups: dict[str, list[str]], service_user: str
) -> None:
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


def ensure_calendar_access(settings: Settings, service_user: str) -> None:
    """Before the first provisioning: no groups, and the rules without them."""
    data = settings.home / "radicale"
    if not (data / "groups").exists():
        write_atomic(data / "groups", _groups_file({}))
    if not (data / "rights").exists():
        write_atomic(data / "rights", _rights_file({}, service_user))


# --- WsgiDAV ----------------------------------------------------------------------------------
SHARE_NAME = re.compile(r"[a-z0-9][a-z0-9_.-]*")


def shares_dir(settings: Settings) -> Path:
    return settings.home / "webdav" / "shares"


def access_path(settings: Settings) -> Path:
    return settings.home / "webdav" / "access.json"


def write_share_access(settings: Settings, shares: dict[str, dict[str, list[str]]]) -> None:
    """Write who may read (ro) or write (rw) each share, creating missing share folders."""
    clean: dict[str, dict[str, list[str]]] = {}
    for share, levels in shares.items():
        if not SHARE_NAME.fullmatch(share):
            raise ValueError(f"invalid share name {share!r}: expected lowercase letters, digits")
        unknown = set(levels) - {"rw", "ro"}
        if unknown:
            raise ValueError(f"share {share}: unknown access level(s) {sorted(unknown)}")
        clean[share] = {level: sorted(set(levels.get(level, []))) for level in ("rw", "ro")}
        (shares_dir(settings) / share).mkdir(parents=True, exist_ok=True)
    path = access_path(settings)
    write_atomic(path, json.dumps({"shares": clean}, indent=2, sort_keys=True))
