"""The demo tells one coherent story whatever day it is loaded: its childcare periods and sessions
follow the school calendar of zone C and the public holidays, its news says what the
programme's registration dates say, and its GIS layers name plans that exist."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

import pytest
from conftest import TERRITORY, TZ
from sqlalchemy import select

from collab import config, db
from collab.french import date_fr, day_fr, time_fr
from collab.holidays import HOLIDAY_NAMES, is_working_day, school_holiday_on
from portal import news
from portal.childcare import demo as childcare_demo
from portal.childcare.models import WINDOW, ActivitySession, Period, Registration
from portal.gis import demo as gis_demo
from portal.gis.layers import LAYERS
from portal.gis.models import LayerFeature, latest_version
from portal.news import NewsItem

# Early September, mid-December, in a holiday, in March, in July; and years the rule computes.
DAYS = (
    dt.date(2026, 9, 2),
    dt.date(2026, 12, 15),
    dt.date(2026, 12, 28),
    dt.date(2027, 3, 10),
    dt.date(2027, 6, 1),
    dt.date(2027, 7, 8),
    dt.date(2029, 11, 20),
    dt.date(2031, 4, 2),
)


def _local(moment: dt.datetime) -> dt.datetime:
    """A stored (naive UTC) time as the territory's wall-clock time."""
    return moment.replace(tzinfo=dt.UTC).astimezone(TZ).replace(tzinfo=None)


@pytest.fixture
def demo_site(tmp_path):
    def load(today: dt.date):
        url = f"sqlite:///{tmp_path / f'demo-{today}.db'}"
        engine = db.make_engine(url)
        db.create_schema(engine)
        sessions = db.make_sessionmaker(engine)
        settings = config.load(tmp_path, environ={}).with_overrides(database__url=url)
        childcare_demo.load_demo(settings, sessions, TERRITORY, today=today)
        news.load_demo(settings, sessions, TERRITORY, today=today)
        engines.append(engine)
        return sessions, settings

    engines: list = []
    yield load
    for engine in engines:
        engine.dispose()


@pytest.mark.parametrize("today", DAYS, ids=str)
def test_the_childcare_demo_follows_the_school_calendar(demo_site, today):
    sessions, _settings = demo_site(today)
    now = dt.datetime.combine(today, dt.time(12))
    with sessions() as s:
        periods = s.scalars(select(Period).order_by(Period.starts_on)).all()
        by_period = defaultdict(list)
        for session in s.scalars(select(ActivitySession)):
            by_period[session.period_id].append(session.date)
        registrations = s.scalars(select(Registration)).all()
    assert len(periods) == 5
    holidays = [p for p in periods if p.kind != "wednesdays"]
    [wednesdays] = [p for p in periods if p.kind == "wednesdays"]
    for period in periods:
        days = by_period[period.id]
        assert days, period.name
        for day in days:
            assert period.starts_on <= day <= period.ends_on, (period.name, day)
            assert is_working_day(day), (period.name, day)  # no weekend, no public holiday
            if period.kind == "wednesdays":
                assert day.weekday() == 2, day
                assert school_holiday_on(day) is None, day
            else:
                assert school_holiday_on(day).kind == period.kind, (period.name, day)
        residents = _local(period.residents_open_at)
        assert residents <= _local(period.opens_at) < _local(period.closes_at)
    for period in holidays:  # each is one school holiday of zone C, by its name and dates
        holiday = school_holiday_on(period.starts_on)
        assert holiday is not None
        assert holiday.kind == period.kind
        assert (period.starts_on, period.ends_on) == (holiday.first_day, holiday.last_day)
        assert period.name == f"{HOLIDAY_NAMES[period.kind]} {period.starts_on.year}"
    for earlier, later in zip(holidays, holidays[1:], strict=False):
        assert earlier.ends_on < later.starts_on  # no overlap
    assert wednesdays.name.startswith("Mercredis — ")
    # What the demo shows: one holiday period over, the Wednesdays and the next holidays open,
    # two not open yet; registrations never close after their period has started.
    status = {}
    for period in periods:
        if now < _local(period.residents_open_at):
            status[period.id] = "later"
        elif now < _local(period.closes_at):
            status[period.id] = "open"
        else:
            status[period.id] = "closed"
        if period.kind != "wednesdays":
            assert _local(period.closes_at).date() < period.starts_on
    assert sorted(status.values()) == ["closed", "later", "later", "open", "open"]
    [window] = [p for p in periods if p.allocation_mode == WINDOW and status[p.id] == "open"]
    assert status[wednesdays.id] == "open"
    assert [p for p in holidays if status[p.id] == "closed"][0].ends_on < today
    assert {r.period_id for r in registrations} == {wednesdays.id, window.id}


def _summer_claim(summer: Period, now: dt.datetime) -> str:
    residents = _local(summer.residents_open_at)
    if now < residents:
        return f"ouvriront le {date_fr(residents)}"
    return "sont ouvertes" if now < _local(summer.closes_at) else "sont closes"


@pytest.mark.parametrize("today", DAYS, ids=str)
def test_the_demo_news_says_what_the_registration_dates_say(demo_site, today):
    sessions, _settings = demo_site(today)
    now = dt.datetime.combine(today, dt.time(12))
    with sessions() as s:
        periods = s.scalars(select(Period)).all()
        [item] = s.scalars(
            select(NewsItem).where(NewsItem.title.startswith(news.CHILDCARE_TITLE))
        ).all()
        latest = news.latest_news(s)
    [summer] = [p for p in periods if p.kind == "summer" and p.starts_on > today]
    claim = _summer_claim(summer, now)
    assert item.title == f"{news.CHILDCARE_TITLE}les préinscriptions de l’été {claim}"
    assert f"vacances d’été {summer.starts_on.year}" in item.body
    if now < _local(summer.residents_open_at):
        residents = _local(summer.residents_open_at)
        assert f"{day_fr(residents.date())} à {time_fr(residents)}" in item.body
        assert day_fr(_local(summer.opens_at).date()) in item.body
    else:
        closes = _local(summer.closes_at)
        assert f"jusqu’au {day_fr(closes.date())} à {time_fr(closes)}" in item.body
    lottery = "tirage au sort" in item.body
    assert lottery == (summer.allocation_mode == WINDOW)
    # The other holidays open now are named, with their closing day; the others are not.
    for period in periods:
        if period.kind == "wednesdays" or period is summer:
            continue
        named = f"des {period.name[0].lower()}{period.name[1:]} sont ouvertes" in item.body
        is_open = _local(period.residents_open_at) <= now < _local(period.closes_at)
        assert named == is_open, period.name
        if is_open:
            assert day_fr(_local(period.closes_at).date()) in item.body
    assert _local(item.published_at) <= now
    assert item in latest  # on the home page


def test_the_news_demo_loads_its_items_once(demo_site):
    today = dt.date(2027, 3, 10)
    sessions, settings = demo_site(today)
    with sessions() as s:
        before = s.scalars(select(NewsItem.title)).all()
    summary = news.load_demo(settings, sessions, TERRITORY, today=today + dt.timedelta(days=20))
    assert summary == "news: 0 demo items published"
    with sessions() as s:
        assert s.scalars(select(NewsItem.title)).all() == before


def test_every_gis_reference_of_the_demo_names_a_plan_that_exists(tmp_path):
    url = f"sqlite:///{tmp_path / 'gis.db'}"
    engine = db.make_engine(url)
    db.create_schema(engine)
    sessions = db.make_sessionmaker(engine)
    settings = config.load(tmp_path, environ={}).with_overrides(database__url=url)
    gis_demo.load_demo(settings, sessions, TERRITORY)
    with sessions() as s:
        plans: dict[str, set[str]] = {}
        for layer in ("plu_zones", "plu_prescriptions", "plu_informations"):
            version = latest_version(s, layer)
            rows = s.scalars(
                select(LayerFeature).where(LayerFeature.version_id == version.id)
            ).all()
            assert rows, layer
            plans[layer] = {row.properties["idurba"] for row in rows}
            for row in rows:
                LAYERS[layer].required["idurba"](row.properties["idurba"])  # a valid IDURBA
            garidech = {row.properties["idurba"] for row in rows if row.fid.startswith("31212-")}
            assert garidech == {"31212_PLU_20260301"}, layer  # the modified plan, everywhere
            if layer != "plu_zones":
                assert version.number == 2  # the modification's version of this table
        assert plans["plu_prescriptions"] <= plans["plu_zones"]
        assert plans["plu_informations"] <= plans["plu_zones"]
        [dpu] = s.scalars(
            select(LayerFeature).where(
                LayerFeature.version_id == latest_version(s, "plu_informations").id,
                LayerFeature.fid == "31212-DPU",
            )
        ).all()
        assert dpu.properties["libelle"] == "Droit de préemption urbain"
    # Loaded again: nothing changes.
    assert gis_demo.load_demo(settings, sessions, TERRITORY).startswith("gis: layers already")
    engine.dispose()
