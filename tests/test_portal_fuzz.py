"""Bad input on the site's pages, search and back-office forms: never a 500, on both databases."""

from __future__ import annotations

import contextlib
import shutil
from urllib.parse import quote

import pytest
from conftest import ROOT, fresh_pg_database, log_in_staff, make_app, make_settings
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from collab.territory import load_territory
from portal import communes, content, news

TERRITORY = load_territory(ROOT / "territory.toml")
STAFF = next(p for p in TERRITORY.people if p.is_staff)
TOKEN = "jeton-fuzz"

FUZZ = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
# Any text, including NUL and other control characters, lone surrogates excluded (not
# encodable in a request), plus the characters that matter to SQL LIKE and to HTML.
TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=300) | st.sampled_from(
    ["%", "_", "\\", "'", '"', "<script>", "\x00", "é" * 250, "a" * 5000, " ", "..", "%00"]
)


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def app(request, tmp_path_factory):
    home = tmp_path_factory.mktemp(f"fuzz-{request.param}")
    shutil.copy(ROOT / "territory.toml", home / "territory.toml")
    if request.param == "postgresql":
        database = fresh_pg_database()
    else:
        database = contextlib.nullcontext(f"sqlite:///{home / 'portal.db'}")
    with database as url:
        site_settings = make_settings(home).with_overrides(database__url=url)
        application = make_app(site_settings, TERRITORY)
        sessions = application.extensions["girou"].sessions
        for loader in (content.load_demo, news.load_demo, communes.load_demo):
            loader(site_settings, sessions, TERRITORY)
        yield application


@pytest.fixture
def staff_client(app):
    client = app.test_client()
    log_in_staff(client, STAFF.localpart, TOKEN)
    return client


def assert_handled(response, allowed=()) -> None:
    assert response.status_code < 500 or response.status_code in allowed, response.status_code
    assert "Traceback" not in response.get_data(as_text=True)


@FUZZ
@given(query=TEXT)
def test_search_never_fails(client, query):
    response = client.get("/recherche", query_string={"q": query})
    assert_handled(response)
    assert response.status_code == 200


@FUZZ
@given(page=TEXT, path=TEXT)
@example(page="¹", path="")  # a digit for str.isdigit() that int() refuses (found by the fuzzer)
def test_public_pages_with_odd_parameters(client, page, path):
    assert_handled(client.get("/actualites", query_string={"page": page}))
    assert_handled(client.get("/communes/" + quote(path, safe="")))
    assert_handled(client.get(f"/actualites/{abs(hash(path))}"))
    # without a reachable share this is 503 (French message), never a crash
    assert_handled(client.get("/publications/" + quote(path, safe="/")), allowed=(503,))


@FUZZ
@given(title=TEXT, summary=TEXT, body=TEXT)
def test_news_form_accepts_or_explains(staff_client, title, summary, body):
    response = staff_client.post(
        "/gestion/actualites/nouvelle",
        data={"title": title, "summary": summary, "body": body, "csrf_token": TOKEN},
    )
    assert_handled(response)
    assert response.status_code in (302, 400)
    if response.status_code == 302:
        shown = staff_client.get(response.headers["Location"])
        assert shown.status_code == 200
        assert "<script>" not in shown.get_data(as_text=True)


@FUZZ
@given(slug=st.sampled_from([spec.slug for spec in content.PAGES]), title=TEXT, body=TEXT)
def test_page_form_accepts_or_explains(staff_client, slug, title, body):
    response = staff_client.post(
        f"/gestion/pages/{slug}", data={"title": title, "body": body, "csrf_token": TOKEN}
    )
    assert_handled(response)
    assert response.status_code in (302, 400)
    assert staff_client.get(content.SPECS[slug].rule).status_code == 200


@FUZZ
@given(fields=st.dictionaries(TEXT, TEXT, max_size=6))
def test_forms_with_unexpected_fields(staff_client, fields):
    fields = {**fields, "csrf_token": TOKEN}
    for path in ("/gestion/actualites/nouvelle", "/gestion/pages/presentation", "/recherche"):
        assert_handled(staff_client.post(path, data=fields))
