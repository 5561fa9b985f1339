"""Two readers of an iCalendar file, as calendar apps read it: ical.js (through node) and icalendar.

Each gives, for every VEVENT, its UID, the UTC instant of its start and that instant on the
wall clock of a zone, computed from the file's own VTIMEZONE, not from a time zone database.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from datetime import UTC
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = Path(__file__).with_name("calendar_readers.mjs")
ICAL_JS = ROOT / "node_modules" / "ical.js"

Start = tuple[str, str, str]  # (uid, UTC instant, local wall clock), ISO 8601 to the second


def need_ical_js() -> None:
    """Skip the calling test, with the reason, when node or the ical.js package is missing."""
    if shutil.which("node") is None:
        pytest.skip("node is not installed: cannot read the calendar with ical.js")
    if not ICAL_JS.is_dir():
        pytest.skip("ical.js is not installed: run `npm ci` at the repository root")


def read_with_ical_js(ics: bytes, zone: str = "Europe/Paris") -> list[Start]:
    need_ical_js()
    done = subprocess.run(
        ["node", str(SCRIPT), zone],
        input=ics,
        capture_output=True,
        cwd=ROOT,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr.decode()
    return [(e["uid"], e["utc"], e["local"]) for e in json.loads(done.stdout)]


def read_with_icalendar(ics: bytes, zone: str = "Europe/Paris") -> list[Start]:
    calendar = icalendar.Calendar.from_ical(ics)
    # The file's own definitions, not the system's zone of the same name.
    defined = {str(tz["TZID"]): tz.to_tz(lookup_tzid=False) for tz in calendar.walk("VTIMEZONE")}
    starts = []
    for event in calendar.walk("VEVENT"):
        prop = event["DTSTART"]
        tzid = prop.params.get("TZID")
        start = prop.dt
        if tzid:
            assert tzid in defined, f"no VTIMEZONE for TZID {tzid}"
            start = start.replace(tzinfo=defined[tzid])
        instant = start.astimezone(UTC)
        local = instant.astimezone(ZoneInfo(zone)).replace(tzinfo=None)
        starts.append(
            (str(event["UID"]), instant.strftime("%Y-%m-%dT%H:%M:%SZ"), local.isoformat())
        )
    return starts
