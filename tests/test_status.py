"""What an administrator reads: `girou status`, the back-office page and /metrics, from the
health records and the queues, with the services of the session's stack checked for real."""

from __future__ import annotations

import os
import subprocess
import sys
import threading

import pytest
from conftest import ROOT, free_port, secrets_for
from prometheus_client.parser import text_string_to_metric_families
from sqlalchemy import select
from test_accessibility import axe_violations
from test_accessibility import describe as describe_violations
from werkzeug.serving import make_server

from bridges import health
from collab import db, outbox, schema
from collab.outbox import OutboxMessage
from collab.supervisor import settings_environment
from portal.app import create_app
from portal.mail import queue_mail


@pytest.fixture
def settings(stack, tmp_path):
    """The stack's settings on a database of the test's own (no other test's records)."""
    return stack.settings.with_overrides(database__url=f"sqlite:///{tmp_path / 'status.db'}")


@pytest.fixture
def sessions(settings):
    engine = db.make_engine(settings.database_url)
    schema.create_schema(
        engine
    )  # at head, as `girou up` leaves it: `girou status` finds it current
    yield db.make_sessionmaker(engine)
    engine.dispose()


@pytest.fixture
def figures(sessions):
    """A failing watcher, a working job, one pending notification, one dead, a queued mail."""
    health.record_failure(sessions, "source:webdav", "HTTP 503, Retry-After 30 s: share x")
    health.record_success(sessions, "job:mail-delivery")
    with sessions.begin() as session:
        for name in ("pending", "dead"):
            outbox.enqueue(
                session, kind="notice", room_key="moderation", payload={}, source_id=name
            )
        dead = session.scalars(select(OutboxMessage).where(OutboxMessage.source_id == "dead"))
        dead.one().status = outbox.DEAD
        queue_mail(session, "famille@example.org", "Reçu", "Bonjour")


def girou_status(settings, tmp_path) -> subprocess.CompletedProcess:
    env = settings_environment(settings) | {
        "GIROU_HOME": str(tmp_path / "cli-home"),
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
    }
    return subprocess.run(
        [sys.executable, "-m", "collab.cli", "status"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.fixture
def portal_server(settings, provisioned):
    """The real portal app on a free port (a thread), for the portal's health check."""
    territory, _ = provisioned
    port = free_port()
    server = make_server("127.0.0.1", port, create_app(settings, territory, secrets_for(settings)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield settings.with_overrides(portal__port=port)
    server.shutdown()


def test_girou_status_prints_every_service_component_and_queue(settings, figures, tmp_path):
    result = girou_status(settings, tmp_path)  # no portal running: down
    assert result.returncode == 1, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["SERVICE", "STATE", "CHECK"]
    services = {line.split()[0]: line.split()[1] for line in lines[1:6]}
    assert services == {
        "synapse": "up",
        "radicale": "up",
        "webdav": "up",
        "portal": "DOWN",
        "bots": "up",  # its watcher and job wrote their records a moment ago
    }
    assert any(
        line.startswith("source:webdav") and "FAILING" in line and "HTTP 503" in line
        for line in lines
    )
    assert any(line.startswith("job:mail-delivery") and " up " in line for line in lines)
    assert "outbox: pending 1, failed 0 (to be tried again), dead letters 1" in result.stdout
    assert "mail:   pending 1, failed 0 (to be tried again)" in result.stdout
    assert "2 problem(s):" in result.stdout
    assert "service portal is down" in result.stdout


def test_girou_status_exits_0_when_all_is_well(portal_server, sessions, tmp_path):
    health.record_success(sessions, "source:webdav")
    result = girou_status(portal_server, tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "all services up, no watcher or job failing" in result.stdout
    portal = next(line for line in result.stdout.splitlines() if line.startswith("portal "))
    assert portal.split()[:3] == ["portal", "up", "GET"]
    assert result.stderr == ""  # nothing but the report


@pytest.fixture
def app(settings, provisioned, sessions):
    territory, _ = provisioned
    return create_app(settings, territory, secrets_for(settings))


def logged_in(app, provisioned, *, staff: bool):
    territory, _ = provisioned
    person = next(p for p in territory.people if p.is_staff == staff)
    client = app.test_client()
    with client.session_transaction() as session:  # the Matrix login is tested elsewhere
        session["localpart"] = person.localpart
    return client


def samples(text: str) -> dict[tuple[str, tuple], float]:
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


def test_metrics_from_this_machine_give_the_databases_figures(app, figures):
    client = app.test_client()
    for address in ("127.0.0.1", "::1"):
        response = client.get("/metrics", environ_base={"REMOTE_ADDR": address})
        assert response.status_code == 200
        assert response.content_type.startswith("text/plain; version=")
    values = samples(response.get_data(as_text=True))
    assert values[("girou_service_up", (("service", "synapse"),))] == 1
    assert values[("girou_service_up", (("service", "portal"),))] == 1  # answering
    webdav_key = (("component", "source:webdav"), ("kind", "source"))
    assert values[("girou_component_up", webdav_key)] == 0
    assert values[("girou_component_failing_seconds", webdav_key)] >= 0
    job_key = (("component", "job:mail-delivery"), ("kind", "job"))
    assert values[("girou_component_up", job_key)] == 1
    assert values[("girou_outbox_messages", (("state", "pending"),))] == 1
    assert values[("girou_outbox_messages", (("state", "dead"),))] == 1
    assert values[("girou_mail_messages", (("state", "pending"),))] == 1


def test_metrics_are_refused_through_the_proxy_and_from_elsewhere_unless_staff(
    app, provisioned, figures
):
    anonymous = app.test_client()
    # Caddy, on this machine or in front of the container, adds X-Forwarded-For.
    for header in ("X-Forwarded-For", "Forwarded", "X-Real-IP"):
        response = anonymous.get("/metrics", headers={header: "203.0.113.7"})
        assert response.status_code == 403, header
    assert anonymous.get("/metrics", environ_base={"REMOTE_ADDR": "10.0.0.9"}).status_code == 403
    official = logged_in(app, provisioned, staff=False)
    assert official.get("/metrics", headers={"X-Forwarded-For": "1.2.3.4"}).status_code == 403
    staff = logged_in(app, provisioned, staff=True)
    response = staff.get("/metrics", headers={"X-Forwarded-For": "203.0.113.7"})
    assert response.status_code == 200
    assert b"girou_component_up" in response.data


def test_the_back_office_page_shows_the_same_figures_to_staff(app, provisioned, figures):
    staff = logged_in(app, provisioned, staff=True)
    assert "/gestion/etat" in staff.get("/gestion").get_data(as_text=True)
    response = staff.get("/gestion/etat")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "<h1>État du service</h1>" in page
    assert "1 problème en cours" in page
    assert "<caption>Services de la plateforme (5)</caption>" in page
    assert '<th scope="col">Dernière erreur</th>' in page
    assert '<th scope="row">La veille « webdav »' in page
    assert "En échec depuis le" in page
    assert "HTTP 503, Retry-After 30 s: share x" in page
    assert '<th scope="row">La tâche planifiée « mail-delivery »' in page
    queues = page.split('<th scope="row">Notifications dans les salons</th>', 1)[1]
    assert [cell.split("</td>")[0] for cell in queues.split("<td>")[1:4]] == ["1", "0", "1"]

    assert app.test_client().get("/gestion/etat").status_code == 302  # to the login page
    assert logged_in(app, provisioned, staff=False).get("/gestion/etat").status_code == 403


def test_the_back_office_page_has_no_axe_violation(chromium, settings, provisioned, figures):
    from selenium.common.exceptions import StaleElementReferenceException
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    territory, passwords = provisioned
    staff = next(p for p in territory.people if p.is_staff)
    app = create_app(settings, territory, secrets_for(settings))
    server = make_server("127.0.0.1", free_port(), app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{server.server_port}"
    try:
        with chromium() as browser:
            browser.get(url + "/connexion?suivant=/gestion/etat")
            browser.find_element(By.ID, "identifiant").send_keys(staff.localpart)
            browser.find_element(By.ID, "mot_de_passe").send_keys(passwords[staff.localpart])
            browser.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
            WebDriverWait(browser, 10, ignored_exceptions=(StaleElementReferenceException,)).until(
                lambda b: "État du service" in b.title
            )
            violations = axe_violations(browser)
            assert violations == [], describe_violations(violations)
    finally:
        server.shutdown()
        thread.join(10)
