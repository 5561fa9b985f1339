"""Accessibility: axe-core in headless Chromium over every public page template: zero violations."""

# The portal runs for real (werkzeug server in a thread, demo content of every feature loaded,
# WebDAV publications from the session's stack). Each feature adds its public pages to
# PUBLIC_URLS (one line each), so that a new page is checked as soon as it exists.

from __future__ import annotations

import json
import shutil
import tempfile
import threading
from pathlib import Path

import pytest
from conftest import ROOT, free_port, secrets_for
from sqlalchemy import select
from werkzeug.serving import make_server

from collab import db
from collab.webdav import DavShares
from portal import demo
from portal.app import create_app
from portal.errors import TITLES as ERROR_TITLES

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"

# Every public page template, with content (the demo loads each feature's own).
PUBLIC_URLS: list[str] = [
    "/",
    "/intercommunalite",
    "/intercommunalite/competences",
    "/intercommunalite/elus",
    "/communes",
    "/communes/verfeil",
    "/actualites",
    "/actualites/1",
    "/publications",
    "/recherche",
    "/recherche?q=loisirs",
    "/recherche?q=introuvable",
    "/mentions-legales",
    "/donnees-personnelles",
    "/accessibilite",
    "/espace-elus",
    "/connexion",
    "/carte",
    "/carte?type=parcelle&q=Garidech+0A+12",  # a search result
    "/ogc/api.html",  # the OGC API documentation (service-doc)
    "/page-qui-n-existe-pas",  # the French 404 page
    "/demarches",
    "/demarches/particuliers",
    "/demarches/particuliers/N90000",
    "/demarches/F90001",
    "/demarches/F90002",
    "/demarches/N90001",
    "/demarches/F424242",
    "/demarches/recherche?q=identite",
    "/demarches/commune?suivant=/demarches/F90001",
    "/annuaire",
    "/annuaire?q=club&categorie=Sport&page=1",
    "/annuaire/1",
    "/annuaire/proposer",
    "/annuaire/1/modifier",
    "/annuaire/merci",
    "/contact",
    "/contact/merci",
    "/enfance/attributions/demo-prochaines-vacances",  # childcare: lottery audit log
    "/enfance",  # childcare: public programme
    "/enfance/alsh-verfeil/demo-mercredis",  # childcare: a programme page
    "/enfance/compte/inscription",  # childcare: family sign-up (and log-in below)
    "/enfance/compte/connexion",
    "/seances",  # séances: the instances, then one instance's séances (each séance below)
    "/seances/conseil",
]
# Back-office pages (after a real login through the form, as a staff member).
STAFF_URLS: list[str] = [
    "/gestion",
    "/gestion/actualites",
    "/gestion/actualites/nouvelle",
    "/gestion/actualites/1",
    "/gestion/pages",
    "/gestion/pages/presentation",
    "/gestion/annuaire",
    "/gestion/enfance",  # childcare back-office (sessions, one attendance sheet)
    "/gestion/enfance/seances",
    "/gestion/enfance/seances/1",
    "/gestion/enfance/programme",  # childcare programme editing: periods, activities
    "/gestion/enfance/programme/periodes/1",  # a period, its sessions and capacity forms
    "/gestion/enfance/programme/periodes/1/modifier",
    "/gestion/enfance/programme/periodes/nouvelle",
    "/gestion/enfance/programme/periodes/1/seances",
    "/gestion/enfance/programme/activites/1/modifier",
    "/gestion/enfance/programme/tarifs",
    "/gestion/enquetes",  # the survey of the mairies: campaigns, editor, one campaign
    "/gestion/enquetes/questionnaire",
    "/gestion/enquetes/2",
    "/gestion/enquetes/2/communes/31049",  # one mairie's answers
    "/gestion/enquetes/2/resultats",  # results: charts, tables, map, answer rate
    "/gestion/enquetes/2/resultats?carte=type_connexion&comparer=1",  # and the comparison
    "/gestion/enquetes/1/resultats",
    "/gestion/seances",  # séances: the list and the form of a new one
    "/gestion/seances/1",  # the demo conseil, convened: answers, quorum, proof
    "/gestion/seances/2",  # the demo commission, being prepared
]

# The officials' space (after a real login, as an elected official), also on a phone's width.
OFFICIAL_URLS: list[str] = [
    "/espace-elus",
    "/espace-elus/annuaire",
    "/espace-elus/annuaire?q=exemple&instance=conseil",
    "/espace-elus/coordonnees",
]
# The mairies' survey form, behind the demo's secret links (found in the database once loaded).
SURVEY_FORM_PAGES: list[str] = []


def survey_form_pages(sessions) -> list[str]:
    """A mairie that has not started this year's form, one in progress: home and sections."""
    from sqlalchemy import select

    from portal.survey.models import SurveyLink, SurveyResponse

    with sessions() as s:
        links = {
            link.insee: link.token
            for link in s.scalars(select(SurveyLink).where(SurveyLink.campaign_id == 2))
        }
        started = {
            r.insee: r.status
            for r in s.scalars(select(SurveyResponse).where(SurveyResponse.campaign_id == 2))
        }
        closed = s.scalars(select(SurveyLink).where(SurveyLink.campaign_id == 1)).first()
    fresh = next(insee for insee in links if insee not in started)
    going = next(insee for insee, status in started.items() if status == "in_progress")
    done = next(insee for insee, status in started.items() if status == "submitted")
    return [
        f"/enquete/{links[fresh]}",
        f"/enquete/{links[fresh]}/ordinateurs",  # a table, numbers, choices
        f"/enquete/{links[going]}",
        f"/enquete/{links[going]}/connexion",  # a scale, a table of buildings
        f"/enquete/{links[going]}/cybersecurite",  # a long text
        f"/enquete/{links[done]}",  # sent
        f"/enquete/{closed.token}",  # last year's link: closed
    ]  # fmt: skip


# axe.run with its default rule set: WCAG 2.0/2.1 A and AA rules plus best practices.
RUN_AXE = """
const done = arguments[arguments.length - 1];
axe.run(document, {resultTypes: ["violations"]})
  .then(result => done(JSON.stringify(result.violations)))
  .catch(error => done(JSON.stringify([{id: "axe-error", help: String(error), nodes: []}])));
"""


SERVED: dict[str, str] = {}  # the served portal's database, for pages found from its rows


@pytest.fixture(scope="module")
def portal_url(stack, provisioned):
    """The portal with every feature's demo content, served over HTTP on a free port."""
    territory, _ = provisioned
    work = Path(tempfile.mkdtemp(prefix="girou-a11y-"))
    settings = stack.settings.with_overrides(
        database__url=f"sqlite:///{work / 'portal.db'}", gis__basemap="none"
    )
    engine = db.make_engine(settings.database_url)
    db.create_schema(engine)
    engine.dispose()
    SERVED["database_url"] = settings.database_url
    demo.load_all(settings, territory)
    engine = db.make_engine(settings.database_url)
    SURVEY_FORM_PAGES[:] = survey_form_pages(db.make_sessionmaker(engine))
    engine.dispose()
    bot = settings.get("matrix", "bot_localpart")
    with DavShares(settings.url("webdav"), bot, stack.secrets.bot_password) as shares:
        shares.upload("publications", "rapport-activite.pdf", b"%PDF-1.4 demo")
    app = create_app(settings, territory, secrets_for(settings))
    server = make_server("127.0.0.1", free_port(), app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(10)
        shutil.rmtree(work, ignore_errors=True)


@pytest.fixture(scope="module")
def browser(chromium):
    with chromium() as driver:
        yield driver


def axe_violations(driver) -> list[dict]:
    driver.execute_script(AXE.read_text(encoding="utf-8"))
    return json.loads(driver.execute_async_script(RUN_AXE))


def describe(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        targets = [" ".join(map(str, node.get("target", []))) for node in violation["nodes"]]
        lines.append(
            f"{violation['id']} ({violation.get('impact')}): {violation['help']} -> "
            + "; ".join(targets[:5])
        )
    return "\n".join(lines)


@pytest.mark.parametrize("path", PUBLIC_URLS)
def test_public_page_has_no_axe_violation(browser, portal_url, path):
    browser.get(portal_url + path)
    assert browser.find_element("css selector", "html").get_attribute("lang") == "fr"
    violations = axe_violations(browser)
    assert violations == [], f"{path}:\n{describe(violations)}"


def test_a_convened_members_answer_page_has_no_axe_violation(browser, portal_url):
    from portal.seances.models import Recipient

    engine = db.make_engine(SERVED["database_url"])
    with db.make_sessionmaker(engine)() as s:
        tokens = s.scalars(select(Recipient.token).order_by(Recipient.id).limit(1)).all()
    engine.dispose()
    browser.get(f"{portal_url}/seances/reponse/{tokens[0]}")
    assert "Votre réponse" in browser.page_source
    violations = axe_violations(browser)
    assert violations == [], describe(violations)


def test_survey_form_pages_have_no_axe_violation(browser, portal_url):
    from selenium.common.exceptions import StaleElementReferenceException
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    problems = {}
    for path in SURVEY_FORM_PAGES:
        browser.get(portal_url + path)
        assert browser.find_element("css selector", "html").get_attribute("lang") == "fr"
        if violations := axe_violations(browser):
            problems[path] = describe(violations)
    # a section sent with a missing required answer and a number out of bounds
    browser.get(portal_url + SURVEY_FORM_PAGES[1])
    browser.find_element(By.ID, "q-nb_ordinateurs").send_keys("5000")
    browser.find_element(By.CSS_SELECTOR, "main form.form button[type=submit]").click()
    WebDriverWait(browser, 10, ignored_exceptions=(StaleElementReferenceException,)).until(
        lambda b: "Le formulaire contient" in b.page_source
    )
    if violations := axe_violations(browser):
        problems["section with errors"] = describe(violations)
    assert problems == {}


def test_back_office_pages_have_no_axe_violation(browser, portal_url, provisioned):
    from selenium.common.exceptions import StaleElementReferenceException
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    territory, passwords = provisioned
    staff = next(p for p in territory.people if p.is_staff)
    browser.get(portal_url + "/connexion")
    browser.find_element(By.ID, "identifiant").send_keys(staff.localpart)
    browser.find_element(By.ID, "mot_de_passe").send_keys(passwords[staff.localpart])
    browser.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
    # The click only starts the navigation: wait for the page of the logged-in person.
    WebDriverWait(browser, 10, ignored_exceptions=(StaleElementReferenceException,)).until(
        lambda b: staff.name in b.find_element(By.CSS_SELECTOR, "header").text
    )
    problems = {}
    for path in STAFF_URLS:
        browser.get(portal_url + path)
        if browser.title.split(" — ")[0] in ERROR_TITLES.values():  # a page, not an error page
            problems[path] = browser.title
        elif violations := axe_violations(browser):
            problems[path] = describe(violations)
    # forms sent empty: the error summary and the invalid fields must be accessible too
    for path in ("/gestion/actualites/nouvelle", "/gestion/enfance/programme/periodes/nouvelle"):
        browser.get(portal_url + path)
        browser.find_element(By.CSS_SELECTOR, "main form.form button[type=submit]").click()
        # The click only starts the navigation: wait for the answer page.
        WebDriverWait(browser, 10, ignored_exceptions=(StaleElementReferenceException,)).until(
            lambda b: "Le formulaire contient" in b.page_source
        )
        if violations := axe_violations(browser):
            problems[f"{path} with errors"] = describe(violations)
    browser.find_element(By.CSS_SELECTOR, "header form button").click()  # log out
    assert problems == {}


def test_officials_pages_have_no_axe_violation_and_fit_a_phone(browser, portal_url, provisioned):
    from selenium.common.exceptions import StaleElementReferenceException
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    territory, passwords = provisioned
    official = next(p for p in territory.people if p.role == "conseiller")
    browser.get(portal_url + "/connexion")
    browser.find_element(By.ID, "identifiant").send_keys(official.localpart)
    browser.find_element(By.ID, "mot_de_passe").send_keys(passwords[official.localpart])
    browser.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
    WebDriverWait(browser, 10, ignored_exceptions=(StaleElementReferenceException,)).until(
        lambda b: official.name in b.find_element(By.CSS_SELECTOR, "header").text
    )
    problems = {}
    size = browser.get_window_size()
    try:
        for width in (size["width"], 375):  # a desktop, then a phone
            browser.set_window_size(width, size["height"])
            for path in OFFICIAL_URLS:
                browser.get(portal_url + path)
                if browser.title.split(" — ")[0] in ERROR_TITLES.values():
                    problems[path] = browser.title
                elif violations := axe_violations(browser):
                    problems[f"{path} at {width}px"] = describe(violations)
                overflow = browser.execute_script(
                    "return document.documentElement.scrollWidth"
                    " - document.documentElement.clientWidth"
                )
                if overflow > 0:
                    problems[f"{path} at {width}px"] = f"{overflow}px wider than the screen"
        browser.get(portal_url + "/espace-elus/coordonnees")
        browser.find_element(By.ID, "phone").send_keys("pas un numéro")
        browser.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
        WebDriverWait(browser, 10, ignored_exceptions=(StaleElementReferenceException,)).until(
            lambda b: "Le formulaire contient" in b.page_source
        )
        if violations := axe_violations(browser):
            problems["/espace-elus/coordonnees with errors"] = describe(violations)
    finally:
        browser.set_window_size(size["width"], size["height"])
        browser.find_element(By.CSS_SELECTOR, "header form button").click()  # log out
    assert problems == {}


def test_seance_pages_have_no_axe_violation(browser, portal_url, provisioned):
    """Each séance of the demo (its id depends on the demo loaders' order): the public page,
    then, logged in, its back-office page of the day and the vote of each item."""
    from selenium.common.exceptions import StaleElementReferenceException
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get(portal_url + "/seances/conseil")
    links = browser.find_elements(By.CSS_SELECTOR, "main table a[href^='/seances/conseil/']")
    pages = sorted({link.get_attribute("pathname") for link in links})
    assert pages, "the demo has séances of the conseil"
    problems = {}
    for path in pages:
        browser.get(portal_url + path)
        if violations := axe_violations(browser):
            problems[path] = describe(violations)
    territory, passwords = provisioned
    staff = next(p for p in territory.people if p.is_staff)
    browser.get(portal_url + "/connexion")
    browser.find_element(By.ID, "identifiant").send_keys(staff.localpart)
    browser.find_element(By.ID, "mot_de_passe").send_keys(passwords[staff.localpart])
    browser.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
    WebDriverWait(browser, 10, ignored_exceptions=(StaleElementReferenceException,)).until(
        lambda b: staff.name in b.find_element(By.CSS_SELECTOR, "header").text
    )
    for path in pages:
        browser.get(f"{portal_url}/gestion/seances/{path.rsplit('/', 1)[1]}/tenue")
        votes = browser.find_elements(By.CSS_SELECTOR, "main a[href*='/points/']")
        staff_pages = [browser.current_url] + [a.get_attribute("href") for a in votes[:1]]
        for url in staff_pages:
            browser.get(url)
            if browser.title.split(" — ")[0] in ERROR_TITLES.values():
                problems[url] = browser.title
            elif violations := axe_violations(browser):
                problems[url] = describe(violations)
        # a séance not opened yet: its opening sent without a secretary shows the refusal
        browser.get(f"{portal_url}/gestion/seances/{path.rsplit('/', 1)[1]}/tenue")
        opening = browser.find_elements(By.CSS_SELECTOR, "form[action$='/ouverture'] button")
        if opening:
            opening[0].click()
            WebDriverWait(browser, 10, ignored_exceptions=(StaleElementReferenceException,)).until(
                lambda b: "L’action est refusée" in b.page_source
            )
            if violations := axe_violations(browser):
                problems[f"{path} opening refused"] = describe(violations)
    browser.find_element(By.CSS_SELECTOR, "header form button").click()  # log out
    assert problems == {}


def test_skip_link_leads_to_the_content_and_focus_stays_visible(browser, portal_url):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    browser.get(portal_url + "/")
    ActionChains(browser).send_keys(Keys.TAB).perform()
    skip = browser.switch_to.active_element
    assert skip.text == "Aller au contenu"
    assert skip.is_displayed()
    assert skip.rect["x"] >= 0
    assert skip.rect["y"] >= 0
    outline = browser.execute_script(
        "const s = getComputedStyle(document.activeElement);"
        "return [s.outlineStyle, parseFloat(s.outlineWidth)];"
    )
    assert outline[0] != "none"
    assert outline[1] >= 2
    ActionChains(browser).send_keys(Keys.ENTER).perform()
    assert browser.execute_script("return document.activeElement.id") == "contenu"
    # the next Tab stop is inside the content, and it is visibly focused
    ActionChains(browser).send_keys(Keys.TAB).perform()
    inside, style = browser.execute_script(
        "const a = document.activeElement;"
        "return [document.getElementById('contenu').contains(a), getComputedStyle(a).outlineStyle];"
    )
    assert inside
    assert style != "none"
