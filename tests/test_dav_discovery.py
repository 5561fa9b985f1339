"""Discovery from the server root, as the README tells people to set up their clients.

Every client given `http://HOST:5232/` must find the same collections: the person's own agenda,
the calendar of each of their instances and the officials' directory. Checked by hand (the
PROPFINDs of RFC 4791 and RFC 6764: root, principal, home), with vdirsyncer and with tsdav,
against the session's provisioned Radicale.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit
from xml.etree.ElementTree import Element

import httpx
import pytest
from defusedxml import ElementTree

from collab import dav_access
from collab.territory import Person

ROOT = Path(__file__).resolve().parent.parent
TSDAV_SCRIPT = ROOT / "tests" / "clients" / "tsdav_collections.cjs"
TSDAV_PACKAGE = ROOT / "node_modules" / "tsdav"

DAV = "{DAV:}"
CALDAV = "{urn:ietf:params:xml:ns:caldav}"
CARDDAV = "{urn:ietf:params:xml:ns:carddav}"
DISCOVERY_PROPS = """<?xml version="1.0" encoding="utf-8"?>
<d:propfind xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav"
            xmlns:card="urn:ietf:params:xml:ns:carddav">
  <d:prop>
    <d:resourcetype/><d:displayname/><d:current-user-principal/>
    <c:calendar-home-set/><card:addressbook-home-set/>
  </d:prop>
</d:propfind>"""


def _person(provisioned) -> tuple[Person, tuple[str, str]]:
    territory, passwords = provisioned
    person = next(p for p in territory.people if len(p.instances) >= 2)
    return person, (person.localpart, passwords[person.localpart])


def _expected(person: Person) -> tuple[set[str], set[str]]:
    """(calendar paths, address book paths) the person may use, from what provisioning made."""
    calendars = {dav_access.personal_calendar_path(person.localpart)}
    calendars |= {dav_access.group_collection_path(key) for key in person.instances}
    return calendars, {dav_access.group_collection_path(dav_access.ADDRESS_BOOK_GROUP)}


def _propfind(settings, path: str, auth: tuple[str, str], depth: str) -> dict[str, Element]:
    """The 200 properties of each response, by href."""
    response = httpx.request(
        "PROPFIND",
        settings.url("caldav") + path,
        auth=auth,
        headers={"Depth": depth, "Content-Type": "application/xml"},
        content=DISCOVERY_PROPS,
        timeout=30,
    )
    assert response.status_code == 207, response.text
    found = {}
    for answer in ElementTree.fromstring(response.content).iter(f"{DAV}response"):
        prop = next(
            stat.find(f"{DAV}prop")
            for stat in answer.iter(f"{DAV}propstat")
            if " 200 " in stat.findtext(f"{DAV}status", "")
        )
        found[answer.findtext(f"{DAV}href")] = prop
    return found


def _kinds(props: dict[str, Element]) -> tuple[set[str], set[str]]:
    """(calendar hrefs, address book hrefs) among the responses."""

    def having(kind: str) -> set[str]:
        return {h for h, p in props.items() if p.find(f"{DAV}resourcetype/{kind}") is not None}

    return having(f"{CALDAV}calendar"), having(f"{CARDDAV}addressbook")


def test_root_points_to_the_principal_and_its_home_lists_everything(stack, provisioned) -> None:
    person, auth = _person(provisioned)
    home = f"/{person.localpart}/"

    root = _propfind(stack.settings, "/", auth, "0")["/"]
    assert root.findtext(f"{DAV}current-user-principal/{DAV}href") == home
    # The root is no home: a client that lists it (vdirsyncer does, first) finds no collection
    # there and goes on to the principal's home.
    assert _kinds(_propfind(stack.settings, "/", auth, "1")) == (set(), set())

    principal = _propfind(stack.settings, home, auth, "0")[home]
    assert principal.findtext(f"{CALDAV}calendar-home-set/{DAV}href") == home
    assert principal.findtext(f"{CARDDAV}addressbook-home-set/{DAV}href") == home
    assert _kinds(_propfind(stack.settings, home, auth, "1")) == _expected(person)


def test_a_collection_lists_only_its_own_members(stack, provisioned) -> None:
    person, auth = _person(provisioned)
    calendars, books = _expected(person)
    for path in sorted(calendars | books):
        hrefs = _propfind(stack.settings, path, auth, "1")
        assert {h for h in hrefs if not h.startswith(path)} == set(), path


def _vdirsyncer() -> str | None:
    # The test environment's own, then any on the PATH.
    search = os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])
    return shutil.which("vdirsyncer", path=search)


def test_vdirsyncer_discovers_every_collection_from_the_root(stack, provisioned, tmp_path) -> None:
    vdirsyncer = _vdirsyncer()
    if vdirsyncer is None:
        pytest.skip("vdirsyncer is not installed (pip install -e '.[test]' brings it)")
    person, (user, password) = _person(provisioned)
    root = stack.settings.url("caldav") + "/"
    pairs = []
    for kind, extension in (("caldav", ".ics"), ("carddav", ".vcf")):
        pairs.append(
            f"""
[pair {kind}]
a = "{kind}_server"
b = "{kind}_local"
collections = ["from a"]

[storage {kind}_server]
type = "{kind}"
url = {json.dumps(root)}
username = {json.dumps(user)}
password = {json.dumps(password)}

[storage {kind}_local]
type = "filesystem"
path = {json.dumps(str(tmp_path / kind))}
fileext = "{extension}"
"""
        )
    config = tmp_path / "config"
    status = tmp_path / "status"
    config.write_text(f'[general]\nstatus_path = "{status}/"\n' + "".join(pairs), "utf-8")
    # It asks whether to create each local copy: yes to all.
    result = subprocess.run(
        [vdirsyncer, "-c", str(config), "discover"],
        input="y\n" * 50,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr

    def discovered(pair: str) -> set[str]:
        # vdirsyncer's record of the pair: [name, [server side, local side]] per collection.
        saved = json.loads((status / f"{pair}.collections").read_text("utf-8"))
        return {urlsplit(sides[0]["url"]).path for _, sides in saved["collections"]}

    assert (discovered("caldav"), discovered("carddav")) == _expected(person)


def test_tsdav_lists_every_collection_from_the_root(stack, provisioned) -> None:
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed")
    if not TSDAV_PACKAGE.is_dir():
        pytest.skip("tsdav is not installed (npm ci brings it)")
    person, (user, password) = _person(provisioned)
    result = subprocess.run(
        [node, str(TSDAV_SCRIPT), stack.settings.url("caldav") + "/", user, password],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    calendars = {urlsplit(c["url"]).path for c in found["calendars"]}
    books = {urlsplit(b["url"]).path for b in found["addressBooks"]}
    assert (calendars, books) == _expected(person)
