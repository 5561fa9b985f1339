"""The French calendar facts the platform plans with: public holidays (metropolitan France) and
the school holidays of zone C (the academies of Créteil, Montpellier, Paris, Toulouse and
Versailles: the Coteaux du Girou are in the Toulouse academy).

Public holidays are computed: the eight fixed days, and Easter Monday, Ascension Thursday and
Whit Monday from Easter Sunday (the Gregorian computus). Alsace-Moselle's two extra days (Good
Friday, 26 December) are not included.

School holidays are a table for the years whose calendar is published (the ministry's orders,
`PUBLISHED`), and a rule for the other years, which approximates the published calendars:

- a holiday runs from the Saturday classes stop after (`first_day`) to the morning classes
  resume (`return_day`, not included);
- Toussaint: sixteen days, back on the first Monday after 1 November;
- Noël: sixteen days, back on the first Monday after 1 January (on Tuesday 3 January when
  1 January is a Sunday);
- hiver (zone C): from the third Saturday of February, back sixteen days later;
- printemps (zone C): eight weeks after the winter holidays start, back sixteen days later;
- été: from the first Saturday on or after 3 July to the rentrée: 1 September on a Monday,
  Tuesday or Thursday, Thursday 2 September when 1 September is a Wednesday, otherwise the
  Monday after.

The rule gives the published dates of 2024-2025, 2025-2026 and 2026-2027 (tests/test_holidays.py
checks it); it misses some years: 2023-2024, when zone C had the first winter turn (winter from
10 February, spring from 6 April), and 2022-2023's spring (nine weeks after the winter). The
bridges the ministry adds (the Friday after Ascension) are days without classes, not holidays,
and are not listed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from types import MappingProxyType

ZONE = "C"
# Keys in the order of the school year; portal.childcare's period kinds use the same keys.
HOLIDAY_NAMES = {
    "all_saints": "Vacances de la Toussaint",
    "christmas": "Vacances de Noël",
    "february": "Vacances d’hiver",
    "spring": "Vacances de printemps",
    "summer": "Vacances d’été",
}
FIXED_PUBLIC_HOLIDAYS = (
    (1, 1, "Jour de l’an"),
    (5, 1, "Fête du Travail"),
    (5, 8, "Victoire 1945"),
    (7, 14, "Fête nationale"),
    (8, 15, "Assomption"),
    (11, 1, "Toussaint"),
    (11, 11, "Armistice 1918"),
    (12, 25, "Noël"),
)
# Zone C as published (the ministry's orders), by the year the school year starts: for each
# holiday, the first day without classes and the day classes resume. The summer holidays end at
# the next rentrée, in RENTREE (its own year's order), or by the rule. The winter and spring
# dates of 2026-2027 are those reported by the academies' and the press's calendars.
_D = dt.date
PUBLISHED: dict[int, dict[str, tuple[dt.date, dt.date | None]]] = {
    2023: {
        "all_saints": (_D(2023, 10, 21), _D(2023, 11, 6)),
        "christmas": (_D(2023, 12, 23), _D(2024, 1, 8)),
        "february": (_D(2024, 2, 10), _D(2024, 2, 26)),
        "spring": (_D(2024, 4, 6), _D(2024, 4, 22)),
        "summer": (_D(2024, 7, 6), None),
    },
    2024: {
        "all_saints": (_D(2024, 10, 19), _D(2024, 11, 4)),
        "christmas": (_D(2024, 12, 21), _D(2025, 1, 6)),
        "february": (_D(2025, 2, 15), _D(2025, 3, 3)),
        "spring": (_D(2025, 4, 12), _D(2025, 4, 28)),
        "summer": (_D(2025, 7, 5), None),
    },
    2025: {
        "all_saints": (_D(2025, 10, 18), _D(2025, 11, 3)),
        "christmas": (_D(2025, 12, 20), _D(2026, 1, 5)),
        "february": (_D(2026, 2, 21), _D(2026, 3, 9)),
        "spring": (_D(2026, 4, 18), _D(2026, 5, 4)),
        "summer": (_D(2026, 7, 4), None),
    },
    2026: {
        "all_saints": (_D(2026, 10, 17), _D(2026, 11, 2)),
        "christmas": (_D(2026, 12, 19), _D(2027, 1, 4)),
        "february": (_D(2027, 2, 20), _D(2027, 3, 8)),
        "spring": (_D(2027, 4, 17), _D(2027, 5, 3)),
        "summer": (_D(2027, 7, 3), None),
    },
}
RENTREE = {2023: _D(2023, 9, 4), 2024: _D(2024, 9, 2), 2025: _D(2025, 9, 1), 2026: _D(2026, 9, 1)}
HOLIDAY_LENGTH = dt.timedelta(days=16)  # Saturday to the Monday two weeks later


def easter_sunday(year: int) -> dt.date:
    """Easter Sunday of the Gregorian calendar (the anonymous algorithm, Meeus/Jones/Butcher)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    weekday = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 19 * weekday) // 433
    month, day = divmod(h + weekday - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


@cache
def public_holidays(year: int) -> Mapping[dt.date, str]:
    """The eleven public holidays of `year` in metropolitan France, by date, in date order."""
    easter = easter_sunday(year)
    days = {dt.date(year, month, day): name for month, day, name in FIXED_PUBLIC_HOLIDAYS}
    days[easter + dt.timedelta(days=1)] = "Lundi de Pâques"
    days[easter + dt.timedelta(days=39)] = "Ascension"
    days[easter + dt.timedelta(days=50)] = "Lundi de Pentecôte"
    return MappingProxyType(dict(sorted(days.items())))


def public_holiday(day: dt.date) -> str | None:
    """The name of the public holiday `day` is, None on another day."""
    return public_holidays(day.year).get(day)


def is_working_day(day: dt.date) -> bool:
    """Monday to Friday, and not a public holiday (a jour ouvré)."""
    return day.weekday() < 5 and public_holiday(day) is None


def working_days(first: dt.date, last: dt.date) -> list[dt.date]:
    """The working days from `first` to `last`, both included."""
    days = (first + dt.timedelta(days=n) for n in range((last - first).days + 1))
    return [day for day in days if is_working_day(day)]


def next_working_day(day: dt.date) -> dt.date:
    """`day` if it is a working day, otherwise the first one after it."""
    while not is_working_day(day):
        day += dt.timedelta(days=1)
    return day


@dataclass(frozen=True)
class SchoolHoliday:
    """One holiday of a school year: from `first_day` to the day before `return_day`."""

    kind: str  # a key of HOLIDAY_NAMES
    first_day: dt.date
    return_day: dt.date
    published: bool  # from the published calendar (PUBLISHED), not the rule

    @property
    def name(self) -> str:
        return HOLIDAY_NAMES[self.kind]

    @property
    def last_day(self) -> dt.date:
        return self.return_day - dt.timedelta(days=1)

    def __contains__(self, day: dt.date) -> bool:
        return self.first_day <= day < self.return_day

    def working_days(self) -> list[dt.date]:
        return working_days(self.first_day, self.last_day)


def rentree(year: int) -> dt.date:
    """The day pupils go back to school in September of `year` (published, or the rule)."""
    return RENTREE.get(year) or rentree_by_rule(year)


def rentree_by_rule(year: int) -> dt.date:
    first = dt.date(year, 9, 1)
    if first.weekday() in (0, 1, 3):
        return first
    if first.weekday() == 2:
        return first + dt.timedelta(days=1)
    return first + dt.timedelta(days=7 - first.weekday())


def _first_monday_after(day: dt.date) -> dt.date:
    return day + dt.timedelta(days=7 - day.weekday())


def holidays_by_rule(year: int) -> dict[str, tuple[dt.date, dt.date]]:
    """The rule of the module docstring for the school year starting in September of `year`:
    {kind: (first day, return day)}, the summer ending at the rule's rentrée."""
    toussaint_back = _first_monday_after(dt.date(year, 11, 1))
    new_year = dt.date(year + 1, 1, 1)
    christmas_back = _first_monday_after(new_year)
    christmas_start = christmas_back - HOLIDAY_LENGTH
    if new_year.weekday() == 6:  # Monday 2 January would leave a single school day before it
        christmas_back += dt.timedelta(days=1)
    february = dt.date(year + 1, 2, 1)
    winter = february + dt.timedelta(days=(5 - february.weekday()) % 7 + 14)
    spring = winter + dt.timedelta(weeks=8)
    july = dt.date(year + 1, 7, 3)
    summer = july + dt.timedelta(days=(5 - july.weekday()) % 7)
    return {
        "all_saints": (toussaint_back - HOLIDAY_LENGTH, toussaint_back),
        "christmas": (christmas_start, christmas_back),
        "february": (winter, winter + HOLIDAY_LENGTH),
        "spring": (spring, spring + HOLIDAY_LENGTH),
        "summer": (summer, rentree_by_rule(year + 1)),
    }


@cache
def school_holidays(year: int) -> tuple[SchoolHoliday, ...]:
    """The five holidays of zone C of the school year starting in September of `year`, in
    order: the published calendar where there is one, the rule otherwise."""
    published = PUBLISHED.get(year)
    ruled = holidays_by_rule(year)
    holidays = []
    for kind in HOLIDAY_NAMES:
        first, back = ruled[kind] if published is None else published[kind]
        if published is not None and back is None:  # the summer: to the next rentrée
            back = rentree(year + 1)
        holidays.append(SchoolHoliday(kind, first, back, published is not None))
    return tuple(holidays)


def school_year_start(day: dt.date) -> int:
    """The year the school year of `day` starts (from 1 September): 2026 for 2026-2027."""
    return day.year if day.month >= 9 else day.year - 1


def school_holidays_from(day: dt.date, years: int = 2) -> list[SchoolHoliday]:
    """The holidays not over by `day` (from the one `day` falls in), over `years` school
    years, in order."""
    start = school_year_start(day) - 1  # the summer of the previous school year may run still
    holidays = [h for y in range(start, start + years + 1) for h in school_holidays(y)]
    return [h for h in holidays if h.return_day > day]


def school_holidays_before(day: dt.date) -> list[SchoolHoliday]:
    """The holidays over by `day` in this school year and the previous one, latest last."""
    start = school_year_start(day)
    holidays = [h for y in (start - 1, start) for h in school_holidays(y)]
    return [h for h in holidays if h.return_day <= day]


def school_holiday_on(day: dt.date) -> SchoolHoliday | None:
    """The school holiday `day` falls in, None in school time."""
    return next((h for h in school_holidays_from(day, years=1) if day in h), None)
