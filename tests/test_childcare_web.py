"""Childcare web pages: the public programme, its iCalendar feeds, the family pages."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import icalendar
import pytest
from calendar_readers import read_with_ical_js, read_with_icalendar
from conftest import (
    TZ,
    childcare_settings,
    csrf_token,
    form_value,
    log_in_staff,
    make_settings,
    secrets_for,
    sign_up_family,
)
from sqlalchemy import select
from test_accessibility import axe_violations, browser, describe, portal_url  # noqa: F401

from collab import db, outbox
from collab.territory import load_territory
from collab.webdav import DavShares
from portal.app import create_app
from portal.childcare import booking, demo, documents, families, privacy, programme
from portal.childcare.models import (
    Activity,
    ActivitySession,
    Centre,
    Child,
    Family,
    Period,
    Registration,
    RegistrationLine,
)
from portal.mail import QueuedMail

ROOT = Path(__file__).resolve().parent.parent


def build(tmp_path, **childcare):
    """(app, sessionmaker) on a SQLite database with the childcare demo loaded."""
    url = f"sqlite:///{tmp_path / 'portal.db'}"
    engine = db.make_engine(url)
    db.create_schema(engine)
    territory = load_territory(ROOT / "territory.toml")
    settings = childcare_settings(
        make_settings(tmp_path).with_overrides(database__url=url, girou__demo=True), **childcare
    )
    sessions = db.make_sessionmaker(engine)
    demo.load_demo(settings, sessions, territory)
    return create_app(settings, territory, secrets_for(settings)), sessions, engine


@pytest.fixture
def site(tmp_path):
    app, sessions, engine = build(tmp_path)
    yield app, sessions
    engine.dispose()


def test_the_programme_lists_centres_and_periods_with_their_status(site):
    app, sessions = site
    client = app.test_client()
    page = client.get("/enfance")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    with sessions() as s:
        centres = list(s.scalars(select(Centre)))
        periods = {p.slug: p for p in s.scalars(select(Period))}
    assert len(centres) == 3
    for centre in centres:
        assert centre.name in html
        assert f"/enfance/{centre.key}.ics" in html
    assert "Inscriptions ouvertes jusqu’au" in html  # the Wednesdays, first come
    assert "premier arrivé, premier servi" in html
    assert "/enfance/attributions/demo-prochaines-vacances" in html  # window mode
    assert periods[demo.MARKER_SLUG].name in html
    # A period already over is not listed as open.
    assert "style=" not in html


def test_a_programme_page_shows_sessions_places_and_prices(site):
    app, sessions = site
    client = app.test_client()
    with sessions() as s:
        period = s.scalars(select(Period).where(Period.slug == demo.MARKER_SLUG)).one()
        session = s.scalars(
            select(ActivitySession).where(ActivitySession.period_id == period.id)
        ).first()
        centre_key, title = session.activity.centre_key, session.activity.title
        age = f"De {session.activity.age_min} à {session.activity.age_max} ans"
    page = client.get(f"/enfance/{centre_key}/{demo.MARKER_SLUG}")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert title in html
    assert age in html
    assert "Places restantes" in html
    assert "Quotient familial" in html
    assert "Demi-journée" in html
    assert "€" in html
    assert 'media="print"' in html
    assert "childcare-print.css" in html
    assert "style=" not in html
    assert client.get("/static/childcare-print.css").status_code == 200
    assert client.get(f"/enfance/{centre_key}/pas-de-periode").status_code == 404
    assert client.get(f"/enfance/inconnu/{demo.MARKER_SLUG}").status_code == 404


def test_each_centre_has_an_icalendar_feed_that_parses_back(site):
    app, sessions = site
    client = app.test_client()
    with sessions() as s:
        centre = s.scalars(select(Centre).order_by(Centre.key)).first()
        expected = {
            row.id: (row.date, row.activity.title)
            for row in s.scalars(select(ActivitySession)).unique()
            if row.activity.centre_key == centre.key
            and row.date >= dt.date.today() - dt.timedelta(days=60)
        }
    response = client.get(f"/enfance/{centre.key}.ics")
    assert response.status_code == 200
    assert response.mimetype == "text/calendar"
    calendar = icalendar.Calendar.from_ical(response.data)
    events = list(calendar.walk("VEVENT"))
    assert expected
    assert len(events) == len(expected)
    seen = {
        int(str(e["uid"]).split("@")[0].rsplit("-", 1)[1]): (
            e.decoded("dtstart").date(),
            str(e["summary"]).split(" (")[0],
        )
        for e in events
    }
    assert seen == expected
    assert all(centre.name in str(e["location"]) for e in events)
    assert len({str(e["uid"]) for e in events}) == len(events)
    assert calendar.walk("VTIMEZONE")  # times are local, with their zone
    # A calendar app polling again gets "not modified".
    again = client.get(
        f"/enfance/{centre.key}.ics", headers={"If-None-Match": response.headers["ETag"]}
    )
    assert again.status_code == 304
    assert client.get("/enfance/inconnu.ics").status_code == 404


def mails(sessions, recipient: str) -> list[QueuedMail]:
    with sessions() as s:
        return list(s.scalars(select(QueuedMail).where(QueuedMail.recipient == recipient)))


READERS = pytest.mark.parametrize(
    "read", [read_with_icalendar, read_with_ical_js], ids=["icalendar", "ical.js"]
)


def _winter_and_summer_sessions(s, age: int = 8) -> tuple[Period, dict[int, dt.date]]:
    """An open period of next year with a morning session in January and one in June."""
    year = dt.date.today().year + 1
    activity = next(
        a
        for a in s.scalars(select(Activity).order_by(Activity.id))
        if a.age_min <= age <= a.age_max
    )
    now = dt.datetime.now(dt.UTC)
    period = programme.create_period(
        s,
        name=f"Mercredis {year}",
        kind="wednesdays",
        starts_on=dt.date(year, 1, 1),
        ends_on=dt.date(year, 7, 1),
        opens_at=now - dt.timedelta(days=1),
        closes_at=now + dt.timedelta(days=30),
        slug=f"heures-{year}",
        tz=TZ,
    )
    days = (dt.date(year, 1, 13), dt.date(year, 6, 16))
    made = [
        programme.add_session(
            s, activity=activity, period=period, date=d, slot="morning", capacity=5
        )
        for d in days
    ]
    return period, {m.id: m.date for m in made}


def _assert_half_past_eight(read, body: bytes, days: dict[str, dt.date]) -> None:
    """The feed's sessions (UID: date) start at 08:30 local time, on the right UTC instant."""
    assert b"RRULE:FREQ=YEARLY" in body
    assert b"RDATE" not in body
    starts = {uid: (utc, local) for uid, utc, local in read(body, str(TZ))}
    expected = {}
    for uid, day in days.items():
        start = dt.datetime.combine(day, dt.time(8, 30), tzinfo=TZ)
        utc = start.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        expected[uid] = (utc, f"{day.isoformat()}T08:30:00")
    assert {uid: starts.get(uid) for uid in days} == expected
    # Summer and winter differ by the hour of summer time, in UTC.
    assert len({utc[11:] for utc, _local in expected.values()}) == 2


@READERS
def test_centre_feed_sessions_read_at_their_local_time_summer_and_winter(site, read):
    app, sessions = site
    with sessions.begin() as s:
        period, days = _winter_and_summer_sessions(s)
        centre_key = s.get(ActivitySession, next(iter(days))).activity.centre_key
    response = app.test_client().get(f"/enfance/{centre_key}.ics")
    assert response.status_code == 200
    uids = {f"childcare-session-{sid}@localhost": day for sid, day in days.items()}
    _assert_half_past_eight(read, response.data, uids)


@READERS
def test_family_feed_sessions_read_at_their_local_time_summer_and_winter(site, read):
    app, sessions = site
    client = app.test_client()
    sign_up_family(client)
    token = csrf_token(client, "/enfance/compte/enfants/nouveau")
    birth = dt.date.today().replace(year=dt.date.today().year - 8, day=1)
    added = client.post(
        "/enfance/compte/enfants/nouveau",
        data={"csrf_token": token, "prenom": "Lou", "nom": "Test",
              "naissance": birth.isoformat(), "niveau": "CE2", "pai": "non"},
    )  # fmt: skip
    assert added.status_code == 302
    with sessions.begin() as s:
        period, days = _winter_and_summer_sessions(s, age=9)
        child = s.scalars(select(Child).where(Child.first_name == "Lou")).one()
        child_id, slug = child.id, period.slug
    path = f"/enfance/compte/demande/{slug}"
    page = client.get(path).get_data(as_text=True)
    data = {"csrf_token": form_value(page, "csrf_token"), "cle": form_value(page, "cle"),
            "enfant": str(child_id), "seances": [str(sid) for sid in days]}  # fmt: skip
    assert client.post(path, data=data).status_code == 302
    with sessions.begin() as s:
        request_id = s.scalars(
            select(Registration.id).where(Registration.child_id == child_id)
        ).one()
        booking.confirm(s, request_id, "secrétariat", tz=TZ)
    account = client.get("/enfance/compte").get_data(as_text=True)
    feed_path = account.split('id="adresse-agenda" readonly value="', 1)[1].split('"', 1)[0]
    response = client.get(feed_path.split("localhost", 1)[-1])
    assert response.status_code == 200
    uids = {f"childcare-{child_id}-{sid}@localhost": day for sid, day in days.items()}
    _assert_half_past_eight(read, response.data, uids)


def test_signup_mails_a_link_that_confirms_the_address(tmp_path):
    app, sessions, engine = build(tmp_path, require_email_verification=True)
    client = app.test_client()
    token = csrf_token(client, "/enfance/compte/inscription")
    bad = client.post(
        "/enfance/compte/inscription",
        data={"csrf_token": token, "email": "pas-une-adresse", "mot_de_passe": "court",
              "confirmation": "court", "nom": "", "commune": "31573"},
    )  # fmt: skip
    assert bad.status_code == 422
    html = bad.get_data(as_text=True)
    assert 'class="error-summary"' in html
    assert 'aria-invalid="true"' in html
    assert mails(sessions, "famille.test@example.org") == []
    sign_up_family(client)
    (mail,) = mails(sessions, "famille.test@example.org")
    link = mail.body.split(families.VERIFY_PATH, 1)[1].split()[0]
    # Not confirmed yet: the account page says so, and places cannot be requested.
    assert "Adresse e-mail à confirmer" in client.get("/enfance/compte").get_data(as_text=True)
    assert client.get(families.VERIFY_PATH + link).status_code == 302
    assert "Adresse e-mail à confirmer" not in client.get("/enfance/compte").get_data(as_text=True)
    with sessions() as s:
        family = s.scalars(select(Family).where(Family.email == "famille.test@example.org")).one()
        assert family.email_verified
        assert family.resident
    assert client.get(families.VERIFY_PATH + link).status_code == 404  # used once
    # Without CSRF token, nothing happens.
    assert client.post("/enfance/compte/deconnexion").status_code == 400
    engine.dispose()


def test_family_pages_need_a_family_login(site):
    app, _sessions = site
    client = app.test_client()
    response = client.get("/enfance/compte")
    assert response.status_code == 302
    assert "/enfance/compte/connexion" in response.headers["Location"]
    token = csrf_token(client, "/enfance/compte/connexion")
    wrong = client.post(
        "/enfance/compte/connexion",
        data={"csrf_token": token, "email": "x@example.org", "mot_de_passe": "nope nope"},
    )
    assert wrong.status_code == 401
    assert "incorrect" in wrong.get_data(as_text=True)


def test_a_family_requests_places_once_sees_its_rank_and_cancels(site):
    app, sessions = site
    client = app.test_client()
    sign_up_family(client)
    token = csrf_token(client, "/enfance/compte/enfants/nouveau")
    birth = dt.date.today().replace(year=dt.date.today().year - 8, day=1)
    added = client.post(
        "/enfance/compte/enfants/nouveau",
        data={"csrf_token": token, "prenom": "Lou", "nom": "Test",
              "naissance": birth.isoformat(), "niveau": "CE2", "pai": "oui"},
    )  # fmt: skip
    assert added.status_code == 302
    with sessions.begin() as s:
        period = s.scalars(select(Period).where(Period.slug == demo.MARKER_SLUG)).one()
        fitting = [
            x
            for x in programme.programme_sessions(s, period_id=period.id)
            if x.activity.age_min <= programme.age_on(birth, x.date) <= x.activity.age_max
            and x.remaining > 0
        ]
        free = fitting[0]
        # A full session: the request goes on its waiting list.
        full = programme.add_session(
            s, activity=free.activity, period=period, date=free.date, slot="morning", capacity=0
        )
        free_id, full_id = free.id, full.id
        child = s.scalars(select(Child).where(Child.first_name == "Lou")).one()
        assert child.pai_flag
        assert child.school_level == "CE2"
    path = f"/enfance/compte/demande/{demo.MARKER_SLUG}"
    page = client.get(path).get_data(as_text=True)
    key = form_value(page, "cle")
    token = form_value(page, "csrf_token")
    data = {"csrf_token": token, "cle": key, "enfant": str(child.id), "seances": [str(free_id)]}
    # A double click: the same form sent twice makes one request.
    assert client.post(path, data=data).status_code == 302
    assert client.post(path, data=data).status_code == 302
    with sessions() as s:
        requests = list(s.scalars(select(Registration).where(Registration.child_id == child.id)))
        assert len(requests) == 1
        assert s.get(ActivitySession, free_id).places_taken == free.places_taken + 1
    # Another form (a new key) for the full session: waiting list, rank shown.
    page = client.get(path).get_data(as_text=True)
    other = {**data, "cle": form_value(page, "cle"), "seances": [str(full_id)]}
    assert form_value(page, "cle") != key
    assert client.post(path, data=other).status_code == 302
    account = client.get("/enfance/compte").get_data(as_text=True)
    assert "en liste d’attente (rang 1)" in account
    assert "en attente de validation" in account
    assert "style=" not in account
    # Nothing chosen: a French error, nothing recorded.
    empty = client.post(path, data={**data, "cle": "autre", "seances": []})
    assert empty.status_code == 422
    assert "Cochez au moins une séance." in empty.get_data(as_text=True)
    # Staff validate the first request: it appears in the private calendar.
    first = requests[0].id
    with sessions.begin() as s:
        booking.confirm(s, first, "secrétariat", tz=TZ)
    feed_path = account.split('id="adresse-agenda" readonly value="', 1)[1].split('"', 1)[0]
    feed_path = feed_path.split("localhost", 1)[-1]
    response = client.get(feed_path)
    assert response.status_code == 200
    events = list(icalendar.Calendar.from_ical(response.data).walk("VEVENT"))
    assert len(events) == 1
    assert str(events[0]["summary"]).startswith("Lou : ")
    assert events[0].decoded("dtstart").date() == free.date
    # The secret matters: a tampered address is unknown, even for the same family.
    assert app.test_client().get(feed_path[:-8] + "0000.ics").status_code == 404
    # Cancel the confirmed request: its place goes back; the feed empties.
    token = csrf_token(client, "/enfance/compte")
    cancelled = client.post(f"/enfance/compte/demandes/{first}/annuler", data={"csrf_token": token})
    assert cancelled.status_code == 302
    with sessions() as s:
        assert s.get(Registration, first).status == "cancelled"
        assert s.get(ActivitySession, free_id).places_taken == free.places_taken
    assert list(icalendar.Calendar.from_ical(client.get(feed_path).data).walk("VEVENT")) == []
    # Another family cannot cancel it (or see it).
    intruder = app.test_client()
    sign_up_family(intruder, "autre@example.org")
    token = csrf_token(intruder, "/enfance/compte")
    with sessions() as s:
        waiting = s.scalars(
            select(Registration.id).where(
                Registration.child_id == child.id, Registration.status == "waitlisted"
            )
        ).one()
    intruder.post(f"/enfance/compte/demandes/{waiting}/annuler", data={"csrf_token": token})
    with sessions() as s:
        assert s.get(Registration, waiting).status == "waitlisted"
    assert "Lou" not in intruder.get("/enfance/compte").get_data(as_text=True)


def test_login_is_rate_limited(site):
    app, _sessions = site
    client = app.test_client()
    token = csrf_token(client, "/enfance/compte/connexion")
    data = {"csrf_token": token, "email": "x@example.org", "mot_de_passe": "mauvais mot"}
    codes = [client.post("/enfance/compte/connexion", data=data).status_code for _ in range(21)]
    assert codes[:20] == [401] * 20
    assert codes[20] == 429


def test_staff_pages_list_filter_decide_export_and_print(site):
    app, sessions = site
    territory = app.extensions["girou"].territory
    outsider = next(
        p for p in territory.people if not p.is_staff and "petite-enfance" not in p.instances
    )
    member = next(p for p in territory.people if "petite-enfance" in p.instances)
    anonymous = app.test_client()
    assert anonymous.get("/gestion/enfance").status_code == 302  # to the login page
    client = app.test_client()
    log_in_staff(client, outsider.localpart)
    for path in ("/gestion/enfance", "/gestion/enfance/export.csv", "/gestion/enfance/seances"):
        assert client.get(path).status_code == 403
    assert client.post("/gestion/enfance/demandes/1/valider", data={}).status_code in (400, 403)

    client = app.test_client()
    token = log_in_staff(client, member.localpart)
    with sessions() as s:
        pending = s.scalars(
            select(Registration).where(Registration.status == "pending").order_by(Registration.id)
        ).all()
        waiting_line = s.scalars(
            select(RegistrationLine).where(RegistrationLine.status == "waiting")
        ).first()
        period_slug = pending[0].period.slug
    page = client.get(f"/gestion/enfance?periode={period_slug}&etat=pending")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert f"/gestion/enfance/demandes/{pending[0].id}/valider" in html
    assert "style=" not in html
    # Validate one, refuse another (reason required), through the core functions.
    first, second = pending[0].id, pending[1].id
    back = "/gestion/enfance?etat=pending"
    response = client.post(
        f"/gestion/enfance/demandes/{first}/valider", data={"csrf_token": token, "retour": back}
    )
    assert response.status_code == 302
    assert response.headers["Location"].endswith(back)
    client.post(f"/gestion/enfance/demandes/{second}/refuser", data={"csrf_token": token})
    with sessions() as s:
        assert s.get(Registration, second).status == "pending"  # no reason, nothing done
    client.post(
        f"/gestion/enfance/demandes/{second}/refuser",
        data={"csrf_token": token, "motif": "Dossier incomplet"},
    )
    with sessions() as s:
        assert s.get(Registration, first).status == "confirmed"
        refused = s.get(Registration, second)
        assert refused.status == "refused"
        assert refused.reason == "Dossier incomplet"
        assert any("Dossier incomplet" in m.body for m in mails(sessions, refused.family.email))
    # The CSV export follows the filters.
    export = client.get("/gestion/enfance/export.csv?etat=confirmed")
    assert export.status_code == 200
    assert export.mimetype == "text/csv"
    rows = list(
        csv.reader(io.StringIO(export.get_data(as_text=True).lstrip("\ufeff")), delimiter=";")
    )
    assert rows[0][0] == "numéro"
    assert [int(r[0]) for r in rows[1:]] == [first]
    # The printable attendance sheet of a session of the confirmed request.
    with sessions() as s:
        line = s.get(Registration, first).lines[0]
        child = s.get(Registration, first).child
    sheet = client.get(f"/gestion/enfance/seances/{line.session_id}")
    assert sheet.status_code == 200
    html = sheet.get_data(as_text=True)
    assert child.first_name in html
    assert "childcare-print.css" in html
    assert client.get("/gestion/enfance/seances").status_code == 200
    # A waiting list shows its ranks.
    assert waiting_line is not None  # the demo fills its smallest session beyond capacity
    if waiting_line is not None:
        html = client.get(f"/gestion/enfance/seances/{waiting_line.session_id}").get_data(
            as_text=True
        )
        assert f"Rang {waiting_line.waitlist_rank} :" in html


def add_lou(client, birth: dt.date | None = None) -> None:
    token = csrf_token(client, "/enfance/compte/enfants/nouveau")
    birth = birth or dt.date.today().replace(year=dt.date.today().year - 8, day=1)
    response = client.post(
        "/enfance/compte/enfants/nouveau",
        data={"csrf_token": token, "prenom": "Lou", "nom": "Test",
              "naissance": birth.isoformat(), "niveau": "CE2"},
    )  # fmt: skip
    assert response.status_code == 302


def test_export_and_account_deletion_free_the_places(site):
    app, sessions = site
    client = app.test_client()
    sign_up_family(client)
    add_lou(client)
    with sessions() as s:
        child = s.scalars(select(Child).where(Child.first_name == "Lou")).one()
        period = s.scalars(select(Period).where(Period.slug == demo.MARKER_SLUG)).one()
        free = next(
            x
            for x in programme.programme_sessions(s, period_id=period.id)
            if x.activity.age_min <= programme.age_on(child.birth_date, x.date)
            and programme.age_on(child.birth_date, x.date) <= x.activity.age_max
            and x.remaining > 0
        )
    path = f"/enfance/compte/demande/{demo.MARKER_SLUG}"
    page = client.get(path).get_data(as_text=True)
    data = {"csrf_token": form_value(page, "csrf_token"), "cle": form_value(page, "cle"),
            "enfant": str(child.id), "seances": [str(free.id)]}  # fmt: skip
    assert client.post(path, data=data).status_code == 302
    exported = client.get("/enfance/compte/mes-donnees.json")
    assert exported.status_code == 200
    body = exported.get_json()
    assert body["compte"]["email"] == "famille.test@example.org"
    assert "password_hash" not in exported.get_data(as_text=True)
    assert body["enfants"][0]["prenom"] == "Lou"
    assert body["demandes"][0]["seances"][0]["date"] == free.date.isoformat()
    # The mails so far (account, receipt) as the bots leave them: sent.
    email = "famille.test@example.org"
    with sessions.begin() as s:
        mails = s.scalars(select(QueuedMail).where(QueuedMail.recipient == email)).all()
        assert len(mails) >= 2
        for mail in mails:
            mail.sent_at = dt.datetime(2026, 1, 1)
    # Deleting needs the password; then the place is freed and nothing is left.
    token = csrf_token(client, "/enfance/compte/supprimer")
    wrong = client.post(
        "/enfance/compte/supprimer", data={"csrf_token": token, "mot_de_passe": "x"}
    )
    assert wrong.status_code == 401
    gone = client.post(
        "/enfance/compte/supprimer",
        data={"csrf_token": token, "mot_de_passe": "un mot de passe long"},
    )
    assert gone.status_code == 302
    with sessions() as s:
        assert (
            s.scalars(select(Family).where(Family.email == "famille.test@example.org")).first()
            is None
        )
        assert s.get(Child, child.id) is None
        assert s.scalars(select(Registration).where(Registration.child_id == child.id)).all() == []
        assert s.get(ActivitySession, free.id).places_taken == free.places_taken
        # No copy of the mails sent to the family is kept; the request's cancellation, queued
        # by the deletion, still goes.
        left = s.scalars(select(QueuedMail).where(QueuedMail.recipient == email)).all()
        assert [(m.sent_at, m.subject.split(" — ")[0]) for m in left] == [(None, "Demande annulée")]
    assert client.get("/enfance/compte").status_code == 302  # logged out


def test_retention_anonymises_children_without_recent_sessions(site):
    _app, sessions = site
    old = dt.datetime.now() - dt.timedelta(days=800)
    with sessions.begin() as s:
        family = s.scalars(select(Family)).first()
        forgotten = families.add_child(
            s, family, first_name="Ancien", last_name="Enfant", birth_date=dt.date(2015, 6, 9),
            pai_flag=True,
        )  # fmt: skip
        forgotten.created_at = old
        active = s.scalars(
            select(Child).where(Child.id.in_(select(RegistrationLine.child_id)))
        ).first()
        active.created_at = old  # an old account, but its sessions are recent
        forgotten_id, active_id, active_name = forgotten.id, active.id, active.first_name
    with sessions.begin() as s:
        assert privacy.anonymise_children(s, 730) == 1
    with sessions.begin() as s:
        child = s.get(Child, forgotten_id)
        assert child.first_name == "Enfant"
        assert child.last_name == privacy.ANONYMOUS
        assert child.birth_date == dt.date(2015, 1, 1)
        assert not child.pai_flag
        assert s.get(Child, active_id).first_name == active_name
        assert privacy.anonymise_children(s, 730) == 0  # done once
    # The job's other work: copies of what was said, as old as that, are deleted.
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    long_ago, lately = now - dt.timedelta(days=731), now - dt.timedelta(days=729)
    with sessions.begin() as s:
        for name, status, created_at in [
            ("old-sent", outbox.SENT, long_ago),
            ("old-digested", outbox.DIGESTED, long_ago),
            ("old-dead", outbox.DEAD, long_ago),
            ("old-pending", outbox.PENDING, long_ago),  # still to deliver
            ("recent-sent", outbox.SENT, lately),
        ]:
            source_id = f"retention:{name}"
            outbox.enqueue(
                s, kind="childcare.request", room_key="secretariat",
                payload={"family": "Ancienne"}, source_id=source_id,
            )  # fmt: skip
            row = s.scalars(select(outbox.OutboxMessage).filter_by(source_id=source_id)).one()
            row.status, row.created_at = status, created_at
        for name, sent_at in [("old", long_ago), ("recent", lately), ("unsent", None)]:
            s.add(QueuedMail(recipient=f"{name}@example.org", subject="Reçu", body="Ancien",
                             created_at=long_ago, sent_at=sent_at))  # fmt: skip
    with sessions.begin() as s:
        done = privacy.apply_retention(s, 730, now)
    assert done == {"children anonymised": 0, "notifications deleted": 3, "mails deleted": 1}
    with sessions() as s:
        assert sorted(
            s.scalars(
                select(outbox.OutboxMessage.source_id).where(
                    outbox.OutboxMessage.source_id.like("retention:%")
                )
            )
        ) == ["retention:old-pending", "retention:recent-sent"]
        assert sorted(
            s.scalars(select(QueuedMail.recipient).where(QueuedMail.body == "Ancien"))
        ) == [
            "recent@example.org",
            "unsent@example.org",
        ]
    # The job is scheduled by the childcare feature.
    from portal.childcare import feature

    assert feature.FEATURE.schedule is feature.schedule


def test_documents_go_to_the_secretariat_share_and_complete_the_file(stack, provisioned, tmp_path):
    territory, _ = provisioned
    url = f"sqlite:///{tmp_path / 'docs.db'}"
    engine = db.make_engine(url)
    db.create_schema(engine)
    settings = childcare_settings(
        stack.settings.with_overrides(database__url=url, girou__demo=True)
    )
    sessions = db.make_sessionmaker(engine)
    app = create_app(settings, territory, secrets_for(settings))
    client = app.test_client()
    sign_up_family(client, "documents@example.org")
    page = client.get("/enfance/compte/documents").get_data(as_text=True)
    assert "justificatif de quotient familial (CAF ou MSA) manquant(e)" in page
    token = form_value(page, "csrf_token")
    # Not a PDF/JPEG/PNG, whatever its name says: refused, nothing stored.
    bad = client.post(
        "/enfance/compte/documents",
        data={"csrf_token": token, "type": "quotient",
              "fichier": (io.BytesIO(b"<html>not a pdf"), "caf.pdf")},
        content_type="multipart/form-data",
    )  # fmt: skip
    assert bad.status_code == 422
    assert "Formats acceptés" in bad.get_data(as_text=True)
    pdf = b"%PDF-1.4 attestation CAF de test"
    good = client.post(
        "/enfance/compte/documents",
        data={"csrf_token": token, "type": "quotient", "fichier": (io.BytesIO(pdf), "caf.pdf")},
        content_type="multipart/form-data",
    )
    assert good.status_code == 302
    with sessions() as s:
        family = s.scalars(select(Family).where(Family.email == "documents@example.org")).one()
        (record,) = documents.documents_of(s, family.id)
        missing = documents.missing_documents(s, family)
    assert not any("quotient" in m for m in missing)
    assert len(missing) == 2
    bot = settings.get("matrix", "bot_localpart")
    with DavShares(settings.url("webdav"), bot, stack.secrets.bot_password) as dav:
        assert dav.download(documents.SHARE, record.path) == pdf
    assert record.path.startswith(f"{documents.FOLDER}/famille-{family.id}/quotient-")
    # The portal never serves it.
    assert client.get(f"/{documents.SHARE}/{record.path}").status_code == 404
    page = client.get("/enfance/compte/documents").get_data(as_text=True)
    assert "Documents envoyés" in page
    assert record.path not in page
    # Deleting the account removes the file from the share too.
    token = csrf_token(client, "/enfance/compte/supprimer")
    client.post(
        "/enfance/compte/supprimer",
        data={"csrf_token": token, "mot_de_passe": "un mot de passe long"},
    )
    with DavShares(settings.url("webdav"), bot, stack.secrets.bot_password) as dav:
        paths = [d.path for d in dav.list_documents(documents.SHARE)]
    assert record.path not in paths
    engine.dispose()


def test_family_pages_have_no_axe_violation(browser, portal_url):  # noqa: F811
    """Signed up through the real form in headless Chromium, every family page passes axe."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select, WebDriverWait

    browser.get(portal_url + "/enfance/compte/inscription")
    for field, value in (
        ("email", "axe.famille@example.org"),
        ("mot_de_passe", "un mot de passe long"),
        ("confirmation", "un mot de passe long"),
        ("nom", "Famille Axe"),
    ):
        browser.find_element(By.ID, field).send_keys(value)
    Select(browser.find_element(By.ID, "commune")).select_by_index(1)
    browser.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
    WebDriverWait(browser, 10).until(lambda b: "Espace famille — Famille Axe" in b.page_source)
    problems = {}
    for path in (
        "/enfance/compte",
        "/enfance/compte/enfants/nouveau",
        f"/enfance/compte/demande/{demo.MARKER_SLUG}",
        "/enfance/compte/documents",
        "/enfance/compte/supprimer",
    ):
        browser.get(portal_url + path)
        if violations := axe_violations(browser):
            problems[path] = describe(violations)
    # The child form sent empty: its error summary and invalid fields.
    browser.get(portal_url + "/enfance/compte/enfants/nouveau")
    browser.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
    WebDriverWait(browser, 10).until(lambda b: "Le formulaire contient" in b.page_source)
    if violations := axe_violations(browser):
        problems["child form with errors"] = describe(violations)
    browser.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
    assert problems == {}


def test_demo_families_sent_documents_to_the_share(stack, provisioned, tmp_path):
    """After `make run`, the secretariat sees complete and incomplete files, with real files
    in its share."""
    territory, _ = provisioned
    url = f"sqlite:///{tmp_path / 'demo-docs.db'}"
    engine = db.make_engine(url)
    db.create_schema(engine)
    settings = childcare_settings(stack.settings.with_overrides(database__url=url))
    sessions = db.make_sessionmaker(engine)
    assert "documents" in demo.load_demo(settings, sessions, territory)
    with sessions() as s:
        records = s.scalars(select(documents.FamilyDocument)).all()
        alerts = s.scalars(
            select(outbox.OutboxMessage).where(outbox.OutboxMessage.kind == "childcare.request")
        ).all()
        missing = [row.payload["missing"] for row in alerts]
    assert records
    assert any(not m for m in missing)  # complete files
    assert any(m for m in missing)  # and incomplete ones
    bot = settings.get("matrix", "bot_localpart")
    with DavShares(settings.url("webdav"), bot, stack.secrets.bot_password) as dav:
        stored = {d.path for d in dav.list_documents(documents.SHARE)}
        assert {r.path for r in records} <= stored
        assert dav.download(documents.SHARE, records[0].path).startswith(b"%PDF-")
    engine.dispose()
