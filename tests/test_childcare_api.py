"""The childcare JSON API end to end (Flask test client, SQLite and PostgreSQL), its responses
checked against its own OpenAPI description, and fuzzed from that description: never a 500."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import uuid
from pathlib import Path
from urllib.parse import quote

import pytest
from conftest import (
    TZ,
    childcare_settings,
    csrf_token,
    make_settings,
    open_wednesdays,
    secrets_for,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator
from sqlalchemy import select

from collab import db
from collab.outbox import OutboxMessage
from collab.territory import load_territory
from portal.app import create_app
from portal.childcare import programme
from portal.childcare.completeness import file_completeness
from portal.childcare.documents import KINDS, FamilyDocument
from portal.childcare.models import ActivitySession, Family
from portal.mail import QueuedMail

ROOT = Path(__file__).resolve().parent.parent
API = "/api/v1"


def build(tmp_path, url: str, **childcare):
    engine = db.make_engine(url)
    db.create_schema(engine)
    territory = load_territory(ROOT / "territory.toml")
    settings = childcare_settings(
        make_settings(tmp_path).with_overrides(database__url=url), **childcare
    )
    sessions = db.make_sessionmaker(engine)
    today = dt.date.today()
    with sessions.begin() as s:
        programme.sync_centres(s, territory)
        period = open_wednesdays(s, starts_in=2)
        young = programme.create_activity(
            s, centre_key="alsh-verfeil", title="Éveil", age_min=3, age_max=5
        )
        big = programme.create_activity(
            s, centre_key="alsh-gragnague", title="Grands jeux", age_min=6, age_max=11
        )
        ids = [
            programme.add_session(
                s,
                activity=activity,
                period=period,
                date=today + dt.timedelta(days=3 + n),
                slot="day",
                capacity=1,
            ).id
            for n, activity in enumerate([young, big, big])
        ]
    app = create_app(settings, territory, secrets_for(settings))
    return app, sessions, ids, engine


@pytest.fixture
def api(tmp_path, database_url):
    app, sessions, ids, engine = build(tmp_path, database_url, require_email_verification=False)
    yield app.test_client(), sessions, ids
    engine.dispose()


# --- the contract: responses match the OpenAPI description ----------------------------------
class Contract:
    def __init__(self, document: dict) -> None:
        self.document = document

    def operation(self, method: str, path: str) -> dict:
        for template, item in self.document["paths"].items():
            pattern = "^" + re.sub(r"\{[^}]+\}", "[^/]+", template) + "$"
            if re.match(pattern, path.removeprefix(API).split("?")[0]):
                return item[method.lower()]
        raise AssertionError(f"{method} {path} is not described")

    def check(self, method: str, path: str, response) -> None:
        """The status is declared for the operation and the body matches its schema."""
        assert response.status_code < 500, (method, path, response.get_data(as_text=True))
        declared = self.operation(method, path)["responses"]
        assert str(response.status_code) in declared, (method, path, response.status_code)
        schema = declared[str(response.status_code)]["content"]["application/json"]["schema"]
        Draft202012Validator({**schema, "components": self.document["components"]}).validate(
            response.get_json()
        )


def call(client, contract: Contract, method: str, path: str, **kwargs):
    response = client.open(f"{API}{path}", method=method, **kwargs)
    contract.check(method, f"{API}{path}", response)
    return response


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def new_family(client, contract, email: str, **extra) -> tuple[int, str]:
    body = {
        "email": email,
        "password": "un-mot-de-passe",
        "name": "Famille Test",
        "commune_insee": "31573",
        **extra,
    }
    created = call(client, contract, "POST", "/families", json=body)
    assert created.status_code == 201, created.get_json()
    token = call(
        client, contract, "POST", "/token", json={"email": email, "password": "un-mot-de-passe"}
    )
    assert token.status_code == 200
    return created.get_json()["id"], token.get_json()["token"]


def test_the_api_end_to_end(api):
    client, sessions, (young, big, other_big) = api
    contract = Contract(client.get(f"{API}/openapi.json").get_json())
    assert contract.document["openapi"].startswith("3.")

    family_id, token = new_family(client, contract, "Martin@Exemple.fr", quotient=700)
    taken = call(
        client,
        contract,
        "POST",
        "/families",
        json={
            "email": "martin@exemple.fr",
            "password": "0123456789",
            "name": "Autre",
            "commune_insee": "31573",
        },
    )
    assert taken.status_code == 409
    assert taken.get_json() == {
        "error": "email_taken",
        "message": "Un compte existe déjà avec cette adresse e-mail.",
    }
    wrong = call(
        client, contract, "POST", "/token", json={"email": "martin@exemple.fr", "password": "x"}
    )
    assert (wrong.status_code, wrong.get_json()["error"]) == (401, "invalid_credentials")
    weak = call(
        client,
        contract,
        "POST",
        "/families",
        json={"email": "a@b.fr", "password": "court", "name": "X", "commune_insee": "31573"},
    )
    assert weak.status_code == 422
    assert weak.get_json() == {
        "error": "invalid_field",
        "message": "Mot de passe : au moins 10 caractères.",
    }

    anonymous = call(
        client,
        contract,
        "POST",
        "/children",
        json={"first_name": "Léa", "last_name": "Martin", "birth_date": "2018-05-01"},
    )
    assert anonymous.status_code == 401
    child = call(
        client,
        contract,
        "POST",
        "/children",
        json={"first_name": "Léa", "last_name": "Martin", "birth_date": "2018-05-01"},
        headers=bearer(token),
    )
    assert child.status_code == 201
    child_id = child.get_json()["id"]

    listed = call(client, contract, "GET", "/programme?centre=alsh-gragnague&period=mercredis-test")
    sessions_json = listed.get_json()["sessions"]
    assert [s["id"] for s in sessions_json] == [big, other_big]
    assert sessions_json[0] | {"date": None} == {
        "id": big,
        "date": None,
        "slot": "day",
        "capacity": 1,
        "remaining": 1,
        "waitlist": 0,
        "age_min": 6,
        "age_max": 11,
        "activity": "Grands jeux",
        "activity_id": sessions_json[0]["activity_id"],
        "centre": "alsh-gragnague",
        "centre_name": "ALSH de Gragnague",
        "period": "mercredis-test",
    }
    assert call(client, contract, "GET", "/programme?centre=nulle-part").status_code == 404
    assert len(call(client, contract, "GET", "/programme").get_json()["sessions"]) == 3

    body = {"child_id": child_id, "session_ids": [big]}
    no_key = call(client, contract, "POST", "/registrations", json=body, headers=bearer(token))
    assert (no_key.status_code, no_key.get_json()["error"]) == (400, "idempotency_key_required")
    headers = {**bearer(token), "Idempotency-Key": "abc-123"}
    first = call(client, contract, "POST", "/registrations", json=body, headers=headers)
    assert first.status_code == 201
    created = first.get_json()
    assert (created["status"], created["waitlist_rank"]) == ("pending", None)
    again = call(client, contract, "POST", "/registrations", json=body, headers=headers)
    assert (again.status_code, again.get_json()["id"]) == (201, created["id"])

    too_young = call(
        client,
        contract,
        "POST",
        "/registrations",
        json={"child_id": child_id, "session_ids": [young]},
        headers={**bearer(token), "Idempotency-Key": "k2"},
    )
    assert too_young.status_code == 409  # valid by the description, refused by the session
    assert too_young.get_json()["error"] == "age_out_of_range"
    assert (
        "l’activité « Éveil » accueille les enfants de 3 à 5 ans"
        in (too_young.get_json()["message"])
    )

    # Another family: the place is taken, it waits; it cannot see the first family's request.
    _other_id, other_token = new_family(client, contract, "durand@exemple.fr")
    other_child = call(
        client,
        contract,
        "POST",
        "/children",
        json={"first_name": "Tom", "last_name": "Durand", "birth_date": "2017-03-02"},
        headers=bearer(other_token),
    ).get_json()["id"]
    waiting = call(
        client,
        contract,
        "POST",
        "/registrations",
        json={"child_id": other_child, "session_ids": [big]},
        headers={**bearer(other_token), "Idempotency-Key": "k"},
    ).get_json()
    assert (waiting["status"], waiting["waitlist_rank"]) == ("waitlisted", 1)
    hidden = call(
        client, contract, "GET", f"/registrations/{created['id']}", headers=bearer(other_token)
    )
    assert (hidden.status_code, hidden.get_json()["error"]) == (404, "unknown_registration")
    not_theirs = call(
        client,
        contract,
        "DELETE",
        f"/registrations/{created['id']}",
        headers=bearer(other_token),
    )
    assert not_theirs.status_code == 404
    foreign_child = call(
        client,
        contract,
        "POST",
        "/registrations",
        json={"child_id": child_id, "session_ids": [other_big]},
        headers={**bearer(other_token), "Idempotency-Key": "k3"},
    )
    assert foreign_child.status_code == 404

    shown = call(client, contract, "GET", f"/registrations/{created['id']}", headers=bearer(token))
    assert shown.get_json()["sessions"] == [
        {"session_id": big, "status": "held", "waitlist_rank": None}
    ]
    cancelled = call(
        client, contract, "DELETE", f"/registrations/{created['id']}", headers=bearer(token)
    )
    assert cancelled.get_json()["status"] == "cancelled"
    twice = call(
        client, contract, "DELETE", f"/registrations/{created['id']}", headers=bearer(token)
    )
    assert (twice.status_code, twice.get_json()["error"]) == (409, "invalid_state")
    promoted = call(
        client, contract, "GET", f"/registrations/{waiting['id']}", headers=bearer(other_token)
    ).get_json()
    assert (promoted["status"], promoted["waitlist_rank"]) == ("pending", None)
    with sessions() as s:
        assert s.get(ActivitySession, big).places_taken == 1
        subjects = [m.subject for m in s.scalars(select(QueuedMail).order_by(QueuedMail.id))]
    assert "Demande d’inscription reçue — Léa, Mercredis de test" in subjects
    assert "Une place s’est libérée — Tom, Mercredis de test" in subjects

    for path in ("/registrations/abc", "/registrations/0", "/registrations/99999999999"):
        assert call(client, contract, "GET", path, headers=bearer(token)).status_code == 404
    not_json = client.post(f"{API}/token", data="email=x", content_type="text/plain")
    assert (not_json.status_code, not_json.get_json()["error"]) == (415, "unsupported_media_type")
    unknown = client.get(f"{API}/nulle-part")
    assert unknown.status_code == 404
    assert set(unknown.get_json()) == {"error", "message"}


def test_the_alert_says_what_the_file_lacks_as_the_family_page_does(api):
    """The API reads the family, the child and the documents sent in one query: the alert
    lists the same missing items as the completeness check the pages and the digest use."""
    client, sessions, (_young, big, other_big) = api
    contract = Contract(client.get(f"{API}/openapi.json").get_json())
    birth = (dt.date.today() - dt.timedelta(days=8 * 365 + 30)).isoformat()
    expected = {}
    for n, sent in enumerate(((), ("quotient",), ("assurance", "vaccins"), tuple(KINDS))):
        family_id, token = new_family(client, contract, f"dossier{n}@exemple.fr", quotient=900)
        child = call(
            client,
            contract,
            "POST",
            "/children",
            json={"first_name": "Zoé", "last_name": "Dossier", "birth_date": birth},
            headers=bearer(token),
        ).get_json()["id"]
        with sessions.begin() as s:
            for kind in sent:
                s.add(FamilyDocument(family_id=family_id, kind=kind, path=f"{kind}.pdf", size=1))
        asked = call(
            client,
            contract,
            "POST",
            "/registrations",
            json={"child_id": child, "session_ids": [big, other_big]},
            headers={**bearer(token), "Idempotency-Key": f"dossier-{n}"},
        )
        assert asked.status_code == 201, asked.get_json()
        with sessions() as s:
            expected[asked.get_json()["id"]] = file_completeness(s, s.get(Family, family_id))
    with sessions() as s:
        alerts = s.scalars(
            select(OutboxMessage).where(OutboxMessage.kind == "childcare.request")
        ).all()
        said = {row.payload["id"]: row.payload["missing"] for row in alerts}
    assert said == expected
    assert [len(items) for items in expected.values()] == [4, 3, 2, 1]  # e-mail not confirmed


def test_email_confirmation_is_required_unless_disabled(tmp_path):
    app, sessions, _ids, engine = build(
        tmp_path, f"sqlite:///{tmp_path / 'portal.db'}", require_email_verification=True
    )
    client = app.test_client()
    body = {
        "email": "a@exemple.fr",
        "password": "0123456789",
        "name": "A",
        "commune_insee": "31573",
    }
    assert client.post(f"{API}/families", json=body).status_code == 201
    refused = client.post(f"{API}/token", json={"email": "a@exemple.fr", "password": "0123456789"})
    assert refused.status_code == 403
    assert refused.get_json()["error"] == "email_not_verified"
    with sessions() as s:
        mail = s.scalars(select(QueuedMail)).one()
    link = re.search(r"/enfance/compte/confirmer/(\S+)", mail.body)
    from portal.childcare.families import verify_email

    with sessions.begin() as s:
        assert verify_email(s, link.group(1)) is not None
    accepted = client.post(f"{API}/token", json={"email": "a@exemple.fr", "password": "0123456789"})
    assert accepted.status_code == 200
    engine.dispose()


# --- fuzzing from the OpenAPI description ----------------------------------------------------
def strategy(schema: dict, document: dict) -> st.SearchStrategy:
    """Values for a JSON schema of the description (mostly valid; junk is mixed in by callers)."""
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[1]
        return strategy(document["components"]["schemas"][name], document)
    kind = schema.get("type")
    if isinstance(kind, list):
        return st.one_of([strategy({**schema, "type": k}, document) for k in kind])
    if "enum" in schema:
        return st.sampled_from(schema["enum"])
    if kind == "object":
        properties = {k: strategy(v, document) for k, v in schema.get("properties", {}).items()}
        required = set(schema.get("required", []))
        return st.fixed_dictionaries(
            {k: v for k, v in properties.items() if k in required},
            optional={k: v for k, v in properties.items() if k not in required},
        )
    if kind == "array":
        return st.lists(strategy(schema.get("items", {}), document), max_size=4)
    if kind == "integer":
        return st.one_of(st.integers(min_value=-2, max_value=12), st.integers())
    if kind == "string" and schema.get("format") == "date":
        return st.one_of(st.dates().map(dt.date.isoformat), NASTY_TEXT)
    if kind == "boolean":
        return st.booleans()
    if kind == "null":
        return st.none()
    if kind == "string":
        if schema.get("format") == "date":
            return st.one_of(st.dates().map(dt.date.isoformat), st.text(max_size=12))
        if schema.get("format") == "email":
            return st.one_of(st.emails(), st.text(max_size=30))
        if "pattern" in schema:
            return st.one_of(st.from_regex(schema["pattern"], fullmatch=True), st.text(max_size=8))
        return NASTY_TEXT
    return JUNK


# Text as clients may send it, NUL bytes and huge numbers included.
NASTY_TEXT = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=10).map(lambda t: t + "\x00"),
    st.from_regex(r"[0-9]{10,25}", fullmatch=True),
)
JUNK = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=8,
)


def test_password_guesses_are_limited_on_the_web_and_the_api_together(api):
    """20 tries per client address in 15 minutes, the web login's and the API's in one count;
    the 21st is refused (429, described) whatever the password, and another address is not."""
    client, _sessions, _ids = api
    contract = Contract(client.get(f"{API}/openapi.json").get_json())
    email = f"essais-{uuid.uuid4().hex[:6]}@exemple.fr"
    new_family(client, contract, email)  # one try (the right password)
    guess = {"email": email, "password": "pas-le-bon-mot"}
    for _ in range(9):
        assert call(client, contract, "POST", "/token", json=guess).status_code == 401
    token = csrf_token(client, "/enfance/compte/connexion")
    for _ in range(10):
        web = client.post(
            "/enfance/compte/connexion",
            data={"email": email, "password": "x", "csrf_token": token},
        )
        assert web.status_code == 401  # wrong password, counted
    right = {"email": email, "password": "un-mot-de-passe"}
    refused = call(client, contract, "POST", "/token", json=right)
    assert refused.status_code == 429
    assert refused.get_json() == {
        "error": "too_many_requests",
        "message": "Trop de demandes. Merci de réessayer dans un moment.",
    }
    elsewhere = client.post(
        f"{API}/token", json=right, environ_overrides={"REMOTE_ADDR": "192.0.2.7"}
    )
    assert elsewhere.status_code == 200


def test_fuzzing_the_api_from_its_description_never_gives_a_500(api):
    client, _sessions, _ids = api
    document = client.get(f"{API}/openapi.json").get_json()
    contract = Contract(document)
    _family, token = new_family(client, contract, f"fuzz-{uuid.uuid4().hex[:6]}@exemple.fr")
    call(
        client,
        contract,
        "POST",
        "/children",
        json={"first_name": "Zoé", "last_name": "Fuzz", "birth_date": "2017-06-01"},
        headers=bearer(token),
    )
    operations = [
        (path, method, operation)
        for path, item in document["paths"].items()
        for method, operation in item.items()
        if method in {"get", "post", "delete"}
    ]

    @st.composite
    def requests(draw):
        path, method, operation = draw(st.sampled_from(operations))
        concrete = re.sub(
            r"\{[^}]+\}",
            lambda _m: quote(
                str(draw(st.one_of(st.integers(-1, 12), st.text(min_size=1, max_size=6)))), safe=""
            ),
            path,
        )
        headers = {}
        auth = draw(st.sampled_from(["valid", "none", "junk"]))
        if auth == "valid":
            headers.update(bearer(token))
        elif auth == "junk":
            headers["Authorization"] = draw(st.text(max_size=30).map(lambda t: f"Bearer {t}"))
        query = {}
        for parameter in operation.get("parameters", []):
            if parameter["in"] == "header" and draw(st.booleans()):
                headers[parameter["name"]] = draw(NASTY_TEXT)
            if parameter["in"] == "query" and draw(st.booleans()):
                query[parameter["name"]] = draw(
                    st.one_of(st.sampled_from(["alsh-verfeil", "mercredis-test", "1"]), NASTY_TEXT)
                )
        body = None
        if "requestBody" in operation:
            schema = operation["requestBody"]["content"]["application/json"]["schema"]
            body = draw(st.one_of(strategy(schema, document), JUNK))
        return method.upper(), concrete, headers, query, body

    @settings(
        max_examples=400,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
        database=None,
    )
    @given(requests())
    def never_fails(request):
        method, path, headers, query, body = request
        # Header values must be latin-1 on the wire; anything else is the client's error.
        headers = {k: v.encode("utf-8", "replace").decode("latin-1") for k, v in headers.items()}
        headers = {k: v.replace("\n", " ").replace("\r", " ") for k, v in headers.items()}
        kwargs = {"headers": headers, "query_string": query}
        if body is not None:
            kwargs["json"] = body
        response = client.open(f"{API}{path}", method=method, **kwargs)
        assert response.status_code < 500, (method, path, body, response.get_data(as_text=True))
        payload = response.get_json()
        assert isinstance(payload, dict), response.get_data(as_text=True)
        if response.status_code >= 400:
            assert set(payload) == {"error", "message"}
            assert payload["message"]
        if path.startswith("/registrations/") and not re.fullmatch(r"/registrations/[0-9]+", path):
            assert response.status_code in (401, 404, 405)
        else:
            contract.check(method, f"{API}{path}", response)

    never_fails()


def test_the_allocation_is_published_anonymised(tmp_path):
    from portal.childcare import allocation, booking, families
    from portal.childcare.models import Period

    app, sessions, ids, engine = build(tmp_path, f"sqlite:///{tmp_path / 'portal.db'}")
    client = app.test_client()
    territory = app.extensions["girou"].territory
    now = dt.datetime.now(dt.UTC)
    with sessions.begin() as s:
        period = programme.create_period(
            s,
            name="Vacances d’essai",
            kind="spring",
            starts_on=dt.date.today() + dt.timedelta(days=20),
            ends_on=dt.date.today() + dt.timedelta(days=30),
            opens_at=now - dt.timedelta(days=1),
            closes_at=now + dt.timedelta(days=1),
            allocation_mode="window",
            slug="vacances-essai",
            tz=TZ,
        )
        activity = programme.create_activity(
            s, centre_key="alsh-verfeil", title="Cabanes", age_min=6, age_max=11
        )
        session = programme.add_session(
            s, activity=activity, period=period, date=period.starts_on, slot="day", capacity=1
        )
        commitment = programme.seed_commitment(period)
        for n in range(3):
            family = families.create_family(
                s,
                territory,
                email=f"f{n}@exemple.fr",
                password="0123456789",
                name=f"Nom-{n}",
                commune_insee="31573",
                scrypt_n=1024,
            )
            child = families.add_child(
                s, family, first_name=f"Prénom{n}", last_name="X", birth_date=dt.date(2018, 2, 2)
            )
            booking.register(s, family, child, [session.id], "k", tz=TZ)
    before = client.get("/enfance/attributions/vacances-essai")
    assert before.status_code == 200
    page = before.get_data(as_text=True)
    assert commitment in page
    assert "L’attribution n’a pas encore eu lieu" in page
    with sessions.begin() as s:
        run = allocation.allocate(s, s.get(Period, period.id), force=True, tz=TZ)
        seed, codes = run.seed, [d["code"] for d in run.decisions]
    after = client.get("/enfance/attributions/vacances-essai").get_data(as_text=True)
    assert seed in after
    assert all(code in after for code in codes)
    assert "se recalcule à l’identique" in after
    assert "Nom-" not in after
    assert "Prénom" not in after
    published = client.get("/enfance/attributions/vacances-essai.json").get_json()
    assert published["seed"] == seed
    assert hashlib.sha256(seed.encode()).hexdigest() == published["seed_sha256"] == commitment
    assert [d["code"] for d in published["decisions"]] == codes
    assert client.get("/enfance/attributions/mercredis-test").status_code == 404  # first come
    assert client.get("/enfance/attributions/inconnue").status_code == 404
    engine.dispose()
