"""Procedures co-branded with service-public.fr: import, rendering, links, local offices, search,
the scheduled re-import (no servers needed but a local HTTP server; both databases)."""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import http.server
import re
import shutil
import subprocess
import sys
import threading
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT, csrf_token, make_settings, secrets_for
from hypothesis import HealthCheck, example, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st
from sqlalchemy import func, select

from collab import db
from collab.config import Settings
from collab.territory import load_territory
from portal.app import create_app
from portal.procedures import import_dila_command, search_hits
from portal.procedures.importer import import_path
from portal.procedures.models import Sheet, SourceState
from portal.procedures.refresh import configured_sources, refresh_source, refresh_sources
from portal.procedures.render import SheetError, parse_sheet, resolve_links
from portal.procedures.search import search_sheets
from portal.search_terms import SearchHit

SAMPLES = ROOT / "portal" / "procedures" / "samples"
TERRITORY = load_territory(ROOT / "territory.toml")
SP = "https://www.service-public.fr"


def database(url: str):
    engine = db.make_engine(url)
    db.create_schema(engine)
    return engine, db.make_sessionmaker(engine)


def immediate(settings: Settings) -> Settings:
    """Pages follow a change on the next request (in production: within a second)."""
    return settings.with_overrides(portal__page_cache_check_seconds=0)


@pytest.fixture
def settings(tmp_path) -> Settings:
    """Settings on a database with its schema, as `girou import` hands it to the importer."""
    settings = immediate(make_settings(tmp_path))
    database(settings.database_url)[0].dispose()
    return settings


@pytest.fixture
def sessions(settings):
    engine, sessions = database(settings.database_url)
    yield sessions
    engine.dispose()


@pytest.fixture
def client(settings, sessions):
    import_path(sessions, SAMPLES)
    return create_app(settings, TERRITORY, secrets_for(settings)).test_client()


def page(client, path: str, status: int = 200) -> str:
    response = client.get(path)
    assert response.status_code == status, (path, response.status_code)
    return response.get_data(as_text=True)


def publication(inner: str, sheet_id: str = "F1", attrs: str = "") -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<Publication xmlns:dc="http://purl.org/dc/elements/1.1/" ID="{sheet_id}" '
        f'type="Fiche Question-réponse" {attrs}>'
        "<dc:title>Titre d'essai</dc:title><dc:date>modified 2025-06-30</dc:date>"
        f"<Audience>Particuliers</Audience>{inner}</Publication>"
    ).encode()


def copy_samples(target: Path) -> Path:
    shutil.copytree(SAMPLES, target)
    return target


# --- import ----------------------------------------------------------------------------------
def test_import_reports_broken_files_by_name_and_imports_the_others(tmp_path, settings, capsys):
    folder = copy_samples(tmp_path / "sheets")
    (folder / "F11111.xml").write_text("<Publication ID='F11111'><dc:title>", encoding="utf-8")
    (folder / "F22222.xml").write_bytes(publication("", sheet_id="F33333"))  # ID != file name
    (folder / "F44444.xml").write_bytes(b"<Autre/>")
    (folder / "LISEZMOI.txt").write_text("not a sheet", encoding="utf-8")
    code = import_dila_command(settings, argparse.Namespace(path=str(folder)))
    out, err = capsys.readouterr()
    assert code == 1  # some files broken, the others imported
    assert "6 new, 0 updated, 0 unchanged, 3 broken, 1 other files skipped" in out
    assert "broken F11111.xml: not well-formed XML" in err
    assert "broken F22222.xml: ID F33333 does not match the file name F22222.xml" in err
    assert "broken F44444.xml: root element is <Autre>" in err
    engine, sessions = database(settings.database_url)
    with sessions() as session:
        ids = set(session.scalars(select(Sheet.id)))
    engine.dispose()
    assert ids == {"F90001", "F90002", "F90003", "F90004", "F90005", "N90001"}


def test_import_from_a_zip_counts_unchanged_and_keeps_a_sheet_whole(tmp_path, settings, capsys):
    archive = tmp_path / "vosdroits.zip"
    with zipfile.ZipFile(archive, "w") as out:
        for file in SAMPLES.glob("*.xml"):
            out.write(file, f"vosdroits/{file.name}")
    assert import_dila_command(settings, argparse.Namespace(path=str(archive))) == 0
    assert "6 new" in capsys.readouterr().out
    # A new version of one sheet, with a broken end: the sheet stays as it was, whole.
    broken = (
        (SAMPLES / "F90005.xml")
        .read_text("utf-8")
        .replace("S'inscrire", "Nouveau titre")
        .replace("</Publication>", "<Texte><Paragraphe></Publication>")
    )
    with zipfile.ZipFile(archive, "w") as out:
        for file in SAMPLES.glob("*.xml"):
            if file.name != "F90005.xml":
                out.write(file, file.name)
        out.writestr("F90005.xml", broken)
    assert import_dila_command(settings, argparse.Namespace(path=str(archive))) == 1
    out, err = capsys.readouterr()
    assert "0 new, 0 updated, 5 unchanged, 1 broken" in out
    assert "broken F90005.xml" in err
    engine, sessions = database(settings.database_url)
    with sessions() as session:
        title = session.scalar(select(Sheet.title).where(Sheet.id == "F90005"))
    engine.dispose()
    assert title.startswith("S'inscrire")


def test_unusable_paths_change_nothing(tmp_path, settings, capsys):
    assert import_dila_command(settings, argparse.Namespace(path=str(tmp_path / "nope"))) == 2
    not_zip = tmp_path / "sheets.zip"
    not_zip.write_text("hello", encoding="utf-8")
    assert import_dila_command(settings, argparse.Namespace(path=str(not_zip))) == 2
    err = capsys.readouterr().err
    assert "no such file or directory; nothing imported" in err
    assert "not a directory nor a readable zip file" in err


def test_girou_import_dila_command_line(tmp_path):
    home = tmp_path / "home"
    result = subprocess.run(
        [sys.executable, "-m", "collab.cli", "import", "dila", str(SAMPLES)],
        cwd=ROOT,
        env={"GIROU_HOME": str(home), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "dila: 6 sheets from" in result.stdout
    assert "6 new, 0 updated, 0 unchanged, 0 broken" in result.stdout
    # Not a terminal: plain log lines of progress (counts, then one summary), no bar.
    files = len([p for p in SAMPLES.iterdir() if p.is_file()])
    lines = [line for line in result.stderr.splitlines() if "girou.progress" in line]
    counts = [re.search(r"sheets: (\d+)/(\d+) \(", line) for line in lines[:-1]]
    assert all(counts), lines
    assert {int(m[2]) for m in counts} == {files}
    assert [int(m[1]) for m in counts] == sorted({int(m[1]) for m in counts})
    assert re.search(rf"Importing service-public sheets: {files} done in \d+:\d\d:\d\d", lines[-1])
    assert "\r" not in result.stderr
    assert "\x1b" not in result.stderr


# --- rendering -------------------------------------------------------------------------------
ELEMENTS = [
    # (what the issue lists, XML inside <Publication>, what the page shows)
    (
        "Introduction",
        "<Introduction><Texte><Paragraphe>Intro</Paragraphe></Texte></Introduction>",
        '<div class="sp-intro"><p>Intro</p></div>',
    ),
    (
        "Texte/Chapitre/Titre",
        "<Texte><Chapitre><Titre><Paragraphe>Chap</Paragraphe></Titre>"
        "<Paragraphe>Corps</Paragraphe></Chapitre></Texte>",
        '<div class="sp-chapter"><h2 id="section-1">Chap</h2><p>Corps</p></div>',
    ),
    (
        "SousChapitre",
        "<Texte><Chapitre><Titre>C</Titre><SousChapitre><Titre>S</Titre>"
        "<Paragraphe>x</Paragraphe></SousChapitre></Chapitre></Texte>",
        '<div class="sp-subchapter"><h3 id="section-2">S</h3><p>x</p></div>',
    ),
    (
        "Liste puce/Item",
        '<Texte><Liste type="puce"><Item><Paragraphe>a</Paragraphe></Item>'
        "<Item><Paragraphe>b</Paragraphe></Item></Liste></Texte>",
        "<ul><li>a</li><li>b</li></ul>",
    ),
    (
        "Liste numero",
        '<Texte><Liste type="numero"><Item><Paragraphe>un</Paragraphe></Item></Liste></Texte>',
        "<ol><li>un</li></ol>",
    ),
    (
        "Tableau/Rangée/Cellule",
        '<Texte><Tableau><Titre>T</Titre><Colonne type="header"/>'
        '<Colonne type="normal"/><Rangée type="header"><Cellule><Paragraphe>H1</Paragraphe>'
        "</Cellule><Cellule>H2</Cellule></Rangée><Rangée><Cellule>r</Cellule><Cellule>v</Cellule>"
        "</Rangée></Tableau></Texte>",
        '<table><caption>T</caption><thead><tr><th scope="col">H1</th><th scope="col">H2</th>'
        '</tr></thead><tbody><tr><th scope="row">r</th><td>v</td></tr></tbody></table>',
    ),
    (
        "ANoter",
        "<Texte><ANoter><Titre>À noter</Titre><Paragraphe>n</Paragraphe></ANoter></Texte>",
        '<div class="sp-callout sp-anoter"><p class="sp-callout-title"><strong>À noter</strong>'
        "</p><p>n</p></div>",
    ),
    (
        "ASavoir",
        "<Texte><ASavoir><Paragraphe>s</Paragraphe></ASavoir></Texte>",
        '<div class="sp-callout sp-asavoir"><p class="sp-callout-title"><strong>À savoir</strong>',
    ),
    (
        "Attention",
        "<Texte><Attention><Paragraphe>!</Paragraphe></Attention></Texte>",
        '<div class="sp-callout sp-attention"><p class="sp-callout-title"><strong>Attention',
    ),
    (
        "LienInterne",
        '<Texte><Paragraphe>Voir <LienInterne LienPublication="F2" '
        'audience="Particuliers">F2</LienInterne>.</Paragraphe></Texte>',
        '<p>Voir <a href="dila:particuliers/F2">F2</a>.</p>',
    ),
    (
        "LienExterne",
        '<Texte><Paragraphe><LienExterne URL="https://example.org/a">ext'
        "</LienExterne></Paragraphe></Texte>",
        '<a href="https://example.org/a" rel="noopener">ext</a>',
    ),
    (
        "MiseEnEvidence",
        "<Texte><Paragraphe>un <MiseEnEvidence>fort</MiseEnEvidence></Paragraphe></Texte>",
        "<p>un <strong>fort</strong></p>",
    ),
    (
        "Expression",
        "<Texte><Paragraphe><Expression>terme</Expression></Paragraphe></Texte>",
        '<em class="sp-expression">terme</em>',
    ),
    (
        "ListeSituations/Situation",
        "<ListeSituations><Situation><Titre>Cas A</Titre><Texte>"
        "<Paragraphe>a</Paragraphe></Texte></Situation><Situation><Titre>Cas B</Titre></Situation>"
        "</ListeSituations>",
        '<ul class="sp-situations-toc"><li><a href="#situation-1">Cas A</a></li>',
    ),
    (
        "FragmentConditionne",
        '<Texte><FragmentConditionne><Condition><estVrai var="x"/>'
        "</Condition><Paragraphe>si</Paragraphe></FragmentConditionne></Texte>",
        '<div class="sp-fragment"><p>si</p></div>',
    ),
    (
        "ServiceEnLigne",
        '<ServiceEnLigne ID="R1" type="Téléservice" URL="https://example.org/t">'
        "<Titre>Démarche en ligne</Titre><Source>Ministère</Source></ServiceEnLigne>",
        '<h2 id="services-en-ligne-titre">Services en ligne et formulaires</h2>'
        '<ul class="sp-cards">'
        '<li class="sp-card"><p class="sp-card-title"><a href="https://example.org/t">'
        'Démarche en ligne</a></p><p class="sp-card-meta">Téléservice — Ministère</p>',
    ),
    (
        "PourEnSavoirPlus",
        '<PourEnSavoirPlus type="Information pratique" URL="https://example.org/p">'
        "<Titre>Guide</Titre></PourEnSavoirPlus>",
        '<h2 id="en-savoir-plus-titre">Pour en savoir plus</h2>',
    ),
    (
        "OuSAdresser",
        '<OuSAdresser ID="R2" type="Local"><Titre>Mairie</Titre><PivotLocal>mairie'
        "</PivotLocal></OuSAdresser>",
        '<h2 id="ou-s-adresser-titre">Où s’adresser ?</h2><ul class="sp-cards"><li class="sp-card '
        'sp-where"><p class="sp-card-title">Mairie</p><div data-girou-local="mairie"></div>',
    ),
    (
        "Reference",
        '<Reference type="Texte de référence" URL="https://example.org/r"><Titre>Code'
        "</Titre><Complement>art. 1</Complement></Reference>",
        '<h2 id="references-titre">Textes de référence</h2>',
    ),
    (
        "QuestionReponse",
        '<QuestionReponse ID="F3" audience="Particuliers">Comment ?</QuestionReponse>',
        '<li class="sp-card"><a href="dila:particuliers/F3">Comment ?</a></li>',
    ),
    (
        "unknown element",
        "<Texte><Nouveau>garde <MiseEnEvidence>son</MiseEnEvidence> texte</Nouveau></Texte>",
        "<p>garde</p><p><strong>son</strong></p><p>texte</p>",
    ),
]


@pytest.mark.parametrize(("element", "xml", "expected"), ELEMENTS, ids=[e[0] for e in ELEMENTS])
def test_every_element_is_rendered(element, xml, expected):
    assert expected in parse_sheet(publication(xml)).body_html


def test_metadata_of_a_sheet():
    sheet = parse_sheet((SAMPLES / "F90001.xml").read_bytes(), expected_id="F90001")
    assert sheet.title == "Carte d'identité d'une personne majeure (fiche d'exemple)"
    assert str(sheet.modified) == "2025-03-14"
    assert sheet.audience == "particuliers"
    assert sheet.themes == [["N90000", "Papiers - Citoyenneté"]]
    assert (sheet.folder_id, sheet.folder_title) == ("N90001", "Papiers d'identité")
    assert sheet.breadcrumb[1] == ["N90000", "Papiers - Citoyenneté", "Thème"]
    assert sheet.sp_url == f"{SP}/particuliers/vosdroits/F90001"
    assert sheet.links == ["F90002", "F99998", "F99999"]


def test_sheet_page_shows_every_part_and_the_licence(client):
    html = page(client, "/demarches/F90001")
    for shown in (
        "<h1>Carte d&#39;identité d&#39;une personne majeure (fiche d&#39;exemple)</h1>",
        'Mis à jour le <time datetime="2025-03-14">14 mars 2025</time>',
        '<h2 id="situation-1-titre">Première demande</h2>',
        '<h3 id="section-1">Où faire la demande ?</h3>',
        "<caption>Coût selon la situation</caption>",
        "Un élément que le portail ne connaît pas garde son texte.",
        "Licence Ouverte 2.0",
        f'<a href="{SP}/particuliers/vosdroits/F90001">cette fiche sur service-public.fr</a>',
        "Direction de l’information légale et administrative (DILA), version du 14 mars 2025",
        '<nav class="breadcrumb" aria-label="Fil d’Ariane">',
        'href="/demarches/particuliers/N90000">Papiers - Citoyenneté</a>',
        'href="/demarches/N90001">Papiers d&#39;identité</a>',  # the folder, imported
    ):
        assert shown in html, shown
    assert "dila:" not in html
    assert "data-girou-local" not in html
    dossier = page(client, "/demarches/N90001")
    assert '<h2 id="contenu-dossier">Dans ce dossier</h2>' in dossier
    assert '<a href="/demarches/F90002">Passeport</a>' in dossier
    situations = page(client, "/demarches/F90002")
    assert '<h2 id="situation-2-titre">Vous êtes mineur</h2>' in situations  # BlocCas / Cas


def test_cached_pages_never_mix_visitors(client):
    anonymous = page(client, "/demarches/F90001")  # kept whole for visitors without a session
    staff = client.application.test_client()  # the same app, the same caches
    page(staff, "/demarches/F90001")
    with staff.session_transaction() as session:
        session["localpart"] = "karine.fictive"
    assert "Karine Fictive" in page(staff, "/demarches/F90001")
    assert "Karine Fictive" not in page(client, "/demarches/F90001")
    assert page(client, "/demarches/F90001") == anonymous
    assert "Karine Fictive" in page(staff, "/annuaire")
    assert "Karine Fictive" not in page(client, "/annuaire")


def test_internal_links_local_when_imported_else_service_public(client, sessions, tmp_path):
    html = page(client, "/demarches/F90001")
    assert '<a href="/demarches/F90002">passeport</a>' in html
    assert f'<a href="{SP}/particuliers/vosdroits/F99999">déclaration de perte</a>' in html
    assert f'href="{SP}/particuliers/vosdroits/F99998"' in html
    later = tmp_path / "later"
    later.mkdir()
    (later / "F99999.xml").write_bytes(publication("<Texte/>", sheet_id="F99999"))
    import_path(sessions, later)  # the target arrives later: the link becomes local
    assert '<a href="/demarches/F99999">déclaration de perte</a>' in page(
        client, "/demarches/F90001"
    )
    assert resolve_links('<a href="dila:professionnels/F7">x</a>', frozenset()) == (
        f'<a href="{SP}/professionnels-entreprises/vosdroits/F7">x</a>'
    )


def test_browse_three_audiences_by_theme_and_folder(client):
    index = page(client, "/demarches")
    for audience in ("Particuliers", "Professionnels", "Associations"):
        assert f">{audience}</a></h2>" in index
    assert 'href="/demarches/professionnels/N90010">Commerce</a>' in index
    audience = page(client, "/demarches/particuliers")
    assert 'href="/demarches/particuliers/N90000#dossier-N90002">Élections</a>' in audience
    theme = page(client, "/demarches/particuliers/N90000")
    assert '<h2 id="dossier-N90001">' in theme
    assert "Passeport (fiche d&#39;exemple)" in theme
    page(client, "/demarches/particuliers/N12", 404)
    page(client, "/demarches/inconnu", 404)
    missing = page(client, "/demarches/F424242", 404)
    assert f"{SP}/particuliers/vosdroits/F424242" in missing


# --- co-branding -----------------------------------------------------------------------------
def test_local_office_shows_the_chosen_communes_mairie(client, settings, sessions):
    from portal.communes import load_demo as load_mairies

    load_mairies(settings, sessions, TERRITORY)
    before = page(client, "/demarches/F90001")
    assert "Choisissez votre commune</a> pour voir l’adresse et les horaires" in before
    assert 'href="/demarches/commune?suivant=/demarches/F90001"' in before
    assert "csrf_token" not in before  # no form: the page is the same for every visitor
    choice = page(client, "/demarches/commune?suivant=/demarches/F90001")
    assert '<input type="hidden" name="suivant" value="/demarches/F90001">' in choice
    token = csrf_token(client, "/demarches/commune?suivant=/demarches/F90001")
    chosen = client.post(
        "/demarches/commune",
        data={"commune": "31573", "suivant": "/demarches/F90001", "csrf_token": token},
    )
    assert chosen.status_code == 303
    assert chosen.headers["Location"] == "/demarches/F90001"
    assert "Max-Age=31536000" in chosen.headers["Set-Cookie"]  # remembered for a year
    after = page(client, "/demarches/F90001")
    assert "votre commune : Verfeil" in after
    assert "1 place de la Mairie" in after
    assert "Horaires d’ouverture" in after
    assert "Du lundi au vendredi" in after
    # The intercommunality's own office (territory file [seat]), on a sheet that names it.
    office = page(client, "/demarches/F90002").split("Communauté de communes</p>")[1]
    office = office.split('<footer role="contentinfo"')[0]  # the footer shows the seat too
    assert TERRITORY.name in office
    assert f"<address>{TERRITORY.seat.address}</address>" in office
    assert f'href="mailto:{TERRITORY.seat.email}"' in office
    # Another commune, then a commune that is not ours.
    client.post("/demarches/commune", data={"commune": "31228", "csrf_token": token})
    assert "votre commune : Gragnague" in page(client, "/demarches/F90003")
    refused = client.post("/demarches/commune", data={"commune": "75056", "csrf_token": token})
    assert refused.status_code == 400
    client.set_cookie("girou_commune", "99999")  # a forged cookie is ignored
    assert "Choisissez votre commune</a>" in page(client, "/demarches/F90004")
    assert 'value="/demarches"' in page(client, "/demarches/commune?suivant=//evil.example")
    assert client.post("/demarches/commune", data={"commune": "31573"}).status_code == 400  # CSRF


# --- full-text search ------------------------------------------------------------------------
def test_fulltext_search_is_accent_insensitive_on_both_databases(database_url, tmp_path):
    engine, sessions = database(database_url)
    try:
        import_path(sessions, SAMPLES)
        with sessions() as session:
            total, found = search_sheets(session, "IDENTITE majeure")
            assert total == 2
            assert found[0].id == "F90001"
            assert {r.id for r in search_sheets(session, "identité")[1]} >= {"F90001", "N90001"}
            assert search_sheets(session, "passe")[1][0].id == "F90002"  # a prefix
            assert [r.id for r in search_sheets(session, "terrasse café")[1]] == ["F90003"]
            assert search_sheets(session, "buvette", audience="particuliers") == (0, [])
            assert search_sheets(session, "buvette", audience="associations")[0] == 1
            # the title counts more than the text
            assert search_sheets(session, "passeport")[1][0].id == "F90002"
            for hostile in ('"', "AND OR NOT", "*", "NEAR(", "x:*", "'; drop table", "", "  "):
                search_sheets(session, hostile)  # never a syntax error
            hits = search_hits(session, "electorales", 5)
            assert hits == [
                SearchHit(
                    title="S'inscrire sur les listes électorales (fiche d'exemple)",
                    url="/demarches/F90005",
                    excerpt="L'inscription en mairie ou en ligne, et la date limite avant un "
                    "scrutin. Fiche d'exemple.",
                    kind="procedure",
                )
            ]
        # A sheet updated: the index follows.
        changed = tmp_path / "changed"
        changed.mkdir()
        (changed / "F90003.xml").write_bytes(
            (SAMPLES / "F90003.xml").read_bytes().replace(b"terrasse", b"pergola")
        )
        import_path(sessions, changed)
        with sessions() as session:
            assert search_sheets(session, "pergola")[0] == 1
            assert search_sheets(session, "terrasse café")[0] == 0
    finally:
        engine.dispose()


def test_search_pages(client):
    html = page(client, "/demarches/recherche?q=Carte+d%27identit%C3%A9")
    assert "fiche" in html
    assert 'href="/demarches/F90001"' in html
    assert "Saisissez au moins un mot" in page(client, "/demarches/recherche?q=%2A%2A")
    data = client.get("/api/demarches?q=buvette&public=associations").get_json()
    assert data["total"] == 1
    assert data["results"][0]["url"] == "/demarches/F90004"


# --- scheduled re-import ---------------------------------------------------------------------
class ZipServer:
    """A local HTTP server for one zip, with ETag and Last-Modified, answering 304 when asked
    with the current ETag; it counts what it answered."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.answers: list[int] = []
        server = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 (http.server's name)
                data = server.path.read_bytes()
                etag = '"' + hashlib.sha256(data).hexdigest()[:16] + '"'
                if self.headers.get("If-None-Match") == etag:
                    server.answers.append(304)
                    self.send_response(304)
                    self.send_header("ETag", etag)
                    self.end_headers()
                    return
                server.answers.append(200)
                self.send_response(200)
                self.send_header("Content-Type", "application/zip")
                self.send_header("Content-Length", str(len(data)))
                self.send_header("ETag", etag)
                self.send_header("Last-Modified", "Mon, 02 Jun 2025 08:00:00 GMT")
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/vosdroits-latest.zip"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def write_zip(path: Path, replace: dict[str, bytes] | None = None) -> None:
    with zipfile.ZipFile(path, "w") as out:
        for file in sorted(SAMPLES.glob("*.xml")):
            out.writestr(file.name, (replace or {}).get(file.name, file.read_bytes()))


def test_scheduled_reimport_from_a_url_skips_unchanged_data(tmp_path, sessions):
    archive = tmp_path / "served.zip"
    write_zip(archive)
    server = ZipServer(archive)
    try:
        first = refresh_source(sessions, server.url)
        assert first.status == "imported"
        assert first.report.created == 6
        second = refresh_source(sessions, server.url)
        assert second.status == "unchanged"
        assert server.answers == [200, 304]  # asked with If-None-Match, nothing downloaded
        newer = (SAMPLES / "F90004.xml").read_bytes().replace(b"buvette", b"tombola")
        write_zip(archive, {"F90004.xml": newer})
        third = refresh_source(sessions, server.url)
        assert third.status == "imported"
        assert (third.report.updated, third.report.unchanged) == (1, 5)  # one sheet written
        assert server.answers == [200, 304, 200]
        with sessions() as session:
            state = session.get(SourceState, server.url)
            assert state.etag
            assert state.last_modified == "Mon, 02 Jun 2025 08:00:00 GMT"
            assert "1 updated" in state.last_result
    finally:
        server.close()
    failed = refresh_source(sessions, server.url)  # the server is gone: reported, not raised
    assert failed.status == "failed"


def test_scheduled_reimport_from_a_directory_skips_unchanged_data(tmp_path, sessions):
    folder = copy_samples(tmp_path / "sheets")
    assert refresh_source(sessions, str(folder)).status == "imported"
    assert refresh_source(sessions, str(folder)).status == "unchanged"
    (folder / "F90002.xml").write_bytes(
        (SAMPLES / "F90002.xml").read_bytes().replace(b"biom\xc3\xa9trique", b"neuf")
    )
    again = refresh_source(sessions, str(folder))
    assert again.status == "imported"
    assert again.report.updated == 1
    assert refresh_source(sessions, str(tmp_path / "gone")).status == "failed"


def test_the_bots_schedule_the_daily_reimport(tmp_path):
    from bots.scheduler import PERSISTENT, start_jobs
    from portal.procedures import feature as manifest
    from portal.procedures import jobs as feature

    base = make_settings(tmp_path)
    folder = copy_samples(tmp_path / "sheets")
    configured = base.with_overrides(
        procedures__sources=f"{folder}", procedures__refresh_hour=5, procedures__refresh_minute=15
    )
    assert configured_sources(configured) == [str(folder)]
    engine, sessions = database(configured.database_url)

    def jobs_of(settings: Settings):
        async def scenario():
            jobs = start_jobs(
                settings,
                sessions,
                secrets=None,
                territory=None,
                features=[manifest.FEATURE],
                with_sources=False,
            )
            job = jobs.scheduler.get_job(feature.JOB_ID, jobstore=PERSISTENT)
            jobs.shutdown()
            await asyncio.sleep(0.05)
            return job

        return asyncio.run(scenario())

    job = jobs_of(configured)
    assert job is not None
    assert re.search(r"hour='5', minute='15'", str(job.trigger))
    assert job.func(*job.args) == [
        f"{folder}: 6 new, 0 updated, 0 unchanged, 0 broken, 0 other files skipped"
    ]  # what runs at 05:15
    assert refresh_sources(configured) == [f"{folder}: unchanged"]
    assert jobs_of(base) is None  # no source configured any more: the job is gone
    with sessions() as session:
        assert session.scalar(select(func.count()).select_from(Sheet)) == 6
    engine.dispose()


# --- bad input -------------------------------------------------------------------------------
TAGS = [
    "Paragraphe",
    "Chapitre",
    "Titre",
    "Liste",
    "Item",
    "Tableau",
    "Rangée",
    "Cellule",
    "LienInterne",
    "LienExterne",
    "MiseEnEvidence",
    "OuSAdresser",
    "Situation",
    "Inconnu",
    "script",
    "ANoter",
    "FragmentConditionne",
    "QuestionReponse",
    "ServiceEnLigne",
]


@st.composite
def xml_trees(draw, depth: int = 0) -> str:
    tag = draw(st.sampled_from(TAGS))
    attrs = draw(
        st.dictionaries(
            st.sampled_from(["URL", "LienPublication", "ID", "type", "audience", "onclick"]),
            st.sampled_from(["javascript:alert(1)", "F1", 'https://x.org/"><b>', "<x>", "puce"]),
            max_size=2,
        )
    )
    text = draw(st.text(max_size=20))
    children = "" if depth > 2 else "".join(draw(st.lists(xml_trees(depth=depth + 1), max_size=3)))
    from xml.sax.saxutils import escape, quoteattr

    rendered = " ".join(f"{k}={quoteattr(v)}" for k, v in attrs.items())
    return f"<{tag} {rendered}>{escape(text)}{children}</{tag}>"


@hsettings(max_examples=150, deadline=None)
@given(xml_trees())
@example('<OuSAdresser URL="javascript:alert(1)" type="javascript:alert(1)"></OuSAdresser>')
def test_any_structure_renders_safely(tree):
    try:
        sheet = parse_sheet(publication(f"<Texte>{tree}</Texte>"))
    except SheetError:
        return  # e.g. a control character: refused with a reason, never a crash
    html = sheet.body_html
    assert "<script" not in html
    # Text may mention anything (escaped); markup must never carry a script.
    assert not re.search(r"""\s(?:href|src)\s*=\s*["']?\s*javascript:""", html, re.IGNORECASE)
    assert not re.search(r"<[^>]*\son[a-z]+\s*=", html, re.IGNORECASE)
    assert "<b>" not in html


def test_forbidden_xml_constructs_are_refused():
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE p [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]>'
        b'<Publication ID="F1"><dc:title xmlns:dc="http://purl.org/dc/elements/1.1/">&b;'
        b"</dc:title></Publication>"
    )
    with pytest.raises(SheetError, match="forbidden XML construct"):
        parse_sheet(bomb)
    with pytest.raises(SheetError, match="no dc:title"):
        parse_sheet(b'<Publication ID="F1"/>')


@hsettings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    path=st.sampled_from(["/demarches/recherche", "/api/demarches"]),
    q=st.text(max_size=300),
    public=st.one_of(st.none(), st.text(max_size=20), st.sampled_from(["associations"])),
    page_arg=st.one_of(st.none(), st.text(max_size=12), st.integers().map(str)),
)
def test_fuzzed_search_never_fails(client, path, q, public, page_arg):
    params = {"q": q}
    if public is not None:
        params["public"] = public
    if page_arg is not None:
        params["page"] = page_arg
    response = client.get(path, query_string=params)
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    if path.startswith("/api/"):
        assert response.is_json


@hsettings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    commune=st.one_of(st.text(max_size=10), st.sampled_from(["31573", ""])),
    suivant=st.text(max_size=50),
    key=st.text(min_size=1, max_size=30).filter(lambda k: "/" not in k),
)
def test_fuzzed_commune_choice_and_sheet_ids_never_fail(client, commune, suivant, key):
    token = csrf_token(client, "/demarches")
    response = client.post(
        "/demarches/commune", data={"commune": commune, "suivant": suivant, "csrf_token": token}
    )
    assert response.status_code in (303, 400)
    if response.status_code == 303:
        location = response.headers["Location"]
        assert location.startswith("/")
        assert not location.startswith("//")
    assert client.get(f"/demarches/{key}").status_code in (200, 404, 308)
    assert client.get("/demarches/commune", query_string={"suivant": suivant}).status_code == 200
