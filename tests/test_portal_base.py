"""The portal's common ground: pages, French errors, headers, CSRF, one-identity staff login."""

from __future__ import annotations

import pytest
from conftest import csrf_token

from collab import credentials
from portal.app import create_app
from portal.security import CSP


@pytest.fixture
def client(stack, provisioned):
    territory, _ = provisioned
    app = create_app(stack.settings, territory, credentials.load_secrets(stack.settings.home))
    return app.test_client()


def test_home_and_headers(client):
    response = client.get("/")
    assert response.status_code == 200
    assert 'lang="fr"' in response.get_data(as_text=True)
    assert response.headers["Content-Security-Policy"] == CSP
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_not_found_is_french_and_plain(client):
    response = client.get("/nulle-part")
    assert response.status_code == 404
    text = response.get_data(as_text=True)
    assert "Page introuvable" in text
    assert "Traceback" not in text


def test_an_address_typed_with_a_trailing_slash_leads_to_its_page(client):
    moved = client.get("/enfance/?centre=alsh-verfeil")
    assert moved.status_code == 308
    assert moved.headers["Location"] == "/enfance?centre=alsh-verfeil"
    assert client.get("/enfance/").status_code == 308
    assert client.get("/nulle-part/").status_code == 404  # no page without the slash either
    assert client.post("/enfance/").status_code == 404  # a form is never sent elsewhere
    # Never towards another site ("//site" is an address on another host).
    elsewhere = client.get("/", environ_overrides={"PATH_INFO": "//ailleurs.example/enfance/"})
    assert elsewhere.status_code == 404
    api = client.get("/api/v1/programme/")
    assert api.status_code == 404
    assert api.is_json


def test_form_without_csrf_token_is_refused(client):
    response = client.post("/connexion", data={"identifiant": "x", "mot_de_passe": "y"})
    assert response.status_code == 400
    assert "Le formulaire a expiré" in response.get_data(as_text=True)


def test_staff_login_with_matrix_credentials(client, provisioned):
    territory, passwords = provisioned
    person = territory.people[0]
    token = csrf_token(client, "/connexion")
    refused = client.post(
        "/connexion",
        data={"identifiant": person.localpart, "mot_de_passe": "faux", "csrf_token": token},
    )
    assert refused.status_code == 401
    assert "Identifiant ou mot de passe incorrect" in refused.get_data(as_text=True)
    accepted = client.post(
        "/connexion",
        data={
            "identifiant": person.localpart,
            "mot_de_passe": passwords[person.localpart],
            "csrf_token": token,
        },
    )
    assert accepted.status_code == 302
    assert person.name in client.get("/").get_data(as_text=True)


def test_open_redirect_refused(client, provisioned):
    territory, passwords = provisioned
    person = territory.people[1]
    token = csrf_token(client, "/connexion")
    response = client.post(
        "/connexion?suivant=//evil.example/",
        data={
            "identifiant": person.localpart,
            "mot_de_passe": passwords[person.localpart],
            "csrf_token": token,
        },
    )
    assert response.headers["Location"] == "/"
