"""Shared fixtures and helpers.

In-process (no servers): `make_settings`, the portal app factory `make_app` and the `app` and
`client` fixtures (Flask tutorial style), `csrf_token`, `log_in_staff`, `sign_up_family`, the
programme factory `open_wednesdays`. Real servers: the session's `stack` fixture (Synapse,
Radicale, WsgiDAV) and those built on it (`provisioned`, `sessions`); every test that uses them
is marked `stack` (by the hook below; the few tests that start servers of their own are marked
in their module), so that `pytest -m "not stack"` runs the rest in a minute or two.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import shutil
import socket
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

import hypothesis
import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from collab import config, credentials, db, provision, schema
from collab.config import Settings
from collab.credentials import Secrets
from collab.supervisor import Supervisor
from collab.territory import Territory, load_territory
from portal.app import create_app
from portal.childcare import programme

ROOT = Path(__file__).resolve().parent.parent
TERRITORY = load_territory(ROOT / "territory.toml")
# The local time of the tests' settings (make_settings: the default [bots] timezone).
TZ = ZoneInfo(config.defaults()["bots"]["timezone"])

# Fuzzing explores the same examples on every run: a result is reproducible, and CI cannot
# fail on a case no developer ran (new cases come from adding @example or raising counts).
hypothesis.settings.register_profile("girou", derandomize=True)
hypothesis.settings.load_profile("girou")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def make_settings(home: Path, **overrides) -> Settings:
    """Settings for a throwaway stack: free ports, fast hashing, otherwise those of `make run`.

    Synapse keeps its default rate limits and the DAV servers their login memory, as for
    users; a test that must exceed a limit on purpose starts its own server and says why.
    """
    base = config.load(home, environ={})
    return base.with_overrides(
        matrix__port=free_port(),
        caldav__port=free_port(),
        webdav__port=free_port(),
        portal__port=free_port(),
        portal__workers=1,
        matrix__bcrypt_rounds=4,
        girou__territory=str(home / "territory.toml"),
        **overrides,
    )


@pytest.hookimpl(tryfirst=True)  # before `-m` deselects by marker
def pytest_collection_modifyitems(items) -> None:
    """Mark `stack` every test that uses the session's real servers, directly or through a
    fixture built on them (`provisioned`, `sessions`, …: `fixturenames` holds them all)."""
    for item in items:
        if "stack" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.stack)


# --- the portal in-process, under Flask's test client (no servers) ----------------------------


def secrets_for(settings: Settings) -> Secrets:
    """The secrets of `settings`' home: the stack's, or new ones for a test's own home."""
    return credentials.ensure_secrets(settings.home)


def make_app(settings: Settings, territory: Territory = TERRITORY):
    """The portal app on `settings`' database, its schema created first."""
    engine = db.make_engine(settings.database_url)
    schema.create_schema(engine)
    engine.dispose()
    return create_app(settings, territory, secrets_for(settings))


@pytest.fixture
def app(tmp_path):
    """The portal on an empty SQLite database of the test's own, the default territory; a test
    module that needs another portal defines its own `app`, and `client` follows it."""
    return make_app(make_settings(tmp_path))


@pytest.fixture
def client(app):
    return app.test_client()


def form_value(html: str, name: str) -> str:
    """The value of the form field `name` in a page."""
    return html.split(f'name="{name}" value="', 1)[1].split('"', 1)[0]


def csrf_token(client, path: str) -> str:
    """The CSRF token of the form on the page at `path`, as this client's session has it."""
    response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    return form_value(response.get_data(as_text=True), "csrf_token")


STAFF_CSRF_TOKEN = "jeton-de-test"


def log_in_staff(client, localpart: str, token: str = STAFF_CSRF_TOKEN) -> str:
    """The session a successful staff /connexion leaves (the Matrix login itself is tested in
    test_portal_base); returns the session's CSRF token."""
    with client.session_transaction() as session:
        session["localpart"] = localpart
        session["csrf_token"] = token
    return token


def sign_up_family(client, email: str = "famille.test@example.org") -> None:
    """A family account made through the sign-up form; the client stays logged in to it."""
    token = csrf_token(client, "/enfance/compte/inscription")
    response = client.post(
        "/enfance/compte/inscription",
        data={
            "csrf_token": token,
            "email": email,
            "mot_de_passe": "un mot de passe long",
            "confirmation": "un mot de passe long",
            "nom": "Famille Test",
            "commune": "31573",
        },
    )
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]


def childcare_settings(settings: Settings, **values) -> Settings:
    """Settings with [childcare] values (fast password hashing for tests)."""
    values = {"password_scrypt_n": 1024, **values}
    return settings.with_overrides(**{f"childcare__{key}": value for key, value in values.items()})


def open_wednesdays(
    s: Session,
    *,
    starts_in: int = 1,
    ends_in: int = 60,
    name: str = "Mercredis de test",
    slug: str | None = "mercredis-test",
):
    """A first-come Wednesdays period, `starts_in` to `ends_in` days from today, whose requests
    opened an hour ago and close in ten days (add activities and sessions to it)."""
    today, now = dt.date.today(), dt.datetime.now(dt.UTC)
    return programme.create_period(
        s,
        name=name,
        kind="wednesdays",
        starts_on=today + dt.timedelta(days=starts_in),
        ends_on=today + dt.timedelta(days=ends_in),
        opens_at=now - dt.timedelta(hours=1),
        closes_at=now + dt.timedelta(days=10),
        slug=slug,
        tz=TZ,
    )


def count(sessions: sessionmaker[Session], model, *where) -> int:
    """How many rows of `model` match `where`."""
    with sessions() as s:
        return s.scalar(select(func.count()).select_from(model).where(*where))


# --- the real servers -------------------------------------------------------------------------


@dataclass
class Stack:
    settings: Settings
    secrets: Secrets
    supervisor: Supervisor

    @property
    def territory_path(self) -> Path:
        return self.settings.territory_path(ROOT)


@pytest.fixture(scope="session")
def stack(tmp_path_factory) -> Stack:
    """Synapse, Radicale and WsgiDAV, real, in a temp GIROU_HOME (one set for the session)."""
    home = tmp_path_factory.mktemp("girou-home")
    shutil.copy(ROOT / "territory.toml", home / "territory.toml")
    settings = make_settings(home)
    secrets = credentials.ensure_secrets(home)
    supervisor = Supervisor(settings)
    names = ["synapse", "radicale", "webdav"]
    try:
        for name in names:
            supervisor.start(name)
        supervisor.wait_healthy(names)
        yield Stack(settings, secrets, supervisor)
    finally:
        supervisor.stop()


@pytest.fixture(scope="session")
def provisioned(stack) -> tuple[Territory, dict[str, str]]:
    """The default territory provisioned on the session's stack: (territory, demo passwords),
    on its database's schema (which `girou provision` finds made by `girou db upgrade`)."""
    engine = db.make_engine(stack.settings.database_url)
    schema.create_schema(engine)
    engine.dispose()
    territory = load_territory(stack.territory_path)
    logins = provision.provision(stack.settings, stack.secrets, territory, demo=True)
    return territory, {login.localpart: login.password for login in logins}


@pytest.fixture(scope="session")
def sessions(stack, provisioned) -> sessionmaker[Session]:
    """Database sessions on the stack's database (portal and bots share it), schema created."""
    engine = db.make_engine(stack.settings.database_url)
    schema.create_schema(engine)
    yield db.make_sessionmaker(engine)
    engine.dispose()


CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")


@contextlib.contextmanager
def _chromium_driver(height: int = 1000, browser_log: bool = False, script_timeout: int = 60):
    """Headless Chromium under selenium, in a throwaway profile; quit on exit."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="girou-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--window-size=1280,{height}",
        f"--user-data-dir={profile}",
    ):
        options.add_argument(flag)
    if browser_log:  # the console, for driver.get_log("browser")
        options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    driver.set_script_timeout(script_timeout)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture(scope="session")
def chromium():
    """Start headless Chromium: `with chromium(height=…, browser_log=…) as driver:` (each test
    module its own browser, so that no cookie or console line leaks between them). Skips the
    test when Chromium is not installed."""
    if not (CHROMIUM.exists() and CHROMEDRIVER.exists()):
        pytest.skip(
            "headless Chromium missing (/usr/bin/chromium, /usr/bin/chromedriver): "
            "apt-get install chromium chromium-driver (done by `make test` as root)"
        )
    return _chromium_driver


PG_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/test"


@contextlib.contextmanager
def fresh_pg_database():
    """A new, empty PostgreSQL database (SQLAlchemy URL), dropped afterwards; skip without PG."""
    psycopg = pytest.importorskip("psycopg")
    name = f"girou_test_{uuid.uuid4().hex[:12]}"
    try:
        admin = psycopg.connect(PG_ADMIN_URL, autocommit=True, connect_timeout=3)
    except psycopg.OperationalError as exc:
        pytest.skip(f"PostgreSQL not reachable at 127.0.0.1:5432 ({exc})")
    with admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}"
    finally:
        with psycopg.connect(PG_ADMIN_URL, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def pg_url() -> str:
    """One PostgreSQL database for the whole test session."""
    with fresh_pg_database() as url:
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path) -> str:
    """Run a test on both databases, each time empty: SQLite (embedded) and PostgreSQL."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'portal.db'}"
        return
    with fresh_pg_database() as url:
        yield url
