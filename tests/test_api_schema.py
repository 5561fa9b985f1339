"""The childcare JSON API against its own OpenAPI description, with schemathesis and every one
of its checks: documented statuses and bodies, valid data accepted, invalid data refused,
authentication enforced, unsupported methods answered 405 with an Allow header."""

from __future__ import annotations

import datetime as dt

import pytest
import schemathesis
from conftest import TERRITORY, childcare_settings, make_app, make_settings, open_wednesdays
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance
from sqlalchemy.orm import Session

from portal.childcare import programme
from portal.childcare.models import Family
from portal.childcare.openapi import spec
from portal.state import state

API = "/api/v1"
EMAIL, PASSWORD = "schema@exemple.fr", "un-mot-de-passe-solide"


def with_programme(s: Session) -> None:
    """A period open for requests, an activity for the family's child and one for older ones."""
    programme.sync_centres(s, TERRITORY)
    period = open_wednesdays(s, starts_in=2)
    today = dt.date.today()
    for n, (centre, title, ages) in enumerate(
        [("alsh-verfeil", "Éveil", (3, 5)), ("alsh-gragnague", "Grands jeux", (6, 11))]
    ):
        activity = programme.create_activity(
            s, centre_key=centre, title=title, age_min=ages[0], age_max=ages[1]
        )
        programme.add_session(
            s,
            activity=activity,
            period=period,
            date=today + dt.timedelta(days=3 + n),
            slot="day",
            capacity=2,
        )


class CurrentPortal:
    """The WSGI application schemathesis calls, its own probes included (another method, no
    token, a header left out): the portal the `api` fixture built."""

    app = None

    clients = 0

    def __call__(self, environ, start_response):
        assert self.app is not None, "the api fixture builds the portal"
        # Each example comes from a client address of its own: the per-address limits of
        # /families and /token (test_childcare_api tests them) would otherwise refuse valid
        # examples after the 10th or 20th.
        self.clients += 1
        environ["REMOTE_ADDR"] = (
            f"10.{self.clients >> 16 & 255}.{self.clients >> 8 & 255}.{self.clients & 255}"
        )
        return self.app(environ, start_response)


PORTAL = CurrentPortal()


@pytest.fixture(scope="module")
def api(tmp_path_factory):
    """The bearer header of a family created and authenticated through the API, as an
    integration does, with one child, on a portal in-process with a programme. One portal
    for the module: the examples add families, children and requests to it as clients do."""
    home = tmp_path_factory.mktemp("api-schema")
    app = make_app(childcare_settings(make_settings(home), require_email_verification=False))
    with state(app).sessions.begin() as s:
        with_programme(s)
    client = app.test_client()
    assert client.get(f"{API}/openapi.json").get_json() == spec(API)
    created = client.post(
        f"{API}/families",
        json={"email": EMAIL, "password": PASSWORD, "name": "Schéma", "commune_insee": "31573"},
    )
    assert created.status_code == 201, created.get_json()
    token = client.post(f"{API}/token", json={"email": EMAIL, "password": PASSWORD})
    assert token.status_code == 200, token.get_json()
    headers = {"Authorization": f"Bearer {token.get_json()['token']}"}
    child = client.post(
        f"{API}/children",
        json={"first_name": "Zoé", "last_name": "Schéma", "birth_date": "2017-06-01"},
        headers=headers,
    )
    assert child.status_code == 201, child.get_json()
    PORTAL.app = app
    yield headers
    PORTAL.app = None


def birth_dates_aside(ctx, response, case):
    """positive_data_acceptance for POST /children, where a birth date valid by the schema may
    still be refused: the schema cannot compare a date with today (in the future, or more than
    18 years ago: 422 invalid_birth_date, as its description says). Any other refusal fails."""
    if case.meta is None or not case.meta.generation.mode.is_positive:
        return None
    status = response.status_code
    if status < 400 or status in (401, 403, 404, 409, 429) or status >= 500:
        return None  # positive_data_acceptance's own list: the other checks judge these
    error = response.json().get("error")
    assert (status, error) == (422, "invalid_birth_date"), f"valid data refused: {response.text}"
    return None


# The description the portal serves (the fixture checks that it is this one).
schema = schemathesis.openapi.from_dict(spec(API))
schema.app = PORTAL


@schema.parametrize()
@settings(
    max_examples=40,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
def test_the_api_keeps_its_description(case, api):
    """Every check of schemathesis, on every documented operation; for POST /children,
    positive_data_acceptance gives way to `birth_dates_aside` (same check, the birth date's
    relative rule apart)."""
    if (case.method, case.path) == ("POST", "/children"):
        case.call_and_validate(
            headers=api,
            excluded_checks=[positive_data_acceptance],
            additional_checks=[birth_dates_aside],
        )
    else:
        case.call_and_validate(headers=api)


def test_what_schemathesis_found_stays_fixed(api):
    """The disagreements `schemathesis --checks all` found, one request each."""
    client = PORTAL.app.test_client()
    # Authentication comes first, whatever the body: 401, never 404 unknown_session.
    for body in ({"child_id": 0, "session_ids": [0]}, {"child_id": 1, "session_ids": [1]}, {}):
        anonymous = client.post(f"{API}/registrations", json=body)
        assert (anonymous.status_code, anonymous.get_json()["error"]) == (401, "unauthorized")
        assert anonymous.headers["WWW-Authenticate"] == "Bearer"
    # 650.0 is the integer 650 in JSON Schema, and the server reads it so.
    family = {"password": PASSWORD, "name": "Q", "commune_insee": "31573", "quotient": 650.0}
    created = client.post(f"{API}/families", json={"email": "quotient.650@exemple.fr", **family})
    assert created.status_code == 201, created.get_json()
    with state(PORTAL.app).sessions() as s:
        assert s.get(Family, created.get_json()["id"]).quotient == 650
    # What the server refuses, the description says: a first name needs a visible character.
    child = {"last_name": "X", "birth_date": "2017-06-01"}
    for first_name in ("", "   "):
        refused = client.post(
            f"{API}/children", json={"first_name": first_name, **child}, headers=api
        )
        assert refused.status_code == 422
    first_name = spec(API)["paths"]["/children"]["post"]["requestBody"]["content"][
        "application/json"
    ]["schema"]["properties"]["first_name"]
    assert first_name["maxLength"] == 100
    assert "pattern" in first_name
    # A method the path does not have: 405 with the methods it has.
    traced = client.open(f"{API}/registrations", method="TRACE")
    assert traced.status_code == 405
    assert set(traced.headers["Allow"].replace(" ", "").split(",")) >= {"POST"}
    assert traced.get_json()["message"]
