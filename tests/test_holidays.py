"""The French calendar facts (collab.holidays): Easter, the public holidays, the school holidays
of zone C as published and as the rule computes them."""

from __future__ import annotations

import datetime as dt

import pytest

from collab import holidays
from collab.holidays import (
    easter_sunday,
    holidays_by_rule,
    is_working_day,
    next_working_day,
    public_holiday,
    public_holidays,
    school_holiday_on,
    school_holidays,
    school_holidays_before,
    school_holidays_from,
    working_days,
)

D = dt.date


@pytest.mark.parametrize(
    ("year", "easter"),
    [
        (1961, D(1961, 4, 2)),
        (2000, D(2000, 4, 23)),
        (2008, D(2008, 3, 23)),  # early
        (2011, D(2011, 4, 24)),  # late
        (2019, D(2019, 4, 21)),
        (2024, D(2024, 3, 31)),
        (2025, D(2025, 4, 20)),
        (2026, D(2026, 4, 5)),
        (2027, D(2027, 3, 28)),
        (2038, D(2038, 4, 25)),  # the latest possible date
        (2285, D(2285, 3, 22)),  # the earliest possible date
    ],
)
def test_easter_sunday_of_known_years(year, easter):
    assert easter_sunday(year) == easter
    assert easter.weekday() == 6


def test_the_public_holidays_of_2026_and_2027():
    assert dict(public_holidays(2026)) == {
        D(2026, 1, 1): "Jour de l’an",
        D(2026, 4, 6): "Lundi de Pâques",
        D(2026, 5, 1): "Fête du Travail",
        D(2026, 5, 8): "Victoire 1945",
        D(2026, 5, 14): "Ascension",
        D(2026, 5, 25): "Lundi de Pentecôte",
        D(2026, 7, 14): "Fête nationale",
        D(2026, 8, 15): "Assomption",
        D(2026, 11, 1): "Toussaint",
        D(2026, 11, 11): "Armistice 1918",
        D(2026, 12, 25): "Noël",
    }
    assert list(public_holidays(2027)) == [
        D(2027, 1, 1),
        D(2027, 3, 29),  # Easter Monday
        D(2027, 5, 1),
        D(2027, 5, 6),  # Ascension
        D(2027, 5, 8),
        D(2027, 5, 17),  # Whit Monday
        D(2027, 7, 14),
        D(2027, 8, 15),
        D(2027, 11, 1),
        D(2027, 11, 11),
        D(2027, 12, 25),
    ]
    with pytest.raises(TypeError):
        public_holidays(2027)[D(2027, 1, 2)] = "not a holiday"  # the cached table is read-only


def test_working_days_leave_out_weekends_and_public_holidays():
    assert public_holiday(D(2026, 11, 11)) == "Armistice 1918"  # a Wednesday
    assert not is_working_day(D(2026, 11, 11))
    assert not is_working_day(D(2027, 1, 2))  # a Saturday
    assert is_working_day(D(2026, 12, 24))
    assert working_days(D(2026, 12, 21), D(2027, 1, 3)) == [
        D(2026, 12, 21), D(2026, 12, 22), D(2026, 12, 23), D(2026, 12, 24),
        D(2026, 12, 28), D(2026, 12, 29), D(2026, 12, 30), D(2026, 12, 31),
    ]  # fmt: skip
    assert next_working_day(D(2027, 1, 1)) == D(2027, 1, 4)  # Friday 1 January, a holiday
    assert next_working_day(D(2027, 1, 4)) == D(2027, 1, 4)
    assert next_working_day(D(2026, 4, 4)) == D(2026, 4, 7)  # Saturday before Easter Monday


# The zone C calendars as published (ministry's orders; for 2026-2027 as the academies' and the
# press's calendars report them): (first day without classes, day classes resume).
PUBLISHED_ZONE_C = {
    2024: {
        "all_saints": (D(2024, 10, 19), D(2024, 11, 4)),
        "christmas": (D(2024, 12, 21), D(2025, 1, 6)),
        "february": (D(2025, 2, 15), D(2025, 3, 3)),
        "spring": (D(2025, 4, 12), D(2025, 4, 28)),
        "summer": (D(2025, 7, 5), D(2025, 9, 1)),
    },
    2025: {
        "all_saints": (D(2025, 10, 18), D(2025, 11, 3)),
        "christmas": (D(2025, 12, 20), D(2026, 1, 5)),
        "february": (D(2026, 2, 21), D(2026, 3, 9)),
        "spring": (D(2026, 4, 18), D(2026, 5, 4)),
        "summer": (D(2026, 7, 4), D(2026, 9, 1)),
    },
    2026: {
        "all_saints": (D(2026, 10, 17), D(2026, 11, 2)),
        "christmas": (D(2026, 12, 19), D(2027, 1, 4)),
        "february": (D(2027, 2, 20), D(2027, 3, 8)),
        "spring": (D(2027, 4, 17), D(2027, 5, 3)),
        "summer": (D(2027, 7, 3), None),  # to the 2027 rentrée, not published yet
    },
}


@pytest.mark.parametrize("year", sorted(PUBLISHED_ZONE_C))
def test_zone_c_holidays_of_the_published_years(year):
    published = PUBLISHED_ZONE_C[year]
    found = school_holidays(year)
    assert [h.kind for h in found] == list(holidays.HOLIDAY_NAMES)
    assert [h.name for h in found] == [
        "Vacances de la Toussaint",
        "Vacances de Noël",
        "Vacances d’hiver",
        "Vacances de printemps",
        "Vacances d’été",
    ]
    for holiday in found:
        first, back = published[holiday.kind]
        assert holiday.published
        assert holiday.first_day == first
        if back is not None:
            assert holiday.return_day == back
    # The rule alone gives the same dates: it is a fair fallback for the years to come.
    ruled = holidays_by_rule(year)
    for kind, (first, back) in published.items():
        assert ruled[kind][0] == first, kind
        if back is not None:
            assert ruled[kind][1] == back, kind


def test_the_rule_misses_2023_2024_which_the_table_holds():
    assert holidays_by_rule(2023)["february"][0] == D(2024, 2, 17)
    assert school_holidays(2023)[2].first_day == D(2024, 2, 10)  # zone C went first that year


@pytest.mark.parametrize("year", range(2023, 2041))
def test_every_year_has_five_ordered_holidays_in_their_months(year):
    found = school_holidays(year)
    for earlier, later in zip(found, found[1:], strict=False):
        assert earlier.return_day < later.first_day  # no overlap, school time between
    months = [(h.first_day.month, h.return_day.month) for h in found]
    assert months[0] == (10, 11)
    assert months[1] == (12, 1)
    assert months[2] in ((2, 2), (2, 3))
    assert months[3] in ((3, 4), (4, 4), (4, 5))
    assert months[4] == (7, 9)
    for holiday in found[:4]:
        assert holiday.first_day.weekday() == 5  # a Saturday
        assert holiday.return_day.weekday() in (0, 1)  # Monday (Tuesday 3 January)
        assert (holiday.return_day - holiday.first_day).days in (16, 17)
    assert found[1].first_day < D(year, 12, 25) < found[1].return_day
    assert found[1].first_day < D(year + 1, 1, 1) < found[1].return_day
    assert found[0].first_day < D(year, 11, 1) < found[0].return_day
    assert found[4].return_day.weekday() < 5


def test_holidays_around_a_day():
    today = D(2026, 12, 4)
    assert school_holiday_on(today) is None
    assert school_holiday_on(D(2026, 12, 25)).kind == "christmas"
    assert school_holiday_on(D(2027, 1, 4)) is None  # back to school
    assert school_holiday_on(D(2026, 8, 20)).kind == "summer"
    assert school_holidays_before(today)[-1].kind == "all_saints"
    upcoming = school_holidays_from(today)
    assert [h.kind for h in upcoming[:5]] == [
        "christmas", "february", "spring", "summer", "all_saints"
    ]  # fmt: skip
    assert school_holidays_from(D(2026, 12, 25))[0].kind == "christmas"  # the one under way
