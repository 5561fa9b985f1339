"""Site pages: home, officials, communes + Annuaire import, news, pages, publications, search."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import subprocess
import sys

import pytest
from conftest import ROOT, csrf_token, free_port, log_in_staff, make_app, make_settings, secrets_for
from sqlalchemy import select

from collab.territory import load_territory
from collab.webdav import DavShares
from portal import communes, content, news, site_search
from portal.app import create_app
from portal.communes import Mairie, import_annuaire_command

TERRITORY = load_territory(ROOT / "territory.toml")
STAFF = next(p for p in TERRITORY.people if p.role == "secretaire")
VICE_PRESIDENT = next(p for p in TERRITORY.people if p.role == "vice-president")
COUNCILLOR = next(p for p in TERRITORY.people if p.role == "conseiller")


def build_app(home, url: str | None = None, **overrides):
    shutil.copy(ROOT / "territory.toml", home / "territory.toml")
    settings = make_settings(home, **overrides)
    if url:
        settings = settings.with_overrides(database__url=url)
    return make_app(settings, TERRITORY), settings


def load_site_demo(app) -> None:
    ext = app.extensions["girou"]
    for loader in (content.load_demo, news.load_demo, communes.load_demo):
        loader(ext.settings, ext.sessions, TERRITORY)


@pytest.fixture
def site(tmp_path):
    app, _settings = build_app(tmp_path)
    load_site_demo(app)
    return app


@pytest.fixture
def client(site):
    return site.test_client()


def text_of(response) -> str:
    return response.get_data(as_text=True)


# --- every page ---------------------------------------------------------------------------------

PAGES = [
    ("/", "Accès rapides"),
    ("/intercommunalite", "Comment elle fonctionne"),
    ("/intercommunalite/competences", "Enfance et jeunesse"),
    ("/intercommunalite/elus", "Élus communautaires"),
    ("/communes", "Les 18 communes"),
    ("/communes/verfeil", "Mairie - Verfeil"),
    ("/communes/montastruc-la-conseillere", "Montastruc-la-Conseillère"),
    ("/actualites", "Actualités"),
    ("/recherche", "Rechercher sur le site"),
    ("/recherche?q=mairie", "résultat"),
    ("/mentions-legales", "SIREN 243100732"),
    ("/donnees-personnelles", "Vos droits"),
    ("/accessibilite", "partiellement conforme"),
]


@pytest.mark.parametrize(("path", "expected"), PAGES)
def test_every_page_renders_in_french(client, path, expected):
    response = client.get(path)
    assert response.status_code == 200
    page = text_of(response)
    assert '<html lang="fr">' in page
    assert page.count("<h1") == 1
    assert expected in page
    assert "Content-Security-Policy" in response.headers
    # no inline script or style anywhere (the CSP would block them)
    assert "<script" not in page
    assert "<style" not in page
    assert " style=" not in page


def test_home_has_news_quick_access_and_accessibility_status(client):
    page = text_of(client.get("/"))
    for target in ("/demarches", "/enfance", "/carte", "/annuaire", "/communes", "/publications"):
        assert f'href="{target}"' in page
    assert "Accueils de loisirs : les préinscriptions de l’été " in page  # open, or opens on…
    assert page.count('class="card"') == 3  # the three latest
    assert "Accessibilité : partiellement conforme" in page
    assert 'href="/accessibilite"' in page


def test_home_page_kept_for_visitors_follows_the_news(tmp_path):
    """Visitors without a session get the page kept by the worker; it follows every change to
    the news, and a logged-in member never gets a visitor's page (nor a visitor theirs)."""
    app, _settings = build_app(tmp_path, portal__page_cache_check_seconds=0)
    sessions = app.extensions["girou"].sessions
    visitor, member = app.test_client(), app.test_client()
    assert "Travaux de voirie" not in text_of(visitor.get("/"))
    with sessions.begin() as s:
        item = news.publish_news(s, "Travaux de voirie", "Route de Verfeil.", "Texte.", "@a:b")
    assert "Travaux de voirie" in text_of(visitor.get("/"))
    with sessions.begin() as s:
        s.get(news.NewsItem, item.id).title = "Voirie : travaux reportés"
        s.get(news.NewsItem, item.id).updated_at += dt.timedelta(seconds=1)
    assert "Voirie : travaux reportés" in text_of(visitor.get("/"))
    log_in_staff(member, STAFF.localpart)
    assert "Se déconnecter" in text_of(member.get("/"))
    assert "Se déconnecter" not in text_of(visitor.get("/"))
    with sessions.begin() as s:
        s.delete(s.get(news.NewsItem, item.id))
    assert "Voirie" not in text_of(visitor.get("/"))


def test_officials_page_lists_elected_people_with_commune_role_and_instances(client):
    page = text_of(client.get("/intercommunalite/elus"))
    elected = [
        p for p in TERRITORY.people if p.role in ("president", "vice-president", "conseiller")
    ]
    for person in elected:
        assert person.name in page
    assert "Alice Exemple</th>\n      <td>Verfeil</td>\n      <td>Président</td>" in page
    assert "Vice-président" in page
    assert "Conseiller communautaire" in page
    assert "Bureau communautaire" in page
    assert "Urbanisme &amp; aménagement" in page
    # staff are not elected, and the internal service rooms are not public instances
    assert "Karine Fictive" not in page
    assert "Portail – modération" not in page
    assert "Secrétariat – inscriptions" not in page


def test_commune_page_shows_population_postal_code_and_mairie(client):
    page = text_of(client.get("/communes/bonrepos-riquet"))  # list fields JSON-encoded there
    assert "324 habitants" in page
    assert "31590" in page
    assert "2 rue de l’Exemple<br>31590 Bonrepos-Riquet" in page
    assert 'href="tel:+33536490011"' in page
    assert "05 36 49 00 11" in page
    assert 'href="mailto:accueil@mairie-bonrepos-riquet.example"' in page
    assert 'href="https://www.bonrepos-riquet.example"' in page
    assert "Du mardi au jeudi</th><td>de 9 h à 12 h et de 14 h à 18 h" in page
    assert "Permanence des élus le premier samedi du mois" in page
    assert "15 janvier 2025" in page
    verfeil = text_of(client.get("/communes/verfeil"))
    assert "Alice Exemple — Président" in verfeil


def test_commune_urls(client, tmp_path):
    assert client.get("/communes/31573").headers["Location"] == "/communes/verfeil"
    missing = client.get("/communes/toulouse")
    assert missing.status_code == 404
    assert "Page introuvable" in text_of(missing)
    (tmp_path / "vide").mkdir()
    bare, _ = build_app(tmp_path / "vide")
    assert "pas encore disponibles" in text_of(bare.test_client().get("/communes/verfeil"))


def test_editable_page_without_text_says_so(tmp_path):
    app, _ = build_app(tmp_path)
    page = text_of(app.test_client().get("/mentions-legales"))
    assert "en cours de rédaction" in page


# --- the Annuaire import ------------------------------------------------------------------------


def record(insee: str, name: str, **fields) -> dict:
    base = {
        "nom": f"Mairie - {name}",
        "pivot": json.dumps([{"type_service_local": "mairie", "code_insee_commune": [insee]}]),
        "code_insee_commune": insee,
        "adresse": [{"numero_voie": "1 place de la Mairie", "code_postal": "31380",
                     "nom_commune": name}],
        "telephone": json.dumps([{"valeur": "05 36 49 00 99", "description": "Accueil"}]),
        "adresse_courriel": json.dumps(["mairie@exemple.example"]),
        "site_internet": [{"libelle": "", "valeur": "www.exemple.example"}],
        "plage_ouverture": json.dumps([{
            "nom_jour_debut": "Lundi", "nom_jour_fin": "Vendredi",
            "valeur_heure_debut_1": "09:00:00", "valeur_heure_fin_1": "12:00:00",
            "valeur_heure_debut_2": "", "valeur_heure_fin_2": "", "commentaire": "",
        }]),
    }  # fmt: skip
    base.update(fields)
    return base


def run_import(settings, path, capsys) -> tuple[int, str, str]:
    code = import_annuaire_command(settings, argparse.Namespace(file=str(path)))
    out, err = capsys.readouterr()
    return code, out, err


def mairies(app) -> dict[str, Mairie]:
    with app.extensions["girou"].sessions() as session:
        return {m.insee: m for m in session.scalars(select(Mairie))}


def test_import_demo_file_both_encodings_then_nothing_changes(database_url, tmp_path, capsys):
    app, settings = build_app(tmp_path, database_url)
    code, out, err = run_import(settings, communes.DEMO_FILE, capsys)
    assert code == 0, err
    assert "18 records read; 18 mairies imported (18 new, 0 updated, 0 unchanged)" in out
    stored = mairies(app)
    assert len(stored) == 18
    # a record whose lists were JSON-encoded strings reads the same as one with real lists
    assert stored["31074"].phones[0]["number"] == "05 36 49 00 11"
    assert stored["31074"].hours[2]["comment"] == "Permanence des élus le premier samedi du mois"
    assert stored["31049"].addresses[0]["lines"] == ["1 place de la Mairie", "31380 Bazus"]
    code, out, _ = run_import(settings, communes.DEMO_FILE, capsys)
    assert code == 0
    assert "(0 new, 0 updated, 18 unchanged)" in out


def test_broken_records_are_reported_and_the_others_imported(database_url, tmp_path, capsys):
    app, settings = build_app(tmp_path, database_url)
    good_update = record("31049", "Bazus", telephone=[{"valeur": "05 36 49 00 01"}])
    bad_hours = record(
        "31212",
        "Garidech",
        plage_ouverture=[{"nom_jour_debut": "Lundi", "valeur_heure_debut_1": "09:00:00",
                          "valeur_heure_fin_1": "25:00:00"}],
    )  # fmt: skip
    records = [
        record("31573", "Verfeil"),  # 0: good
        bad_hours,  # 1: broken
        record("31216", "Gémil", telephone="[{not json"),  # 2: broken JSON string
        42,  # 3: not an object
        record("31555", "Toulouse"),  # 4: outside the territory: skipped
        record("31228", "Gragnague", pivot=[{"type_service_local": "ecole"}]),  # 5: skipped
        record("31573", "Verfeil annexe"),  # 6: second mairie of Verfeil: skipped
        record("31285", "Lavalette", site_internet=["javascript:alert(1)"]),  # 7: broken
        record("31049", "Bazus"),  # 8: good
    ]
    path = tmp_path / "annuaire.json"
    path.write_text(json.dumps(records), encoding="utf-8")
    code, out, err = run_import(settings, path, capsys)
    assert code == 1
    assert "9 records read; 2 mairies imported (2 new, 0 updated, 0 unchanged), 3 skipped" in out
    assert "4 broken" in out
    assert (
        "record 1 (Mairie - Garidech): plage_ouverture[0].valeur_heure_fin_1: "
        "'25:00:00' is not a time" in err
    )
    assert "record 2 (Mairie - Gémil): telephone: JSON-encoded string that is not JSON" in err
    assert "record 3: expected an object, got int" in err
    assert "record 7 (Mairie - Lavalette): site_internet[0]: 'javascript:alert(1)'" in err
    assert "record 4 (Mairie - Toulouse): commune 31555 is not in the territory" in out
    assert "record 5 (Mairie - Gragnague): not a mairie" in out
    assert "record 6 (Mairie - Verfeil annexe): commune 31573 already has a mairie" in out
    assert set(mairies(app)) == {"31573", "31049"}
    assert mairies(app)["31049"].websites == [{"url": "https://www.exemple.example", "label": ""}]

    # whole or nothing: a broken new version leaves the stored mairie as it was
    path.write_text(
        json.dumps([good_update, record("31573", "Verfeil", adresse="[{]")]), encoding="utf-8"
    )
    code, out, err = run_import(settings, path, capsys)
    assert code == 1
    assert "1 mairies imported (0 new, 1 updated, 0 unchanged)" in out
    stored = mairies(app)
    assert stored["31049"].phones[0]["number"] == "05 36 49 00 01"
    assert stored["31573"].phones[0]["number"] == "05 36 49 00 99"
    assert stored["31573"].addresses[0]["lines"][0] == "1 place de la Mairie"


def test_girou_import_annuaire_command_line(tmp_path):
    env = {**os.environ, "GIROU_HOME": str(tmp_path)}
    girou = [sys.executable, "-m", "collab.cli"]  # the `girou` console script's module
    run = subprocess.run(
        [*girou, "import", "annuaire", str(communes.DEMO_FILE)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    assert "18 records read; 18 mairies imported (18 new" in run.stdout
    bad = tmp_path / "bad.json"
    bad.write_text("{", encoding="utf-8")
    run = subprocess.run(
        [*girou, "import", "annuaire", str(bad)], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert run.returncode == 2
    assert "not JSON" in run.stderr


def test_api_answer_format_is_accepted(tmp_path, capsys):
    app, settings = build_app(tmp_path)
    path = tmp_path / "api.json"
    path.write_text(
        json.dumps({"total_count": 1, "results": [record("31579", "Villariès")]}), encoding="utf-8"
    )
    code, out, _ = run_import(settings, path, capsys)
    assert code == 0
    assert "1 new" in out
    assert "31579" in mairies(app)


@pytest.mark.parametrize(
    ("content_text", "message"),
    [
        ("ceci n'est pas du JSON", "not JSON"),
        ('{"a": 1}', 'expected a list of records or {"results": [...]}'),
        ('"texte"', "expected a list of records, got str"),
    ],
)
def test_unusable_file_changes_nothing(tmp_path, capsys, content_text, message):
    app, settings = build_app(tmp_path)
    path = tmp_path / "bad.json"
    path.write_text(content_text, encoding="utf-8")
    code, out, err = run_import(settings, path, capsys)
    assert code == 2
    assert message in err
    assert "nothing imported" in err
    assert mairies(app) == {}
    code, _, err = run_import(settings, tmp_path / "absent.json", capsys)
    assert code == 2
    assert "cannot read" in err


def test_demo_loaders_are_idempotent(site):
    ext = site.extensions["girou"]
    again = [
        loader(ext.settings, ext.sessions, TERRITORY)
        for loader in (content.load_demo, news.load_demo, communes.load_demo)
    ]
    assert again == [
        "pages: 5 editable pages (0 written from the demo texts)",
        "news: 0 demo items published",
        "annuaire: 18 mairies imported (0 new, 0 updated, 18 unchanged), 0 skipped, 0 broken",
    ]


# --- news published by staff (real Matrix login) ----------------------------------------------


@pytest.fixture
def stack_client(stack, provisioned, tmp_path):
    territory, passwords = provisioned
    settings = stack.settings.with_overrides(database__url=f"sqlite:///{tmp_path / 'portal.db'}")
    return make_app(settings, territory).test_client(), passwords


def matrix_login(client, passwords, person) -> None:
    token = csrf_token(client, "/connexion")
    response = client.post(
        "/connexion",
        data={
            "identifiant": person.localpart,
            "mot_de_passe": passwords[person.localpart],
            "csrf_token": token,
        },
    )
    assert response.status_code == 302


def test_staff_member_publishes_edits_and_withdraws_news(stack_client):
    client, passwords = stack_client
    anonymous = client.get("/gestion/actualites/nouvelle")
    assert anonymous.status_code == 302
    assert "/connexion" in anonymous.headers["Location"]

    matrix_login(client, passwords, STAFF)
    assert client.get("/gestion").status_code == 200
    token = csrf_token(client, "/gestion/actualites/nouvelle")
    refused = client.post("/gestion/actualites/nouvelle", data={"title": "Sans jeton"})
    assert refused.status_code == 400

    invalid = client.post(
        "/gestion/actualites/nouvelle", data={"title": " ", "body": "", "csrf_token": token}
    )
    assert invalid.status_code == 400
    page = text_of(invalid)
    assert "Le formulaire contient 2 erreurs" in page
    assert 'aria-invalid="true"' in page
    assert "Le champ « Titre » est obligatoire." in page

    published = client.post(
        "/gestion/actualites/nouvelle",
        data={
            "title": "Fermeture exceptionnelle des déchèteries",
            "summary": "Le 14 juillet, les déchèteries sont fermées.",
            "body": "## Quand ?\n\nLe **14 juillet**.\n\n<script>alert(1)</script>",
            "csrf_token": token,
        },
    )
    assert published.status_code == 302
    detail_url = published.headers["Location"]
    detail = text_of(client.get(detail_url))
    assert "<h2>Quand ?</h2>" in detail
    assert "<strong>14 juillet</strong>" in detail
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in detail
    assert "<script>" not in detail
    assert "Fermeture exceptionnelle des déchèteries" in text_of(client.get("/"))
    assert "Fermeture exceptionnelle des déchèteries" in text_of(client.get("/actualites"))

    news_id = int(detail_url.rsplit("/", 1)[1])
    edited = client.post(
        f"/gestion/actualites/{news_id}",
        data={"title": "Déchèteries fermées le 14 juillet", "summary": "", "body": "Fermées.",
              "csrf_token": token},
    )  # fmt: skip
    assert edited.status_code == 302
    assert "Déchèteries fermées le 14 juillet" in text_of(client.get(detail_url))

    withdrawn = client.post(f"/gestion/actualites/{news_id}/supprimer", data={"csrf_token": token})
    assert withdrawn.status_code == 302
    assert client.get(detail_url).status_code == 404


def test_an_ordinary_councillor_may_not_publish(stack_client):
    client, passwords = stack_client
    matrix_login(client, passwords, COUNCILLOR)
    assert client.get("/gestion/actualites/nouvelle").status_code == 403
    assert client.get("/gestion/pages/presentation").status_code == 403


# --- editable pages -------------------------------------------------------------------------


def test_vice_president_edits_a_page(client):
    token = log_in_staff(client, VICE_PRESIDENT.localpart)
    form = text_of(client.get("/gestion/pages/mentions-legales"))
    assert "Mise en forme" in form
    assert 'for="body"' in form
    saved = client.post(
        "/gestion/pages/mentions-legales",
        data={"title": "Mentions légales", "body": "## Éditeur\n\nLa communauté.\n\n"
              "[Contact](/communes) et [piège](javascript:alert(1))", "csrf_token": token},
    )  # fmt: skip
    assert saved.status_code == 302
    assert saved.headers["Location"] == "/mentions-legales"
    page = text_of(client.get("/mentions-legales"))
    assert "<h2>Éditeur</h2>" in page
    assert '<a href="/communes">Contact</a>' in page
    assert 'href="javascript' not in page
    empty = client.post(
        "/gestion/pages/mentions-legales", data={"title": "", "body": "", "csrf_token": token}
    )
    assert empty.status_code == 400
    assert "<h2>Éditeur</h2>" in text_of(client.get("/mentions-legales"))
    assert client.get("/gestion/pages/inconnue").status_code == 404


# --- search ---------------------------------------------------------------------------------


def test_search_is_accent_and_case_insensitive(database_url, tmp_path):
    app, _ = build_app(tmp_path, database_url)
    sessions = app.extensions["girou"].sessions
    with sessions.begin() as session:
        news.publish_news(
            session, "Crèche intercommunale : réouverture", "", "L’Œuvre des Écoles.", "agent"
        )
        news.publish_news(session, "Budget 100% voté", "", "Taux_de_fiscalité stable.", "agent")
        content.save_page(session, "competences", "Compétences", "Petite enfance, crèches.", "x")
    client = app.test_client()
    with app.test_request_context():
        with sessions() as session:
            for query in ("creche", "CRÈCHE", "Crêche", "reouverture intercommunale", "oeuvre"):
                titles = [hit.title for hit in site_search.search(session, query)]
                assert "Crèche intercommunale : réouverture" in titles, query
            assert [hit.kind for hit in site_search.search(session, "crèches")] == ["page"]
            assert site_search.search(session, "crèche piscine") == []  # every word must match
            # LIKE wildcards are plain characters
            assert [hit.title for hit in site_search.search(session, "100%")] == [
                "Budget 100% voté"
            ]
            assert site_search.search(session, "%") == []
            assert site_search.search(session, "_") == []
            communes_found = site_search.search(session, "montastruc")
            assert [(hit.kind, hit.url) for hit in communes_found] == [
                ("commune", "/communes/montastruc-la-conseillere")
            ]
    page = text_of(client.get("/recherche?q=ECOLES"))
    assert "1 résultat pour « ECOLES »" in page
    assert 'href="/actualites/1"' in page
    assert "Aucun résultat" in text_of(client.get("/recherche?q=zzzz"))
    assert "Saisissez au moins un mot" in text_of(client.get("/recherche?q=%25%25"))


def test_site_search_covers_pages_communes_procedures_directory_and_news(database_url, tmp_path):
    from portal.directory.moderation import create_entry
    from portal.procedures.demo import load_demo as load_sample_sheets

    app, settings = build_app(tmp_path, database_url)
    load_site_demo(app)
    sessions = app.extensions["girou"].sessions
    load_sample_sheets(settings, sessions, TERRITORY)
    with sessions.begin() as session:
        create_entry(
            session,
            {"name": "Comité des fêtes de Gémil", "kind": "association", "category": "Loisirs",
             "commune": "31216", "address": "", "email": "", "phone": "", "website": "",
             "description": "Fête du village et vide-greniers."},
            TERRITORY,
        )  # fmt: skip
    client = app.test_client()
    page = text_of(client.get("/recherche?q=FETE"))
    assert "Démarches (" in page  # the sample sheet on festivities
    assert "Annuaire des associations et entreprises (1)" in page
    assert "Comité des fêtes de Gémil" in page
    page = text_of(client.get("/recherche?q=identite"))
    assert "Carte d&#39;identité" in page or "Carte d'identité" in page
    page = text_of(client.get("/recherche?q=gemil"))
    assert "Communes (1)" in page
    assert "Annuaire des associations et entreprises (1)" in page
    with app.test_request_context(), sessions() as session:
        kinds = {hit.kind for hit in site_search.search(session, "loisirs")}
    assert {"page", "news", "directory"} <= kinds


def test_search_results_are_escaped(client):
    page = text_of(client.get("/recherche?q=<script>alert(1)</script>"))
    assert "<script>alert(1)" not in page
    assert "&lt;script&gt;" in page


# --- publications (real WebDAV share) -------------------------------------------------------------


def test_publications_are_listed_and_downloaded_without_exposing_the_share(
    stack, provisioned, tmp_path
):
    territory, _ = provisioned
    bot = stack.settings.get("matrix", "bot_localpart")
    with DavShares(stack.settings.url("webdav"), bot, stack.secrets.bot_password) as shares:
        if not shares.client.exists("publications/deliberations"):
            shares.client.mkdir("publications/deliberations")
        shares.upload(
            "publications", "deliberations/2025-03-deliberation-budget.pdf", b"%PDF" * 300
        )
        shares.upload("publications", "~$verrou.docx", b"lock")
        shares.upload("conseil", "confidentiel.txt", b"secret")
    settings = stack.settings.with_overrides(database__url=f"sqlite:///{tmp_path / 'p.db'}")
    client = create_app(settings, territory, secrets_for(settings)).test_client()

    listing = client.get("/publications")
    assert listing.status_code == 200
    page = text_of(listing)
    assert "2025-03-deliberation-budget.pdf" in page
    assert "deliberations" in page
    assert "1,2 ko" in page  # 1 200 bytes
    assert "~$verrou" not in page
    assert stack.settings.url("webdav") not in page
    assert bot not in page
    assert stack.secrets.bot_password not in page

    document = client.get("/publications/deliberations/2025-03-deliberation-budget.pdf")
    assert document.status_code == 200
    assert document.data == b"%PDF" * 300
    assert document.headers["Content-Type"] == "application/pdf"
    assert document.headers["Content-Disposition"].startswith("attachment;")
    for path in (
        "../conseil/confidentiel.txt",
        "deliberations/../../conseil/confidentiel.txt",
        "%2e%2e/conseil/confidentiel.txt",
        "~$verrou.docx",
        "absent.pdf",
    ):
        assert client.get(f"/publications/{path}").status_code == 404, path


def test_publications_share_unreachable_gives_a_french_message(stack, provisioned, tmp_path):
    territory, _ = provisioned
    settings = stack.settings.with_overrides(
        database__url=f"sqlite:///{tmp_path / 'p.db'}", webdav__port=free_port()
    )
    client = create_app(settings, territory, secrets_for(settings)).test_client()
    for path in ("/publications", "/publications/rapport.pdf"):
        response = client.get(path)
        assert response.status_code == 503
        assert "momentanément indisponibles" in text_of(response)
        assert "Traceback" not in text_of(response)
