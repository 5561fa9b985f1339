"""The residents' contact form: routed by topic to the right room through the outbox, CSRF,
honeypot, rate limit, French messages, fuzzed (no servers needed)."""

from __future__ import annotations

import dataclasses
import itertools

import pytest
from conftest import ROOT, csrf_token
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st
from sqlalchemy import select

from bridges.templates import render
from collab import outbox
from collab.territory import load_territory
from portal.contact import views as contact

TERRITORY = load_territory(ROOT / "territory.toml")
_addresses = itertools.count(1)


@pytest.fixture
def site(app):
    """(app, sessionmaker): the portal of conftest's `app` fixture, on its own database."""
    return app, app.extensions["girou"].sessions


def visitor(app):
    client = app.test_client()
    n = next(_addresses)
    client.environ_base["REMOTE_ADDR"] = f"10.9.{n // 250}.{n % 250}"
    return client, csrf_token(client, "/contact")


def message(**overrides) -> dict:
    data = {
        "sujet": "enfance",
        "nom": "Lina Exemple",
        "courriel": "lina@example.org",
        "telephone": "06 39 98 00 00",
        "commune": "31573",
        "message": "Bonjour,\nquelles sont les dates d’inscription pour l’été ?",
    }
    data.update(overrides)
    return data


def messages(sessions) -> list[outbox.OutboxMessage]:
    with sessions() as session:
        return session.scalars(select(outbox.OutboxMessage).order_by(outbox.OutboxMessage.id)).all()


@pytest.mark.parametrize(
    ("topic", "room"),
    [
        ("enfance", "secretariat"),
        ("urbanisme", "instance:urbanisme"),
        ("annuaire", "moderation"),
        ("site", "moderation"),
        ("autre", "moderation"),
    ],
)
def test_each_topic_goes_to_its_room(site, topic, room):
    app, sessions = site
    client, token = visitor(app)
    response = client.post("/contact", data={**message(sujet=topic), "csrf_token": token})
    assert response.status_code == 303
    assert response.headers["Location"] == "/contact/merci"
    confirmation = client.get("/contact/merci").get_data(as_text=True)
    assert "Merci, votre message a bien été envoyé" in confirmation
    (row,) = messages(sessions)
    assert (row.kind, row.room_key) == ("contact.message", room)
    text = render(row.kind, row.payload)
    assert "Lina Exemple (lina@example.org, 06 39 98 00 00, Verfeil)" in text.body
    assert "quelles sont les dates d’inscription" in text.body
    assert 'href="mailto:lina@example.org"' in text.html


def test_a_territory_without_the_topics_instance_falls_back_to_moderation():
    without = dataclasses.replace(
        TERRITORY, instances=tuple(i for i in TERRITORY.instances if i.key != "urbanisme")
    )
    urbanism = contact.topic("urbanisme")
    assert contact.room_for(urbanism, TERRITORY) == "instance:urbanisme"
    assert contact.room_for(urbanism, without) == "moderation"


def test_mistakes_are_explained_in_french_and_nothing_is_sent(site):
    app, sessions = site
    client, token = visitor(app)
    response = client.post(
        "/contact",
        data={
            **message(sujet="inconnu", nom="", courriel="lina@", commune="75056", message=""),
            "csrf_token": token,
        },
    )
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    for text in (
        "Choisissez le sujet de votre message.",
        "Le champ « Votre nom » est obligatoire.",
        "Le champ « Votre courriel » doit être une adresse comme nom@exemple.fr.",
        "Choisissez une commune dans la liste.",
        "Le champ « Votre message » est obligatoire.",
    ):
        assert text in html, text
    assert 'value="lina@"' in html  # what was typed is kept
    assert messages(sessions) == []


def test_html_in_a_message_is_shown_as_text(site):
    app, sessions = site
    client, token = visitor(app)
    client.post(
        "/contact",
        data={**message(message="<script>alert(1)</script> <b>gras</b>"), "csrf_token": token},
    )
    (row,) = messages(sessions)
    html = render(row.kind, row.payload).html
    assert "<script>" not in html
    assert "<b>" not in html


def test_honeypot_csrf_and_rate_limit(site):
    app, sessions = site
    client, token = visitor(app)
    robot = client.post("/contact", data={**message(), "site_web_2": "x", "csrf_token": token})
    assert robot.status_code == 303
    assert messages(sessions) == []  # a robot is thanked and nothing is sent
    assert client.post("/contact", data=message()).status_code == 400  # no CSRF token
    statuses = [
        client.post("/contact", data={**message(), "csrf_token": token}).status_code
        for _attempt in range(5)
    ]
    # 5 per address per 10 minutes, the robot's included (a refused CSRF never reaches it).
    assert statuses == [303, 303, 303, 303, 429]
    assert "Trop de demandes" in client.post(
        "/contact", data={**message(), "csrf_token": token}
    ).get_data(as_text=True)
    assert len(messages(sessions)) == 4
    other, other_token = visitor(app)
    assert other.post("/contact", data={**message(), "csrf_token": other_token}).status_code == 303


FIELDS = ["sujet", "nom", "courriel", "telephone", "commune", "message", "site_web_2"]


@hsettings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    form=st.dictionaries(
        st.sampled_from(FIELDS),
        st.one_of(
            st.text(max_size=80),
            st.text(max_size=6000),
            st.sampled_from(["enfance", "urbanisme", "a@b.fr", "31573", "\x00", "\ud7ff"]),
        ),
        max_size=len(FIELDS),
    )
)
def test_fuzzed_contact_form_never_fails(site, form):
    app, _sessions = site
    client, token = visitor(app)
    response = client.post("/contact", data={**form, "csrf_token": token})
    assert response.status_code in (303, 400), response.get_data(as_text=True)[:300]
