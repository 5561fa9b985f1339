"""The séances' legal rules (portal.seances.rules), pure: the convocation's deadline in jours
francs around weekends, month ends and DST changes, the quorum, proxies and teleconference."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from portal.seances import rules
from portal.seances.rules import SeanceError

PARIS = ZoneInfo("Europe/Paris")


@pytest.mark.parametrize(
    ("meeting", "last_day"),
    [
        # A Monday meeting: sent by the Tuesday before (Wed to Sun are the five jours francs).
        ("2027-03-15", "2027-03-09"),
        # A Tuesday meeting: Sat and Sun count as any day (no extension for a weekend).
        ("2027-03-16", "2027-03-10"),
        # Month end and year end.
        ("2027-03-03", "2027-02-25"),
        ("2028-03-03", "2028-02-26"),  # leap year: 29 February counts
        ("2027-01-04", "2026-12-29"),
        # Public holidays count too (1 May, 8 May 2027).
        ("2027-05-10", "2027-05-04"),
    ],
)
def test_five_jours_francs(meeting, last_day):
    deadline = rules.send_deadline(dt.date.fromisoformat(meeting), 5)
    assert deadline.last_day == dt.date.fromisoformat(last_day)
    between = (deadline.meeting_day - deadline.last_day).days - 1
    assert between == 5  # neither the day of sending nor the day of the meeting


def test_urgency_is_one_jour_franc_whatever_the_delay():
    for days in (3, 5, 10):
        deadline = rules.send_deadline(dt.date(2027, 3, 15), days, urgency=True)
        assert deadline.last_day == dt.date(2027, 3, 13)
        assert deadline.days == 1
    assert "urgency" in deadline.rule


def test_sending_on_the_last_day_is_allowed_the_next_refused():
    deadline = rules.send_deadline(dt.date(2027, 3, 15), 5)
    assert deadline.allows(dt.date(2027, 3, 9))
    assert not deadline.allows(dt.date(2027, 3, 10))


@pytest.mark.parametrize(
    ("utc", "local_day"),
    [
        # The spring change (28 March 2027, 02:00 -> 03:00): 23:30 UTC the day before is
        # 00:30 local on the 28th in winter time (+1).
        (dt.datetime(2027, 3, 27, 23, 30), dt.date(2027, 3, 28)),
        # After the change (+2): 22:30 UTC is already the next day locally.
        (dt.datetime(2027, 3, 28, 22, 30), dt.date(2027, 3, 29)),
        # The autumn change (31 October 2027): 22:30 UTC on the 30th is 00:30 on the 31st (+2).
        (dt.datetime(2027, 10, 30, 22, 30), dt.date(2027, 10, 31)),
        (dt.datetime(2027, 10, 31, 22, 30), dt.date(2027, 10, 31)),  # 23:30 local (+1)
    ],
)
def test_the_meeting_day_is_the_local_day_across_dst(utc, local_day):
    assert rules.local_date(utc, PARIS) == local_day


def test_deadline_of_a_meeting_just_after_midnight_after_the_dst_change():
    start = dt.datetime(2027, 3, 28, 22, 30)  # 00:30 on Monday 29 March, Paris
    day = rules.local_date(start, PARIS)
    assert rules.send_deadline(day, 5).last_day == dt.date(2027, 3, 23)


MEMBERS = {f"m{i}" for i in range(10)}


@pytest.mark.parametrize(
    ("present", "proxies", "reached"),
    [(5, 4, False), (6, 0, True), (5, 5, False)],  # more than half; proxies never count
)
def test_quorum(present, proxies, reached):
    answers = [(f"m{i}", "present") for i in range(present)]
    answers += [(f"m{present + i}", "proxy") for i in range(proxies)]
    quorum = rules.quorum(MEMBERS, answers)
    assert quorum.required == 6
    assert quorum.reached is reached
    assert quorum.represented == proxies


def test_quorum_counts_remote_and_substitutes_and_only_members_in_office():
    answers = [("m0", "remote"), ("m1", "substitute"), ("m2", "present"), ("gone", "present")]
    quorum = rules.quorum({"m0", "m1", "m2", "m3", "m4"}, answers)
    assert (quorum.present, quorum.required, quorum.reached) == (3, 3, True)
    assert "atteint" in quorum.describe()


def test_quorum_of_an_odd_number():
    assert rules.quorum({"a", "b", "c", "d", "e", "f", "g"}, []).required == 4


def proxy(giver="m1", holder="m2", **kw):
    options = {"members": MEMBERS, "holders_proxies": (), "consecutive_before": 0} | kw
    rules.check_proxy(giver, holder, **options)


def test_a_valid_proxy():
    proxy()
    proxy(holders_proxies=("m1",))  # changing one's own proxy is no second one
    proxy(consecutive_before=3, illness=True)


@pytest.mark.parametrize(
    ("kw", "message"),
    [
        ({"holder": "m1"}, "à vous-même"),
        ({"holder": "stranger"}, "n’est pas membre"),
        ({"holders_proxies": ("m3",)}, "détient déjà un pouvoir"),
        ({"consecutive_before": 3}, "3 séances consécutives"),
    ],
)
def test_refused_proxies(kw, message):
    with pytest.raises(SeanceError, match=message):
        proxy(**kw)


def test_teleconference_refused_where_excluded():
    rules.check_remote(True, [("Tarifs", None)])
    with pytest.raises(SeanceError, match="n’est pas ouverte"):
        rules.check_remote(False, [("Tarifs", None)])
    with pytest.raises(SeanceError, match="Budget primitif"):
        rules.check_remote(True, [("Tarifs", None), ("Budget primitif", "budget")])
