"""Shared fixtures: a temporary GIROU_HOME with free ports and the real servers started in it."""

from __future__ import annotations

import contextlib
import shutil
import socket
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path

import hypothesis
import pytest
from sqlalchemy.orm import Session, sessionmaker

from collab import config, credentials, db, provision
from collab.config import Settings
from collab.credentials import Secrets
from collab.supervisor import Supervisor
from collab.territory import Territory, load_territory

ROOT = Path(__file__).resolve().parent.parent

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
    """The default territory provisioned on the session's stack: (territory, demo passwords)."""
    territory = load_territory(stack.territory_path)
    logins = provision.provision(stack.settings, stack.secrets, territory, demo=True)
    return territory, {login.localpart: login.password for login in logins}


@pytest.fixture(scope="session")
def sessions(stack, provisioned) -> sessionmaker[Session]:
    """Database sessions on the stack's database (portal and bots share it), schema created."""
    engine = db.make_engine(stack.settings.database_url)
    db.create_schema(engine)
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
