"""VTIMEZONE components from a zone's current rules, as yearly RRULEs (as calendar servers do)."""

from __future__ import annotations

import calendar as gregorian
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import icalendar

# Each observance starts at its rule's occurrence in 1970, as calendar servers publish them
# (one definition for every date a calendar holds, where a list of RDATEs stops somewhere).
RULE_FROM_YEAR = 1970
# Weekdays and dates line up again every 28 years: a rule that fits 28 years fits them all.
CHECK_YEARS = 28
_WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


@dataclass(frozen=True)
class Transition:
    """One change of UTC offset: the wall clock when it happens, in the offset before it."""

    local: datetime  # naive
    offset_from: timedelta
    offset_to: timedelta
    name: str  # TZNAME after the change


@dataclass(frozen=True)
class Observance:
    """A STANDARD or DAYLIGHT sub-component: its first start, offsets, name and yearly rule."""

    kind: str  # "STANDARD" or "DAYLIGHT"
    start: datetime  # naive, local time before the change
    offset_from: timedelta
    offset_to: timedelta
    name: str
    rule: dict[str, object] | None  # RRULE parts; None for a single observance


def _offset(zone: ZoneInfo, instant: datetime) -> timedelta:
    offset = instant.astimezone(zone).utcoffset()
    assert offset is not None  # a ZoneInfo always has one
    return offset


def transitions(zone: ZoneInfo, year: int) -> list[Transition]:
    """The offset changes of `zone` whose UTC instant falls in `year`, in order."""
    found: list[Transition] = []
    day = timedelta(days=1)
    moment = datetime(year, 1, 1, tzinfo=UTC)
    end = datetime(year + 1, 1, 1, tzinfo=UTC)
    before = _offset(zone, moment)
    while moment < end:
        after = _offset(zone, min(moment + day, end))
        if after != before:
            low, high = moment, min(moment + day, end)
            while high - low > timedelta(seconds=1):
                middle = low + (high - low) / 2
                if _offset(zone, middle) == before:
                    low = middle
                else:
                    high = middle
            high = high.replace(microsecond=0)
            local = (high + before).replace(tzinfo=None)
            found.append(Transition(local, before, after, high.astimezone(zone).tzname() or ""))
            before = after
        moment += day
    return found


def _candidate_rules(when: date) -> list[tuple[dict[str, object], Callable[[int], date]]]:
    """Yearly rules that put a change on `when`, most usual first, each with its date in a year."""
    month, weekday = when.month, when.weekday()
    days = gregorian.monthrange(when.year, month)[1]
    code = _WEEKDAYS[weekday]

    def nth(position: int) -> Callable[[int], date]:
        def on(year: int) -> date:
            last = gregorian.monthrange(year, month)[1]
            if position < 0:
                last_day = date(year, month, last)
                return last_day - timedelta(days=(last_day.weekday() - weekday) % 7)
            first = date(year, month, 1)
            return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (position - 1))

        return on

    def on_or_after(first_day: int) -> Callable[[int], date]:
        def on(year: int) -> date:
            start = date(year, month, first_day)
            return start + timedelta(days=(weekday - start.weekday()) % 7)

        return on

    rules: list[tuple[dict[str, object], Callable[[int], date]]] = []
    if when.day + 7 > days:
        rules.append(({"BYDAY": f"-1{code}"}, nth(-1)))
    position = (when.day - 1) // 7 + 1
    if position <= 4:
        rules.append(({"BYDAY": f"{position}{code}"}, nth(position)))
    # "the Sunday on or after the 2nd" (Chile): the seven days the weekday may fall on
    for first_day in range(max(1, when.day - 6), when.day + 1):
        if first_day + 6 <= 28:
            month_days = list(range(first_day, first_day + 7))
            rules.append(({"BYMONTHDAY": month_days, "BYDAY": code}, on_or_after(first_day)))
    rules.append(({"BYMONTHDAY": when.day}, lambda year: date(year, month, when.day)))
    return rules


def _same_change(a: Transition, b: Transition) -> bool:
    return (a.offset_from, a.offset_to, a.name, a.local.time()) == (
        b.offset_from,
        b.offset_to,
        b.name,
        b.local.time(),
    )


def _kind(change: Transition, changes: list[Transition]) -> str:
    largest = max(c.offset_to for c in changes)
    smallest = min(c.offset_to for c in changes)
    return "DAYLIGHT" if change.offset_to == largest and largest != smallest else "STANDARD"


@lru_cache(maxsize=32)
def observances(zone: ZoneInfo, year: int) -> tuple[Observance, ...]:
    """The observances of `zone` under the rules in force in `year`.

    A zone without changes that year gets one STANDARD. Each change of the year gets a yearly
    RRULE (BYMONTH and BYDAY such as -1SU, or BYMONTHDAY) that must also give the changes of
    the next 28 years; a zone whose changes follow no such rule (Morocco's Ramadan) gets one
    observance per change from the year before to 28 years on, after its offset of 1970.
    """
    changes = transitions(zone, year)
    if not changes:
        moment = datetime(year, 7, 1, tzinfo=UTC)
        offset = _offset(zone, moment)
        name = moment.astimezone(zone).tzname() or ""
        start = datetime(RULE_FROM_YEAR, 1, 1)
        return (Observance("STANDARD", start, offset, offset, name, None),)
    later = [transitions(zone, y) for y in range(year + 1, year + CHECK_YEARS)]
    ruled: list[Observance] = []
    for change in changes:
        for parts, on in _candidate_rules(change.local.date()):
            fits = all(
                len(those) == len(changes)
                and any(
                    _same_change(change, other) and other.local.date() == on(other.local.year)
                    for other in those
                )
                for those in later
            )
            if fits:
                start = datetime.combine(on(RULE_FROM_YEAR), change.local.time())
                rule = {"FREQ": "YEARLY", "BYMONTH": change.local.month, **parts}
                kind = _kind(change, changes)
                ruled.append(Observance(kind, start, *_offsets_and_name(change), rule))
                break
        else:
            return _listed(zone, year)
    return tuple(ruled)


def _offsets_and_name(change: Transition) -> tuple[timedelta, timedelta, str]:
    return change.offset_from, change.offset_to, change.name


def _listed(zone: ZoneInfo, year: int) -> tuple[Observance, ...]:
    changes = [c for y in range(year - 1, year + CHECK_YEARS) for c in transitions(zone, y)]
    first = datetime(RULE_FROM_YEAR, 1, 1)
    before = changes[0].offset_from
    opening = datetime(year - 1, 1, 1, tzinfo=UTC).astimezone(zone).tzname() or ""
    # The offset of the first of these years stands for all those before.
    listed = [Observance("STANDARD", first, before, before, opening, None)]
    listed += [Observance(_kind(c, changes), c.local, *_offsets_and_name(c), None) for c in changes]
    return tuple(listed)


def vtimezone(zone: ZoneInfo, year: int | None = None) -> icalendar.Timezone:
    """The VTIMEZONE of `zone` under the rules in force in `year` (this year by default)."""
    year = year or datetime.now(UTC).year
    component = icalendar.Timezone()
    component.add("TZID", zone.key)
    for observance in observances(zone, year):
        part = (
            icalendar.TimezoneDaylight()
            if observance.kind == "DAYLIGHT"
            else icalendar.TimezoneStandard()
        )
        part.add("DTSTART", observance.start)
        part.add("TZOFFSETFROM", observance.offset_from)
        part.add("TZOFFSETTO", observance.offset_to)
        part.add("TZNAME", observance.name)
        if observance.rule:
            part.add("RRULE", observance.rule)
        component.add_component(part)
    return component


def add_timezones(cal: icalendar.Calendar, year: int | None = None) -> None:
    """Add a VTIMEZONE for every TZID the calendar's components use and it does not define.

    They go before the other components, which refer to them. A TZID that is not a zone of
    the time zone database is an error: a calendar must not name a zone it cannot define.
    """
    zones = []
    for tzid in sorted(cal.get_missing_tzids()):
        try:
            zones.append(ZoneInfo(tzid))
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"no time zone {tzid!r} in the time zone database") from exc
    present = len(cal.timezones)
    cal.subcomponents[present:present] = [vtimezone(zone, year) for zone in zones]
