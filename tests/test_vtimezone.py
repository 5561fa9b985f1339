"""The VTIMEZONEs the project writes: yearly rules, read back right by ical.js and icalendar."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import icalendar
import pytest
from calendar_readers import read_with_ical_js, read_with_icalendar

from collab.vtimezone import add_timezones, vtimezone

YEAR = dt.datetime.now(dt.UTC).year
STAMP = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)


def _text(value) -> str:
    written = value.to_ical()
    return written.decode() if isinstance(written, bytes) else written


def _observances(zone: str) -> dict[str, list[tuple[str, ...]]]:
    """The sub-components of the zone's VTIMEZONE as written, by kind."""
    written = icalendar.Calendar.from_ical(
        b"BEGIN:VCALENDAR\r\n" + vtimezone(ZoneInfo(zone)).to_ical() + b"END:VCALENDAR\r\n"
    )
    (component,) = written.walk("VTIMEZONE")
    assert str(component["TZID"]) == zone
    found: dict[str, list[tuple[str, ...]]] = {}
    for part in component.subcomponents:
        found.setdefault(part.name, []).append(
            tuple(
                _text(part[name]) if name in part else ""
                for name in ("DTSTART", "RRULE", "TZOFFSETFROM", "TZOFFSETTO", "TZNAME")
            )
        )
    return found


def _rule(text: str) -> dict[str, str]:
    return dict(part.split("=") for part in text.split(";"))


def test_paris_changes_on_the_last_sundays_of_march_and_october() -> None:
    found = _observances("Europe/Paris")
    assert sorted(found) == ["DAYLIGHT", "STANDARD"]
    ((summer_start, summer_rule, *summer),) = found["DAYLIGHT"]
    ((winter_start, winter_rule, *winter),) = found["STANDARD"]
    assert summer == ["+0100", "+0200", "CEST"]
    assert winter == ["+0200", "+0100", "CET"]
    assert _rule(summer_rule) == {"FREQ": "YEARLY", "BYMONTH": "3", "BYDAY": "-1SU"}
    assert _rule(winter_rule) == {"FREQ": "YEARLY", "BYMONTH": "10", "BYDAY": "-1SU"}
    # Each starts on its rule's first day (29 March and 25 October 1970 were the last Sundays),
    # at the local time before the change.
    assert (summer_start, winter_start) == ("19700329T020000", "19701025T030000")


def test_sydney_has_summer_time_from_october_to_april() -> None:
    found = _observances("Australia/Sydney")
    ((summer_start, summer_rule, *summer),) = found["DAYLIGHT"]
    ((winter_start, winter_rule, *winter),) = found["STANDARD"]
    assert summer == ["+1000", "+1100", "AEDT"]
    assert winter == ["+1100", "+1000", "AEST"]
    assert _rule(summer_rule) == {"FREQ": "YEARLY", "BYMONTH": "10", "BYDAY": "1SU"}
    assert _rule(winter_rule) == {"FREQ": "YEARLY", "BYMONTH": "4", "BYDAY": "1SU"}
    assert (summer_start, winter_start) == ("19701004T020000", "19700405T030000")


def test_a_zone_without_summer_time_has_one_standard_observance() -> None:
    assert _observances("Indian/Reunion") == {
        "STANDARD": [("19700101T000000", "", "+0400", "+0400", "+04")]
    }


def _months_with_changes(zone: ZoneInfo, year: int) -> list[int]:
    def offset(month: int) -> dt.timedelta | None:
        return dt.datetime(year + month // 13, month % 13 or 1, 1, tzinfo=zone).utcoffset()

    return [m for m in range(1, 13) if offset(m) != offset(m + 1)]


@pytest.mark.parametrize(
    "zone",
    [
        "Europe/Paris",
        "Australia/Sydney",
        # DST on the Sunday on or after the 2nd: no "first Sunday" rule fits every year.
        "America/Santiago",
        "Indian/Reunion",
        # Changes around Ramadan, no yearly rule: one observance per change.
        "Africa/Casablanca",
    ],
)
@pytest.mark.parametrize(
    "read", [read_with_icalendar, read_with_ical_js], ids=["icalendar", "ical.js"]
)
def test_every_day_of_28_years_reads_at_its_local_time(zone: str, read) -> None:
    """08:30 on every day of the months that change, and the 15th of the others, for the 28
    years (a whole cycle of weekdays) from this one: the instant the time zone database gives."""
    tz = ZoneInfo(zone)
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Girou//tests//FR")
    calendar.add("version", "2.0")
    expected = []
    for year in range(YEAR, YEAR + 28):
        changing = _months_with_changes(tz, year)
        for month in range(1, 13):
            last = (dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)).day
            for day in range(1, last + 1) if month in changing else (15,):
                start = dt.datetime(year, month, day, 8, 30, tzinfo=tz)
                uid = start.date().isoformat()
                event = icalendar.Event()
                event.add("uid", uid)
                event.add("dtstamp", STAMP)
                event.add("dtstart", start)
                calendar.add_component(event)
                utc = start.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
                expected.append((uid, utc, start.replace(tzinfo=None).isoformat()))
    add_timezones(calendar)
    body = calendar.to_ical()
    assert b"RDATE" not in body
    if zone != "Africa/Casablanca":
        assert body.count(b"RRULE:") == (2 if _months_with_changes(tz, YEAR) else 0)
    starts = read(body, zone)
    assert [s for s, e in zip(starts, expected, strict=True) if s != e] == []


def test_add_timezones_defines_each_missing_zone_once_before_the_events() -> None:
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Girou//tests//FR")
    calendar.add("version", "2.0")
    calendar.add_component(vtimezone(ZoneInfo("Europe/Paris")))
    for n, zone in enumerate(("Europe/Paris", "Indian/Reunion", "Indian/Reunion", "UTC")):
        event = icalendar.Event()
        event.add("uid", f"e{n}")
        event.add("dtstart", dt.datetime(YEAR, 6, 1, 8, 30, tzinfo=ZoneInfo(zone)))
        calendar.add_component(event)
    add_timezones(calendar)
    assert [(c.name, str(c.get("TZID", c.get("UID")))) for c in calendar.subcomponents] == [
        ("VTIMEZONE", "Europe/Paris"),
        ("VTIMEZONE", "Indian/Reunion"),
        ("VEVENT", "e0"),
        ("VEVENT", "e1"),
        ("VEVENT", "e2"),
        ("VEVENT", "e3"),
    ]


def test_an_unknown_zone_is_refused_and_nothing_is_added() -> None:
    calendar = icalendar.Calendar()
    for n, tzid in enumerate(("Indian/Reunion", "Europe/Nowhere")):
        event = icalendar.Event()
        event.add("uid", f"e{n}")
        event.add("dtstart", dt.datetime(YEAR, 6, 1, 8, 30), parameters={"TZID": tzid})
        calendar.add_component(event)
    before = calendar.to_ical()
    with pytest.raises(ValueError, match="Europe/Nowhere"):
        add_timezones(calendar)
    assert calendar.to_ical() == before
