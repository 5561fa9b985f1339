"""The map page in headless Chromium: load, click a parcel, read the popup; keyboard; toggles."""

from __future__ import annotations

import json
import re
import threading
from pathlib import Path

import httpx
import pytest
import shapely
from conftest import ROOT, make_settings, secrets_for
from defusedxml.ElementTree import fromstring
from werkzeug.serving import make_server

from collab import db
from collab.territory import load_territory
from portal.app import create_app
from portal.gis.demo_data import generate
from portal.gis.versions import import_layer

LAYERS = ("communes", "plu_zones", "plu_prescriptions", "plu_informations", "parcels",
          "addresses", "poi")  # fmt: skip


@pytest.fixture(scope="module")
def files(tmp_path_factory) -> dict[str, Path]:
    territory = load_territory(ROOT / "territory.toml")
    return generate(
        tmp_path_factory.mktemp("gis"), territory, parcel_size=300, only=("31212", "31228")
    )


@pytest.fixture(scope="module")
def portal_url(tmp_path_factory, files):
    home = tmp_path_factory.mktemp("portal")
    settings = make_settings(home).with_overrides(
        database__url=f"sqlite:///{home / 'portal.db'}",
        gis__basemap="none",  # no tiles from the Internet in tests
    )
    engine = db.make_engine(settings.database_url)
    db.create_schema(engine)
    sessions = db.make_sessionmaker(engine)
    for layer in LAYERS:
        with sessions.begin() as session:
            import_layer(session, layer, files[layer], "test", settings=settings)
    engine.dispose()
    app = create_app(settings, load_territory(ROOT / "territory.toml"), secrets_for(settings))
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture(scope="module")
def browser(chromium):
    with chromium(height=1400, browser_log=True, script_timeout=20) as driver:
        yield driver


def wait_for(driver, script: str, timeout: float = 15):
    """Wait until the JavaScript expression `script` is truthy; return its value."""
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, timeout).until(lambda d: d.execute_script(f"return {script}"))


def popup_text(driver) -> str:
    return wait_for(
        driver,
        "(document.querySelector('.leaflet-popup-content .gis-popup') || {}).textContent",
    )


def parcel_in(files, zone_id: str) -> dict:
    zones = json.loads(files["plu_zones"].read_text())["features"]
    zone = shapely.geometry.shape(next(z for z in zones if z["id"] == zone_id)["geometry"])
    for parcel in json.loads(files["parcels"].read_text())["features"]:
        shape = shapely.geometry.shape(parcel["geometry"])
        if zone.contains(shape):  # wholly inside: one zone in the popup
            return parcel
    raise AssertionError(zone_id)


def test_load_the_map_click_a_parcel_read_the_popup(browser, portal_url, files):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By

    browser.get(portal_url + "/carte")
    assert browser.title.startswith("Carte et urbanisme")
    assert int(wait_for(browser, "document.getElementById('carte-map').dataset.loadedpluzones"))
    assert browser.find_elements(By.CSS_SELECTOR, "path.gis-zone.gis-zone-U")

    parcel = parcel_in(files, "31228-UB")
    point = shapely.point_on_surface(shapely.geometry.shape(parcel["geometry"]))
    browser.execute_script(
        "document.getElementById('carte-map')._girouMap.setView([arguments[0], arguments[1]], 17)",
        point.y,
        point.x,
    )
    assert int(wait_for(browser, "document.getElementById('carte-map').dataset.loadedparcels"))
    x, y = browser.execute_script(
        "const p = document.getElementById('carte-map')._girouMap"
        ".latLngToContainerPoint([arguments[0], arguments[1]]); return [p.x, p.y];",
        point.y,
        point.x,
    )
    element = browser.find_element(By.ID, "carte-map")
    size = element.size
    ActionChains(browser).move_to_element_with_offset(
        element, int(x - size["width"] / 2), int(y - size["height"] / 2)
    ).click().perform()

    props = parcel["properties"]
    reference = f"{props['section'].lstrip('0')} {int(props['numero'])}"
    text = popup_text(browser)
    assert f"Parcelle {reference}" in text
    assert "Commune : Gragnague" in text
    assert "Zone UB — Zone urbaine : Zone urbaine d'extension pavillonnaire" in text
    assert "Règlement : " in text
    link = browser.find_element(By.CSS_SELECTOR, ".leaflet-popup-content a.gis-fiche")
    href = link.get_attribute("href")
    assert href.endswith(f"/carte/fiche.pdf?parcelle={props['id']}")
    assert httpx.get(href).content.startswith(b"%PDF-")
    # The same words for screen readers, in the live region.
    assert f"Parcelle {reference}" in browser.find_element(By.ID, "carte-annonce").get_attribute(
        "textContent"
    )
    # The parcel is outlined.
    assert browser.find_elements(By.CSS_SELECTOR, "path.gis-selected")

    violations = [
        entry["message"]
        for entry in browser.get_log("browser")
        if "Content Security Policy" in entry["message"] or entry["level"] == "SEVERE"
    ]
    assert violations == []


def test_the_map_works_with_the_keyboard(browser, portal_url, files):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    parcel = parcel_in(files, "31212-UA")
    props = parcel["properties"]
    browser.get(portal_url + "/carte")
    wait_for(browser, "document.getElementById('carte-map').dataset.loadedpluzones")
    point = shapely.point_on_surface(shapely.geometry.shape(parcel["geometry"]))
    browser.execute_script(
        "document.getElementById('carte-map')._girouMap.setView([arguments[0], arguments[1]], 17)",
        point.y,
        point.x,
    )
    element = browser.find_element(By.ID, "carte-map")
    # Reach the map with Tab from the layer checkboxes, as a keyboard user does.
    browser.find_element(By.ID, "couche-poi").send_keys(Keys.TAB)
    assert browser.switch_to.active_element == element
    element.send_keys(Keys.ENTER)
    text = popup_text(browser)
    assert f"Parcelle {props['section'].lstrip('0')} {int(props['numero'])}" in text
    assert "Zone UA" in text
    before = browser.execute_script(
        "return document.getElementById('carte-map')._girouMap.getCenter().lng"
    )
    browser.switch_to.active_element.send_keys(Keys.ARROW_RIGHT)
    wait_for(
        browser,
        f"document.getElementById('carte-map')._girouMap.getCenter().lng > {before}",
    )


def test_layers_toggle_and_the_search_box(browser, portal_url, files):
    from selenium.webdriver.common.by import By

    browser.get(portal_url + "/carte")
    wait_for(browser, "document.querySelectorAll('path.gis-zone').length > 0")
    browser.find_element(By.CSS_SELECTOR, "label[for=couche-plu_zones]").click()
    wait_for(browser, "document.querySelectorAll('path.gis-zone').length === 0")
    browser.find_element(By.CSS_SELECTOR, "label[for=couche-plu_zones]").click()
    wait_for(browser, "document.querySelectorAll('path.gis-zone').length > 0")

    parcel = parcel_in(files, "31228-A")
    props = parcel["properties"]
    browser.find_element(By.CSS_SELECTOR, "label[for=type-parcelle]").click()
    box = browser.find_element(By.ID, "q")
    box.send_keys(f"Gragnague {props['section']} {int(props['numero'])}")
    box.submit()
    result = wait_for(browser, "(document.getElementById('gis-resultat') || {}).textContent")
    assert "Zone agricole" in result
    text = popup_text(browser)  # the map goes to the parcel and opens its popup
    assert f"Parcelle {props['section'].lstrip('0')} {int(props['numero'])}" in text
    # The zone's long label is the type's own words: said once.
    assert "Zone A — Zone agricole" in text
    assert text.count("Zone agricole") == 1


def test_the_site_icon(portal_url):
    """The icon the pages link to, and the same at /favicon.ico (asked for without a page)."""
    page = httpx.get(portal_url + "/carte").text
    href = re.search(r'<link rel="icon" href="([^"]+)" type="image/svg\+xml">', page)[1]
    linked = httpx.get(portal_url + href)
    fallback = httpx.get(portal_url + "/favicon.ico")
    for response in (linked, fallback):
        assert response.status_code == 200
        assert response.headers["Content-Type"] == "image/svg+xml; charset=utf-8"
        svg = fromstring(response.content)
        assert svg.tag == "{http://www.w3.org/2000/svg}svg"
        assert svg.get("viewBox") == "0 0 32 32"
    assert fallback.content == linked.content
