"""The demo's calendar, from the day it is loaded: which school holidays and Wednesdays the
childcare demo offers, and when each opens for registration. The childcare demo builds its
programme from it and the demo news tells it, so the two say the same thing (portal.childcare
and portal.news are independent features: this is the one place they share).

Every date follows collab.holidays: periods are the school holidays of zone C and the school
Wednesdays, their days are working days (never a weekend nor a public holiday), and the days
registrations open are working days too. Times are wall-clock times of the territory.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from collab.holidays import (
    SchoolHoliday,
    is_working_day,
    next_working_day,
    school_holiday_on,
    school_holidays_before,
    school_holidays_from,
    school_year_start,
)

WEDNESDAYS = 10  # school Wednesdays offered (fewer when the summer holidays come first)
MIN_WEDNESDAYS = 4  # fewer left before the summer: the next school year's are offered
SUMMER_OPENS_BEFORE = dt.timedelta(days=100)  # summer registrations open in late March
HOLIDAY_OPENS_BEFORE = dt.timedelta(days=42)
NOT_BEFORE = dt.timedelta(days=10)  # a period not open yet opens at least this far ahead


@dataclass(frozen=True)
class DemoPeriod:
    """One period of the demo programme and its registration dates (local wall-clock times).

    `role`: "past" (holidays over, registrations closed), "wednesdays" (open now, first come
    first served), "window" (the next holidays: requests collected now, allocated at the
    close), "soon" and "later" (not open yet; "later" is the next summer, or the holidays
    after "soon" when the summer is one of those already)."""

    role: str
    kind: str  # "wednesdays" or a key of collab.holidays.HOLIDAY_NAMES
    name: str
    first_day: dt.date
    last_day: dt.date
    days: tuple[dt.date, ...]  # the days with sessions
    opens: dt.datetime
    residents_open: dt.datetime  # the territory's families may register from then
    closes: dt.datetime
    lottery: bool  # window mode: places given at the close (priorities, then a draw)

    def is_open(self, moment: dt.datetime) -> bool:
        """Whether registrations are open at `moment` for families of the territory."""
        return self.residents_open <= moment < self.closes


def _at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute))


def school_wednesdays(today: dt.date, count: int = WEDNESDAYS) -> list[dt.date]:
    """The next Wednesdays after `today` with a leisure centre open: in school time, not a
    public holiday, up to the summer holidays (the next school year's when fewer than
    MIN_WEDNESDAYS are left before them)."""
    day = today + dt.timedelta(days=(2 - today.weekday()) % 7 or 7)
    found: list[dt.date] = []
    while len(found) < count:
        holiday = school_holiday_on(day)
        if holiday is not None and holiday.kind == "summer":
            if len(found) >= MIN_WEDNESDAYS:
                break
            found = []  # too few before the summer: the Wednesdays after it instead
        elif holiday is None and is_working_day(day):
            found.append(day)
        day += dt.timedelta(weeks=1)
    return found


def _holiday_period(
    role: str, holiday: SchoolHoliday, opens: dt.datetime, residents: dt.datetime,
    closes: dt.datetime, lottery: bool,
) -> DemoPeriod:  # fmt: skip
    return DemoPeriod(
        role=role,
        kind=holiday.kind,
        name=f"{holiday.name} {holiday.first_day.year}",
        first_day=holiday.first_day,
        last_day=holiday.last_day,
        days=tuple(holiday.working_days()),
        opens=opens,
        residents_open=residents,
        closes=closes,
        lottery=lottery,
    )


def _not_open_yet(role: str, holiday: SchoolHoliday, today: dt.date) -> DemoPeriod:
    summer = holiday.kind == "summer"
    ahead = SUMMER_OPENS_BEFORE if summer else HOLIDAY_OPENS_BEFORE
    opens = next_working_day(max(holiday.first_day - ahead, today + NOT_BEFORE))
    closes = holiday.first_day - dt.timedelta(days=21 if summer else 10)
    return _holiday_period(
        role, holiday, _at(opens, 8, 30), _at(_residents_day(opens), 8, 30),
        _at(closes, 12, 0) if summer else _at(closes, 23, 59), lottery=summer,
    )  # fmt: skip


def _residents_day(opens: dt.date) -> dt.date:
    """The territory's families may register three days before the others (a working day)."""
    return next_working_day(opens - dt.timedelta(days=3))


def demo_periods(today: dt.date) -> list[DemoPeriod]:
    """The five periods of the demo programme loaded on `today`, in the order of the roles."""
    past = school_holidays_before(today)[-1]
    opened = next_working_day(past.first_day - HOLIDAY_OPENS_BEFORE)
    periods = [
        _holiday_period(
            "past", past, _at(opened, 8, 30), _at(_residents_day(opened), 8, 30),
            _at(past.first_day - dt.timedelta(days=10), 23, 59), lottery=False,
        )
    ]  # fmt: skip
    wednesdays = school_wednesdays(today)
    year = school_year_start(wednesdays[0])
    periods.append(
        DemoPeriod(
            role="wednesdays",
            kind="wednesdays",
            name=f"Mercredis — {year}-{year + 1}",
            first_day=wednesdays[0],
            last_day=wednesdays[-1],
            days=tuple(wednesdays),
            opens=_at(today - dt.timedelta(days=4), 8, 30),
            residents_open=_at(today - dt.timedelta(days=7), 8, 30),
            closes=_at(wednesdays[-1] - dt.timedelta(days=2), 23, 59),
            lottery=False,
        )
    )
    # The next holidays, far enough ahead for the lottery after the close.
    ahead = today + dt.timedelta(days=7)
    upcoming = [h for h in school_holidays_from(today, years=3) if h.first_day > ahead]
    window, soon = upcoming[0], upcoming[1]
    periods.append(
        _holiday_period(
            "window", window, _at(today - dt.timedelta(days=1), 9),
            _at(today - dt.timedelta(days=3), 9), _at(today + dt.timedelta(days=6), 12),
            lottery=True,
        )
    )  # fmt: skip
    periods.append(_not_open_yet("soon", soon, today))
    summers = [h for h in upcoming if h.kind == "summer"]
    later = upcoming[2] if summers[0] in (window, soon) else summers[0]
    periods.append(_not_open_yet("later", later, today))
    return periods


def summer_period(periods: list[DemoPeriod]) -> DemoPeriod:
    """The coming summer holidays of the demo programme (there is always one)."""
    return next(p for p in periods if p.kind == "summer" and p.role != "past")
