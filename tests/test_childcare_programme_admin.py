"""Staff edit the childcare programme in the back-office (SQLite and PostgreSQL): periods,
activities, sessions, capacities and prices through the real forms, and the rules a secretary
expects (places already taken, requests already made, allocation done)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from conftest import (
    TZ,
    childcare_settings,
    count,
    log_in_staff,
    make_settings,
    open_wednesdays,
    secrets_for,
)
from sqlalchemy import func, select
from test_childcare_web import mails

from collab import db
from collab.french import day_fr
from collab.outbox import OutboxMessage
from collab.territory import load_territory
from portal.app import create_app
from portal.childcare import booking, families, programme
from portal.childcare.models import (
    PENDING,
    WAITLISTED,
    Activity,
    ActivitySession,
    Period,
    PriceBracket,
    Registration,
)

ROOT = Path(__file__).resolve().parent.parent
PARIS = ZoneInfo("Europe/Paris")
ADMIN = "/gestion/enfance/programme"


@pytest.fixture
def site(tmp_path, database_url):
    """(app, sessionmaker, territory): the centres of the territory, no programme yet."""
    engine = db.make_engine(database_url)
    db.create_schema(engine)
    territory = load_territory(ROOT / "territory.toml")
    settings = childcare_settings(
        make_settings(tmp_path).with_overrides(database__url=database_url)
    )
    sessions = db.make_sessionmaker(engine)
    with sessions.begin() as s:
        programme.sync_centres(s, territory)
    yield create_app(settings, territory, secrets_for(settings)), sessions, territory
    engine.dispose()


def staff_client(app):
    """A test client logged in as a secretary, and its CSRF token."""
    secretary = next(p for p in app.extensions["girou"].territory.people if p.is_staff)
    client = app.test_client()
    return client, log_in_staff(client, secretary.localpart)


def local(moment: dt.datetime) -> str:
    """The value a datetime-local input sends."""
    return moment.astimezone(PARIS).strftime("%Y-%m-%dT%H:%M")


def small_programme(sessions, capacity: int = 2) -> tuple[int, int, int]:
    """An open first-come period, one activity (6-11 years), one Wednesday session."""
    with sessions.begin() as s:
        period = open_wednesdays(s)
        activity = programme.create_activity(
            s, centre_key="alsh-verfeil", title="Grands jeux", age_min=6, age_max=11
        )
        wednesday = programme.dates_between(period.starts_on, period.ends_on, [2])[0]
        session = programme.add_session(
            s, activity=activity, period=period, date=wednesday, slot="day", capacity=capacity
        )
        return period.id, activity.id, session.id


def request_places(sessions, territory, session_id: int, number: int, age: int = 8) -> int:
    """A verified family with one child asks for the session; the request's id."""
    today = dt.date.today()
    with sessions.begin() as s:
        family = families.create_family(
            s,
            territory,
            email=f"famille{number}@example.org",
            password="un mot de passe long",
            name=f"Famille {number}",
            commune_insee="31573",
            scrypt_n=1024,
            verified=True,
        )
        child = families.add_child(
            s,
            family,
            first_name=f"Enfant{number}",
            last_name="Test",
            birth_date=today.replace(year=today.year - age) - dt.timedelta(days=30),
        )
        return booking.register(s, family, child, [session_id], f"cle-{number}", tz=TZ).id


def test_a_period_an_activity_and_its_wednesdays_made_in_the_forms_are_public(site):
    app, sessions, _territory = site
    client, token = staff_client(app)
    today, now = dt.date.today(), dt.datetime.now(dt.UTC)
    starts, ends = today + dt.timedelta(days=1), today + dt.timedelta(days=56)
    opens = (now - dt.timedelta(hours=2)).replace(second=0, microsecond=0)
    closes = (now + dt.timedelta(days=20)).replace(second=0, microsecond=0)
    assert client.get(f"{ADMIN}/periodes/nouvelle").status_code == 200
    response = client.post(
        f"{ADMIN}/periodes/nouvelle",
        data={"csrf_token": token, "nom": "Mercredis du printemps", "type": "wednesdays",
              "debut": starts.isoformat(), "fin": ends.isoformat(),
              "ouverture_residents": local(opens - dt.timedelta(days=3)),
              "ouverture": local(opens), "cloture": local(closes), "mode": "first_come"},
    )  # fmt: skip
    assert response.status_code == 302, response.get_data(as_text=True)
    with sessions() as s:
        period = s.scalars(select(Period)).one()
    # Typed in Paris time, stored in naive UTC.
    assert (period.opens_at, period.closes_at) == (
        programme.as_utc(opens),
        programme.as_utc(closes),
    )
    assert period.residents_open_at == programme.as_utc(opens - dt.timedelta(days=3))
    assert (period.starts_on, period.ends_on, period.allocation_mode) == (
        starts,
        ends,
        "first_come",
    )
    assert response.headers["Location"].endswith(f"{ADMIN}/periodes/{period.id}")

    response = client.post(
        f"{ADMIN}/activites/nouvelle",
        data={"csrf_token": token, "centre": "alsh-verfeil", "titre": "Jeux de piste",
              "description": "Énigmes et cartes au trésor.", "age_min": "6", "age_max": "11"},
    )  # fmt: skip
    assert response.status_code == 302, response.get_data(as_text=True)
    with sessions() as s:
        activity = s.scalars(select(Activity)).one()
    assert (activity.title, activity.age_min, activity.age_max) == ("Jeux de piste", 6, 11)

    form = {"csrf_token": token, "activite": str(activity.id), "quand": "mercredis",
            "du": starts.isoformat(), "au": ends.isoformat(), "creneau": "day",
            "capacite": "12"}  # fmt: skip
    path = f"{ADMIN}/periodes/{period.id}/seances"
    assert client.get(path).status_code == 200
    response = client.post(path, data=form)
    assert response.status_code == 302, response.get_data(as_text=True)
    wednesdays = [d for d in (starts + dt.timedelta(n) for n in range(56)) if d.weekday() == 2]
    with sessions() as s:
        made = s.scalars(select(ActivitySession).order_by(ActivitySession.date)).all()
    assert [x.date for x in made] == wednesdays
    assert {(x.slot, x.capacity, x.activity_id) for x in made} == {("day", 12, activity.id)}
    assert f"{len(wednesdays)} séances ajoutées" in client.get(path).get_data(as_text=True)
    # The same Wednesdays again: nothing new, and said so.
    again = client.post(path, data=form)
    assert again.status_code == 400
    assert "a déjà une séance à ce créneau" in again.get_data(as_text=True)
    assert count(sessions, ActivitySession) == len(wednesdays)

    public = client.get("/enfance").get_data(as_text=True)
    assert "Mercredis du printemps" in public
    assert "Inscriptions ouvertes jusqu’au" in public
    page = client.get(f"/enfance/alsh-verfeil/{period.slug}")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "Jeux de piste" in html
    assert "De 6 à 11 ans" in html
    for day in wednesdays:
        assert f'<time datetime="{day.isoformat()}">{day_fr(day)}</time>' in html
    # The back-office page lists them too, with their capacity forms.
    admin = client.get(f"{ADMIN}/periodes/{period.id}").get_data(as_text=True)
    assert admin.count(f"{ADMIN}/seances/") == 2 * len(wednesdays)  # capacity, deletion
    assert "style=" not in admin


def test_a_capacity_below_the_places_taken_is_refused_and_changes_nothing(site):
    app, sessions, territory = site
    period_id, _activity_id, session_id = small_programme(sessions, capacity=2)
    requests = [request_places(sessions, territory, session_id, n) for n in range(3)]
    client, token = staff_client(app)
    back = f"{ADMIN}/periodes/{period_id}"
    for value, message in (
        ("1", "2 places sont déjà prises : la capacité ne peut pas descendre en dessous."),
        ("-3", "« Nombre de places » : un nombre entier de 0 à 500."),
        ("beaucoup", "« Nombre de places » : un nombre entier de 0 à 500."),
    ):
        response = client.post(
            f"{ADMIN}/seances/{session_id}/capacite",
            data={"csrf_token": token, "capacite": value, "retour": back},
        )
        assert response.status_code == 302
        assert response.headers["Location"].endswith(back)
        assert message in client.get(back).get_data(as_text=True)
        with sessions() as s:
            session = s.get(ActivitySession, session_id)
            assert (session.capacity, session.places_taken, session.waitlist_length) == (2, 2, 1)
            assert s.get(Registration, requests[2]).status == WAITLISTED


def test_more_capacity_promotes_the_waiting_list_with_its_alert_and_mail(site):
    app, sessions, territory = site
    period_id, _activity_id, session_id = small_programme(sessions, capacity=2)
    requests = [request_places(sessions, territory, session_id, n) for n in range(4)]
    client, token = staff_client(app)
    back = f"{ADMIN}/periodes/{period_id}"
    response = client.post(
        f"{ADMIN}/seances/{session_id}/capacite",
        data={"csrf_token": token, "capacite": "3", "retour": back},
    )
    assert response.status_code == 302
    assert "3 places, 3 prises, 1 en liste d’attente." in client.get(back).get_data(as_text=True)
    with sessions() as s:
        statuses = [s.get(Registration, r).status for r in requests]
        assert statuses == [PENDING, PENDING, PENDING, WAITLISTED]
        promoted = s.get(Registration, requests[2])
        assert promoted.waitlist_rank is None
        assert s.get(Registration, requests[3]).waitlist_rank == 1
        alert = s.scalars(
            select(OutboxMessage).where(
                OutboxMessage.source_id == f"childcare.promoted:{requests[2]}"
            )
        ).one()
        assert alert.room_key == "secretariat"
        email = promoted.family.email
    assert any(m.subject.startswith("Une place s’est libérée") for m in mails(sessions, email))
    assert count(sessions, OutboxMessage, OutboxMessage.kind == "childcare.promoted") == 1


def test_only_a_session_nobody_asked_for_can_be_deleted(site):
    app, sessions, territory = site
    period_id, activity_id, asked = small_programme(sessions)
    with sessions.begin() as s:
        period, activity = s.get(Period, period_id), s.get(Activity, activity_id)
        day = s.get(ActivitySession, asked).date + dt.timedelta(days=7)
        free = programme.add_session(
            s, activity=activity, period=period, date=day, slot="morning", capacity=5
        ).id
    request_places(sessions, territory, asked, 1)
    client, token = staff_client(app)
    back = f"{ADMIN}/periodes/{period_id}"
    response = client.post(
        f"{ADMIN}/seances/{asked}/supprimer", data={"csrf_token": token, "retour": back}
    )
    assert response.status_code == 302
    assert "elle ne peut pas être supprimée" in client.get(back).get_data(as_text=True)
    client.post(f"{ADMIN}/seances/{free}/supprimer", data={"csrf_token": token, "retour": back})
    with sessions() as s:
        assert s.get(ActivitySession, asked) is not None
        assert s.get(ActivitySession, free) is None
    assert (
        client.post(f"{ADMIN}/seances/{free}/supprimer", data={"csrf_token": token, "retour": back})
        .headers["Location"]
        .endswith(back)
    )
    assert "Séance inconnue" in client.get(back).get_data(as_text=True)


def period_form(period: Period, **changes) -> dict[str, str]:
    values = {
        "nom": period.name,
        "type": period.kind,
        "debut": period.starts_on.isoformat(),
        "fin": period.ends_on.isoformat(),
        "ouverture": local(period.opens_at.replace(tzinfo=dt.UTC)),
        "cloture": local(period.closes_at.replace(tzinfo=dt.UTC)),
        "mode": period.allocation_mode,
    }
    return {**values, **changes}


def test_a_period_with_requests_keeps_its_dates_and_mode_and_an_allocated_one_is_frozen(site):
    app, sessions, territory = site
    period_id, _activity_id, session_id = small_programme(sessions)
    client, token = staff_client(app)
    path = f"{ADMIN}/periodes/{period_id}/modifier"
    with sessions() as s:
        before = s.get(Period, period_id)
    # Without requests, the dates may change, but not so as to leave a session out.
    later = before.starts_on + dt.timedelta(days=40)
    response = client.post(
        path, data={"csrf_token": token, **period_form(before, debut=later.isoformat())}
    )
    assert response.status_code == 400
    assert "1 séance de la période tomberait en dehors de ces dates" in response.get_data(
        as_text=True
    )
    longer = before.ends_on + dt.timedelta(days=7)
    response = client.post(
        path, data={"csrf_token": token, **period_form(before, fin=longer.isoformat())}
    )
    assert response.status_code == 302
    with sessions() as s:
        before = s.get(Period, period_id)
    assert before.ends_on == longer

    request_places(sessions, territory, session_id, 1)
    for changes, message in (
        ({"fin": (longer + dt.timedelta(days=7)).isoformat()}, "ses dates ne peuvent plus"),
        ({"mode": "window"}, "son mode d’attribution ne peut plus changer"),
    ):
        response = client.post(path, data={"csrf_token": token, **period_form(before, **changes)})
        assert response.status_code == 400
        assert message in response.get_data(as_text=True)
        assert "a déjà 1 demande d’inscription" in response.get_data(as_text=True)
    with sessions() as s:
        unchanged = s.get(Period, period_id)
        assert (unchanged.ends_on, unchanged.allocation_mode) == (longer, "first_come")
    # The name and the closing may still change.
    closes = dt.datetime.now(dt.UTC).replace(second=0, microsecond=0) + dt.timedelta(days=15)
    response = client.post(
        path,
        data={"csrf_token": token,
              **period_form(before, nom="Mercredis d’hiver", cloture=local(closes))},
    )  # fmt: skip
    assert response.status_code == 302
    with sessions() as s:
        renamed = s.get(Period, period_id)
        assert (renamed.name, renamed.closes_at) == ("Mercredis d’hiver", programme.as_utc(closes))
        assert renamed.slug == "mercredis-test"  # its addresses stay

    with sessions.begin() as s:  # as allocation.allocate leaves a window-mode period
        s.get(Period, period_id).allocated_at = dt.datetime(2026, 1, 5, 11, 0)
    assert "ne peut plus être modifiée" in client.get(path).get_data(as_text=True)
    response = client.post(path, data={"csrf_token": token, **period_form(renamed, nom="Autre")})
    assert response.status_code == 400
    assert "ont été attribuées le lundi 5 janvier 2026 à 12 h" in response.get_data(as_text=True)
    with sessions() as s:
        assert s.get(Period, period_id).name == "Mercredis d’hiver"


def test_bad_period_values_get_french_messages_and_change_nothing(site):
    app, sessions, _territory = site
    client, token = staff_client(app)
    now = dt.datetime.now(dt.UTC)
    base = {"csrf_token": token, "nom": "Été", "type": "summer", "debut": "2027-07-07",
            "fin": "2027-08-28", "ouverture": local(now), "cloture": local(now + dt.timedelta(1)),
            "mode": "window"}  # fmt: skip
    for changes, message in (
        ({"nom": ""}, "Le champ « Nom de la période » est obligatoire."),
        ({"type": "carnaval"}, "Choisissez une valeur de la liste « Type de période »."),
        ({"debut": "31/02/2027"}, "« Premier jour » : valeur invalide"),
        ({"fin": "2027-06-01"}, "La période se termine avant de commencer."),
        ({"cloture": local(now - dt.timedelta(1))}, "Les inscriptions ferment avant d’ouvrir."),
        ({"ouverture": "9999-01-01T00:00"}, "l’année doit être entre 2000 et 2100"),
    ):
        response = client.post(f"{ADMIN}/periodes/nouvelle", data={**base, **changes})
        assert response.status_code == 400, changes
        html = response.get_data(as_text=True)
        assert message in html
        assert "Le formulaire contient 1 erreur" in html
    assert count(sessions, Period) == 0
    # Two periods of the same name and dates get two addresses.
    for _ in range(2):
        assert client.post(f"{ADMIN}/periodes/nouvelle", data=base).status_code == 302
    with sessions() as s:
        periods = s.scalars(select(Period).order_by(Period.id)).all()
    assert [p.slug for p in periods] == ["ete-2027-07-07", "ete-2027-07-07-2"]
    assert all(p.lottery_seed for p in periods)  # window mode: the seed is drawn


def test_an_activity_with_requests_keeps_its_centre_and_its_children(site):
    app, sessions, territory = site
    _period_id, activity_id, session_id = small_programme(sessions)
    request_places(sessions, territory, session_id, 1, age=8)
    client, token = staff_client(app)
    path = f"{ADMIN}/activites/{activity_id}/modifier"
    form = {"csrf_token": token, "centre": "alsh-verfeil", "titre": "Grands jeux",
            "description": "", "age_min": "6", "age_max": "11"}  # fmt: skip
    for changes, message in (
        ({"centre": "alsh-gragnague"}, "elle ne peut plus changer de centre"),
        ({"age_min": "9"}, "1 demande en cours pour « Grands jeux » concerne des enfants"),
        ({"age_min": "12"}, "Tranche d’âge invalide"),
    ):
        response = client.post(path, data={**form, **changes})
        assert response.status_code == 400, changes
        assert message in response.get_data(as_text=True)
    response = client.post(path, data={**form, "titre": "Grands jeux d’hiver", "age_max": "12"})
    assert response.status_code == 302
    with sessions() as s:
        activity = s.get(Activity, activity_id)
        assert (activity.centre_key, activity.title) == ("alsh-verfeil", "Grands jeux d’hiver")
        assert (activity.age_min, activity.age_max) == (6, 12)


def test_one_date_or_every_weekday_and_a_date_outside_the_period(site):
    app, sessions, _territory = site
    period_id, activity_id, _session_id = small_programme(sessions)
    client, token = staff_client(app)
    path = f"{ADMIN}/periodes/{period_id}/seances"
    with sessions() as s:
        period = s.get(Period, period_id)
    form = {"csrf_token": token, "activite": str(activity_id), "creneau": "morning",
            "capacite": "8"}  # fmt: skip
    outside = period.ends_on + dt.timedelta(days=1)
    response = client.post(path, data={**form, "quand": "date", "date": outside.isoformat()})
    assert response.status_code == 400
    assert "est en dehors de la période « Mercredis de test »" in response.get_data(as_text=True)
    assert count(sessions, ActivitySession) == 1
    response = client.post(path, data={**form, "quand": "semaine"})
    assert response.status_code == 302
    weekdays = programme.dates_between(period.starts_on, period.ends_on, range(5))
    # The Wednesday that already has a day session keeps it alone.
    assert count(sessions, ActivitySession) == 1 + len(weekdays) - 1
    with sessions() as s:
        assert s.scalar(select(func.max(ActivitySession.capacity))) == 8


def test_price_brackets_are_set_replaced_shown_and_deleted(site):
    app, sessions, _territory = site
    period_id, _activity_id, _session_id = small_programme(sessions)
    client, token = staff_client(app)
    path = f"{ADMIN}/tarifs"
    for amount in ("5", "6,50 €"):
        response = client.post(
            path, data={"csrf_token": token, "duree": "half_day", "quotient": "", "prix": amount}
        )
        assert response.status_code == 302
    assert (
        client.post(
            path, data={"csrf_token": token, "duree": "day", "quotient": "800", "prix": "9.5"}
        ).status_code
        == 302
    )
    response = client.post(
        path, data={"csrf_token": token, "duree": "day", "quotient": "", "prix": "douze"}
    )
    assert response.status_code == 400
    assert "un montant en euros" in response.get_data(as_text=True)
    with sessions() as s:
        grid = {
            (b.duration, b.quotient_max): b.amount_cents for b in s.scalars(select(PriceBracket))
        }
    assert grid == {("half_day", None): 650, ("day", 800): 950}
    html = client.get("/enfance/alsh-verfeil/mercredis-test").get_data(as_text=True)
    assert "6,50 €" in html
    assert "9,50 €" in html
    # A period's own grid, then a deletion.
    own = f"{ADMIN}/periodes/{period_id}/tarifs"
    client.post(own, data={"csrf_token": token, "duree": "day", "quotient": "", "prix": "20"})
    with sessions() as s:
        bracket = s.scalars(select(PriceBracket).where(PriceBracket.period_id == period_id)).one()
    assert bracket.amount_cents == 2000
    # Not through the default grid's address: nothing deleted.
    client.post(f"{ADMIN}/tarifs/{bracket.id}/supprimer", data={"csrf_token": token})
    assert count(sessions, PriceBracket) == 3
    response = client.post(f"{own}/{bracket.id}/supprimer", data={"csrf_token": token})
    assert response.headers["Location"].endswith(own)
    assert count(sessions, PriceBracket) == 2


def test_only_childcare_staff_get_in_and_every_form_needs_its_csrf_token(site):
    app, sessions, _territory = site
    period_id, activity_id, session_id = small_programme(sessions)
    territory = app.extensions["girou"].territory
    outsider = next(
        p for p in territory.people if not p.is_staff and "petite-enfance" not in p.instances
    )
    pages = [ADMIN, f"{ADMIN}/periodes/{period_id}", f"{ADMIN}/periodes/nouvelle",
             f"{ADMIN}/periodes/{period_id}/modifier", f"{ADMIN}/activites/{activity_id}/modifier",
             f"{ADMIN}/periodes/{period_id}/seances", f"{ADMIN}/tarifs"]  # fmt: skip
    anonymous = app.test_client()
    for path in pages:
        response = anonymous.get(path)
        assert response.status_code == 302
        assert "/connexion" in response.headers["Location"]
    client = app.test_client()
    token = log_in_staff(client, outsider.localpart)
    for path in pages:
        assert client.get(path).status_code == 403
    capacity = f"{ADMIN}/seances/{session_id}/capacite"
    assert client.post(capacity, data={"csrf_token": token, "capacite": "9"}).status_code == 403
    # A secretary's POST without the token: refused before anything is done.
    client, token = staff_client(app)
    assert client.post(capacity, data={"capacite": "9"}).status_code == 400
    assert client.post(capacity, data={"capacite": "9", "csrf_token": "x"}).status_code == 400
    assert client.post(f"{ADMIN}/seances/{session_id}/supprimer").status_code == 400
    response = client.post(f"{ADMIN}/activites/nouvelle", data={"titre": "Sans jeton"})
    assert response.status_code == 400
    with sessions() as s:
        assert s.get(ActivitySession, session_id).capacity == 2
    assert count(sessions, Activity) == 1
    # The back-office index and the childcare pages lead here.
    assert f'href="{ADMIN}"' in client.get("/gestion").get_data(as_text=True)
    for path in ("/gestion/enfance", "/gestion/enfance/seances"):
        assert f'href="{ADMIN}"' in client.get(path).get_data(as_text=True)
