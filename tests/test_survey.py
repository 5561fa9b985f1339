"""The survey of the mairies: the questionnaire file and its checks, skip rules, a mairie's form
saved and resumed behind its secret link, the one submission, the link's rights, results,
exports read back with real readers, reminders, the CLI, the demo; the announcements through
the real servers (SMTP, Synapse)."""

from __future__ import annotations

import asyncio
import csv
import datetime as dt
import io
import random
from dataclasses import replace

import pytest
from botutil import Member, eventually
from conftest import TERRITORY, csrf_token, log_in_staff, make_app, make_settings
from sqlalchemy import select, update
from test_childcare_digest import bot  # noqa: F401
from test_delivery import deliver_until, room_events
from test_mail import smtp_server, through

from collab import cli, db, migrations, outbox
from collab.models import room_id_of
from portal import communes
from portal.mail import QueuedMail, deliver_pending_mail
from portal.state import state
from portal.survey import campaigns as c
from portal.survey import demo as survey_demo
from portal.survey import questionnaire as q
from portal.survey.models import (
    IN_PROGRESS,
    SUBMITTED,
    SurveyCampaign,
    SurveyLink,
    SurveyQuestionnaire,
    SurveyResponse,
)

BAZUS, GARIDECH = "31049", "31212"
SECRETARY = "lucas.demo"  # made the secrétaire de mairie of Bazus for these tests
STAFF, NUMERIQUE_OFFICIAL, OTHER_OFFICIAL = "karine.fictive", "jules.exemple", "alice.exemple"


def with_secretary(territory):
    people = tuple(
        replace(p, commune=BAZUS) if p.localpart == SECRETARY else p for p in territory.people
    )
    return replace(territory, people=people)


TERRITORY_S = with_secretary(TERRITORY)


# --- the questionnaire file -------------------------------------------------------------------


def test_the_default_questionnaire_covers_the_topics_and_parses():
    questionnaire = q.load(q.default_path())
    ids = {s.id for s in questionnaire.sections}
    assert {
        "ordinateurs", "connexion", "messagerie", "site", "site_detail", "logiciels",
        "impression", "sauvegardes", "cybersecurite", "conformite", "competences",
        "mutualisation",
    } <= ids  # fmt: skip
    types = {question.type for question in questionnaire.questions()}
    assert types == set(q.TYPES)
    business = questionnaire.question("logiciels_metier")
    assert {"etat_civil", "urbanisme", "comptabilite", "paie", "elections"} <= dict(
        business.choices
    ).keys()
    # nothing in it names a territory
    text = q.default_text()
    assert "Girou" not in text
    assert not any(commune.name in text for commune in TERRITORY.communes)


BROKEN = """title = "Test"

[[sections]]
id = "a"
title = "A"

[[sections.questions]]
id = "nombre"
type = "number"
label = "Combien ?"
min = 10
max = 1

[[sections.questions]]
id = "couleur"
type = "colour"
label = "Couleur ?"

[[sections]]
id = "b"
title = "B"
skip_if = { question = "inconnue", equals = true }

[[sections.questions]]
id = "nombre"
type = "yesno"
label = "Encore ?"
"""


def test_mistakes_are_listed_with_file_line_and_key():
    with pytest.raises(q.QuestionnaireError) as caught:
        q.parse(BROKEN, "enquete.toml")
    found = [str(p) for p in caught.value.problems]
    assert "enquete.toml:11: sections[0].questions[0].min: min (10) is above max (1)" in found
    assert any(
        line.startswith("enquete.toml:16: sections[0].questions[1].type: unknown question type")
        for line in found
    ), found
    assert any(
        line.startswith("enquete.toml:22: sections[1].skip_if: points to no question")
        for line in found
    ), found
    assert "enquete.toml:25: sections[1].questions[0].id: duplicate question id 'nombre'" in found


def test_a_toml_syntax_error_names_its_line():
    with pytest.raises(q.QuestionnaireError) as caught:
        q.parse('title = "x"\n[[sections]\n', "f.toml")
    (problem,) = caught.value.problems
    assert problem.line == 2
    assert "invalid TOML" in str(problem)


def test_a_skip_rule_must_look_at_an_earlier_answer_of_a_value_it_can_have():
    text = q.default_text().replace(
        'skip_if = { question = "site_web", equals = false }',
        'skip_if = { question = "site_web", equals = "non" }',
    )
    with pytest.raises(q.QuestionnaireError, match="yes/no question: equals true or false"):
        q.parse(text)
    text = q.default_text().replace(
        'skip_if = { question = "type_connexion", equals = "aucune" }',
        'skip_if = { question = "remarques", equals = "aucune" }',
    )
    with pytest.raises(q.QuestionnaireError, match="points to no question before it"):
        q.parse(text)


def test_cli_init_and_check(tmp_path, capsys):
    path = tmp_path / "questionnaire.toml"
    assert cli.main(["survey", "init", "-o", str(path)]) == 0
    assert path.read_text(encoding="utf-8") == q.default_text()
    assert cli.main(["survey", "init", "-o", str(path)]) == 1  # exists
    assert cli.main(["survey", "check", str(path)]) == 0
    assert "ok (12 sections" in capsys.readouterr().out
    path.write_text(BROKEN, encoding="utf-8")
    assert cli.main(["survey", "check", str(path)]) == 1
    errors = capsys.readouterr().err.splitlines()
    assert len(errors) == 4
    assert all(line.startswith(f"{path}:") for line in errors)


# --- skip rules -------------------------------------------------------------------------------


def test_skip_rules_drop_a_question_and_a_whole_section():
    questionnaire = q.load(q.default_path())
    section = questionnaire.section("connexion")
    form = {
        "q-type_connexion": "aucune",
        "q-debit": "5000000",  # out of bounds, but the question is skipped: no error
        "q-satisfaction_connexion": "2",
    }
    values, errors = q.read_section(section, FormData(form), {})
    assert errors == {}
    assert "debit" not in values
    site_detail = questionnaire.section("site_detail")
    assert q.is_skipped(site_detail, None, {"site_web": False})
    assert not q.is_skipped(site_detail, None, {"site_web": True})
    kept = q.kept_answers(questionnaire, {"site_web": False, "site_gestion": "agent"})
    assert kept == {"site_web": False}
    # a multiple choice: the rule applies when the value is among the answers
    cyber = questionnaire.section("cybersecurite")
    detail = questionnaire.question("incident_detail")
    assert q.is_skipped(cyber, detail, {"incidents": ["aucun"]})
    assert not q.is_skipped(cyber, detail, {"incidents": ["hameconnage"]})


class FormData(dict):
    """A form as werkzeug hands it over (get / getlist)."""

    def getlist(self, name):
        value = self.get(name)
        return [] if value is None else value if isinstance(value, list) else [value]


# --- a campaign on the portal -----------------------------------------------------------------


@pytest.fixture
def site(tmp_path):
    """The portal on a database made by the migrations (the CLI commands check it is)."""
    settings = make_settings(tmp_path)
    engine = db.make_engine(settings.database_url)
    migrations.upgrade(engine)
    engine.dispose()
    app = make_app(settings, TERRITORY_S)
    communes.load_demo(settings, state(app).sessions, TERRITORY_S)  # the mairies' addresses
    return app


def sessions_of(app):
    return state(app).sessions


def create(app, *, opens=None, closes=None, title="Enquête test") -> int:
    ext = state(app)
    today = c.today(ext.settings)
    with ext.sessions.begin() as db:
        version = c.ensure_questionnaire(db)
        campaign = c.create_campaign(
            db,
            title=title,
            questionnaire_id=version.id,
            opens_on=opens or today,
            closes_on=closes or today + dt.timedelta(days=20),
            by="test",
            settings=ext.settings,
            territory=ext.territory,
        )
        return campaign.id


def token_of(app, campaign_id: int, insee: str) -> str:
    with sessions_of(app)() as db:
        return c.active_link(db, campaign_id, insee).token


def response(app, campaign_id: int, insee: str) -> SurveyResponse | None:
    with sessions_of(app)() as db:
        return c.response_of(db, campaign_id, insee)


def mairie_csrf(client) -> str:
    """The CSRF token of the mairie's browser session (the form pages carry the same)."""
    with client.session_transaction() as session:
        session.setdefault("csrf_token", "jeton-mairie")
        return session["csrf_token"]


def post_section(client, token: str, section: str, data: dict):
    csrf = csrf_token(client, f"/enquete/{token}/{section}")
    return client.post(f"/enquete/{token}/{section}", data={"csrf_token": csrf, **data})


def fill_everything(client, token: str) -> None:
    """Answer every section of the default questionnaire as a small mairie would."""
    answers = {
        "ordinateurs": {
            "q-nb_ordinateurs": "3", "q-age_moyen": "de_3_a_5",
            "q-systemes": ["windows11", "windows10"],
            "q-parc-0-usage": "Secrétariat", "q-parc-0-age": "4", "q-parc-0-systeme": "windows10",
        },
        "connexion": {"q-type_connexion": "fibre", "q-debit": "300",
                      "q-satisfaction_connexion": "4"},
        "messagerie": {"q-domaine_propre": "oui", "q-messagerie": "domaine"},
        "site": {"q-site_web": "non"},
        "logiciels": {"q-bureautique": "libreoffice", "q-logiciels_metier": ["etat_civil"],
                      "q-editeur": "Éditeur confidentiel"},
        "impression": {"q-nb_imprimantes": "1", "q-scanner": "oui"},
        "sauvegardes": {"q-sauvegarde": "disque", "q-plan_continuite": "non"},
        "cybersecurite": {"q-referent_securite": "non", "q-sensibilisation": "non",
                          "q-incidents": ["hameconnage"],
                          "q-incident_detail": "Texte libre très confidentiel"},
        "conformite": {"q-dpo": "mutualise", "q-registre_traitements": "oui"},
        "competences": {"q-aisance": "3"},
        "mutualisation": {"q-services_souhaites": ["sauvegarde", "dpo"]},
    }  # fmt: skip
    for section, data in answers.items():
        answer = post_section(client, token, section, data)
        assert answer.status_code == 303, (section, answer.get_data(as_text=True)[-3000:])


def test_a_number_out_of_bounds_is_explained_and_changes_nothing(site):
    campaign = create(site)
    token = token_of(site, campaign, BAZUS)
    client = site.test_client()
    assert post_section(client, token, "ordinateurs", {
        "q-nb_ordinateurs": "3", "q-age_moyen": "moins_3", "q-systemes": "linux"}
    ).status_code == 303  # fmt: skip
    before = response(site, campaign, BAZUS).answers
    answer = post_section(client, token, "ordinateurs", {
        "q-nb_ordinateurs": "500", "q-age_moyen": "plus_8", "q-systemes": "macos"}
    )  # fmt: skip
    assert answer.status_code == 400
    page = answer.get_data(as_text=True)
    assert "Le nombre doit être au plus 200 postes." in page
    assert 'value="500"' in page  # what was typed is shown again
    assert response(site, campaign, BAZUS).answers == before
    missing = post_section(client, token, "ordinateurs", {"q-nb_ordinateurs": "2"})
    assert missing.status_code == 400
    assert "une réponse est requise" in missing.get_data(as_text=True)
    assert response(site, campaign, BAZUS).answers == before


def test_answers_are_saved_per_section_and_resumed_on_another_device(site):
    campaign = create(site)
    token = token_of(site, campaign, BAZUS)
    first = site.test_client()
    answer = post_section(first, token, "connexion", {
        "q-type_connexion": "adsl", "q-debit": "12,5", "q-satisfaction_connexion": "2",
        "q-batiments-0-batiment": "École", "q-batiments-0-connexion": "adsl",
        "q-batiments-0-wifi_public": "non", "suite": "suivante"}
    )  # fmt: skip
    assert answer.status_code == 303
    assert answer.headers["Location"].endswith(f"/enquete/{token}/messagerie")
    other = site.test_client()  # no cookie of the first: only the link
    page = other.get(f"/enquete/{token}/connexion").get_data(as_text=True)
    assert 'value="adsl" checked' in page
    assert 'value="12,5"' in page
    assert 'value="École"' in page
    home = other.get(f"/enquete/{token}").get_data(as_text=True)
    assert 'Connexion à internet</a>\n    — <span class="survey-status">complète' in home
    saved = response(site, campaign, BAZUS)
    assert saved.status == IN_PROGRESS
    assert saved.answers["debit"] == 12.5 or saved.answers["debit"] == pytest.approx(12.5)
    assert saved.answers["batiments"] == [
        {"batiment": "École", "connexion": "adsl", "debit": None, "wifi_public": False}
    ]


def test_a_submission_is_all_or_nothing_then_announced_and_final(site):
    campaign = create(site)
    token = token_of(site, campaign, BAZUS)
    client = site.test_client()
    post_section(client, token, "site", {"q-site_web": "non"})
    csrf = mairie_csrf(client)
    refused = client.post(f"/enquete/{token}/envoyer", data={"csrf_token": csrf})
    assert refused.status_code == 400
    assert "Des sections restent à compléter" in refused.get_data(as_text=True)
    assert response(site, campaign, BAZUS).status == IN_PROGRESS
    with sessions_of(site)() as db:
        kinds = list(db.scalars(select(outbox.OutboxMessage.kind)))
    assert c.SUBMITTED_KIND not in kinds

    fill_everything(client, token)
    home = client.get(f"/enquete/{token}").get_data(as_text=True)
    assert "Votre site internet</a>" not in home  # skipped (no website): not to fill
    assert "Envoyer mes réponses" in home
    csrf = mairie_csrf(client)
    assert client.post(f"/enquete/{token}/envoyer", data={"csrf_token": csrf}).status_code == 303
    saved = response(site, campaign, BAZUS)
    assert saved.status == SUBMITTED
    assert "site_gestion" not in saved.answers
    with sessions_of(site)() as db:
        (notice,) = db.scalars(
            select(outbox.OutboxMessage).where(outbox.OutboxMessage.kind == c.SUBMITTED_KIND)
        ).all()
    assert notice.room_key == "instance:numerique"
    assert notice.payload["commune"] == "Bazus"
    assert notice.payload["answered"] == 1
    # sent: neither a section nor a second submission changes it
    again = client.post(f"/enquete/{token}/envoyer", data={"csrf_token": csrf})
    assert again.status_code == 400
    late = client.post(
        f"/enquete/{token}/impression",
        data={"csrf_token": csrf, "q-nb_imprimantes": "9", "q-scanner": "non"},
    )
    assert late.status_code == 400
    assert response(site, campaign, BAZUS).answers == saved.answers

    # staff reopen it; the mairie changes an answer and sends again (announced again)
    staff = site.test_client()
    staff_csrf = log_in_staff(staff, STAFF)
    reopened = staff.post(
        f"/gestion/enquetes/{campaign}/communes/{BAZUS}/rouvrir", data={"csrf_token": staff_csrf}
    )
    assert reopened.status_code == 303
    assert response(site, campaign, BAZUS).status == IN_PROGRESS
    assert post_section(client, token, "impression", {
        "q-nb_imprimantes": "2", "q-scanner": "oui"}).status_code == 303  # fmt: skip
    csrf = mairie_csrf(client)
    assert client.post(f"/enquete/{token}/envoyer", data={"csrf_token": csrf}).status_code == 303
    final = response(site, campaign, BAZUS)
    assert (final.status, final.answers["nb_imprimantes"]) == (SUBMITTED, 2)
    with sessions_of(site)() as db:
        notices = db.scalars(
            select(outbox.OutboxMessage).where(outbox.OutboxMessage.kind == c.SUBMITTED_KIND)
        ).all()
    assert [n.payload["again"] for n in notices] == [False, True]


def test_a_link_opens_its_own_mairie_only_and_can_be_revoked_and_reissued(site):
    campaign = create(site)
    bazus, garidech = token_of(site, campaign, BAZUS), token_of(site, campaign, GARIDECH)
    client = site.test_client()
    fill = post_section(client, bazus, "site", {"q-site_web": "oui"})
    assert fill.status_code == 303
    page = client.get(f"/enquete/{garidech}").get_data(as_text=True)
    assert "mairie de Garidech" in page
    assert "Sections" in page
    assert response(site, campaign, GARIDECH) is None  # nothing of Bazus's shows there
    assert client.get(f"/enquete/{bazus[:-1]}x").status_code == 404
    assert client.get("/enquete/court").status_code == 404

    staff = site.test_client()
    csrf = log_in_staff(staff, STAFF)
    before = mails(site)
    staff.post(f"/gestion/enquetes/{campaign}/communes/{BAZUS}/revoquer", data={"csrf_token": csrf})
    assert client.get(f"/enquete/{bazus}").status_code == 404
    staff.post(
        f"/gestion/enquetes/{campaign}/communes/{BAZUS}/nouveau-lien", data={"csrf_token": csrf}
    )
    new = token_of(site, campaign, BAZUS)
    assert new != bazus
    assert client.get(f"/enquete/{bazus}").status_code == 404
    resumed = client.get(f"/enquete/{new}/site").get_data(as_text=True)
    assert 'value="oui" checked' in resumed  # the answers belong to the mairie, not the link
    sent = mails(site)[len(before) :]
    assert [m.recipient for m in sent] == ["accueil@mairie-bazus.example"]
    assert new in sent[0].body

    # closed: every link expires; not open yet: not usable either
    with sessions_of(site).begin() as db:
        db.execute(
            update(SurveyCampaign)
            .where(SurveyCampaign.id == campaign)
            .values(closes_on=c.today(state(site).settings) - dt.timedelta(days=1),
                    opens_on=c.today(state(site).settings) - dt.timedelta(days=10))
        )  # fmt: skip
    closed = client.get(f"/enquete/{new}")
    assert closed.status_code == 410
    assert "est close depuis" in closed.get_data(as_text=True)
    later = create(site, opens=c.today(state(site).settings) + dt.timedelta(days=3))
    assert client.get(f"/enquete/{token_of(site, later, BAZUS)}").status_code == 403


def mails(app) -> list[QueuedMail]:
    with sessions_of(app)() as db:
        return list(db.scalars(select(QueuedMail).order_by(QueuedMail.id)))


def test_staff_create_a_campaign_each_mairie_gets_its_link_and_the_version_freezes(site):
    client = site.test_client()
    csrf = log_in_staff(client, STAFF)
    page = client.get("/gestion/enquetes").get_data(as_text=True)
    assert "Nouvelle campagne" in page
    with sessions_of(site)() as db:
        version = c.latest_version(db)
    today = c.today(state(site).settings)
    bad = client.post(
        "/gestion/enquetes",
        data={
            "csrf_token": csrf,
            "titre": "2027",
            "version": version.id,
            "ouverture": today.isoformat(),
            "cloture": (today - dt.timedelta(days=3)).isoformat(),
        },
    )
    assert bad.status_code == 400
    assert "La clôture doit suivre l’ouverture." in bad.get_data(as_text=True)
    answer = client.post(
        "/gestion/enquetes",
        data={
            "csrf_token": csrf,
            "titre": "Équipement 2027",
            "version": version.id,
            "ouverture": today.isoformat(),
            "cloture": (today + dt.timedelta(days=30)).isoformat(),
        },
    )
    assert answer.status_code == 303  # fmt: skip
    sent = mails(site)
    assert len(sent) == len(TERRITORY.communes)
    assert {m.recipient for m in sent} == {
        f"accueil@mairie-{slug}.example"
        for slug in (communes.commune_slug(x) for x in TERRITORY.communes)
    }
    with sessions_of(site)() as db:
        assert db.get(SurveyQuestionnaire, version.id).frozen_at is not None
        links = db.scalars(select(SurveyLink)).all()
        direct = db.scalars(
            select(outbox.OutboxMessage).where(outbox.OutboxMessage.kind == c.INVITATION_KIND)
        ).all()
    assert len({link.token for link in links}) == len(TERRITORY.communes)
    assert [(d.room_key, d.payload["commune"]) for d in direct] == [
        (f"direct:{SECRETARY}", "Bazus")
    ]
    # a frozen version is not edited: saving starts the next one
    text = q.default_text().replace('title = "Équipement numérique des mairies"', 'title = "V2"')
    editor_csrf = csrf_token(client, "/gestion/enquetes/questionnaire")
    saved = client.post(
        "/gestion/enquetes/questionnaire", data={"csrf_token": editor_csrf, "questionnaire": text}
    )
    assert saved.status_code == 303
    with sessions_of(site)() as db:
        versions = [
            (v.version, v.title)
            for v in db.scalars(select(SurveyQuestionnaire).order_by(SurveyQuestionnaire.version))
        ]
    assert versions == [(1, "Équipement numérique des mairies"), (2, "V2")]


def test_the_editor_refuses_a_broken_questionnaire_and_keeps_the_draft(site):
    client = site.test_client()
    log_in_staff(client, STAFF)
    csrf = csrf_token(client, "/gestion/enquetes/questionnaire")
    with sessions_of(site)() as db:
        before = c.latest_version(db).source
    broken = before.replace('type = "scale"', 'type = "echelle"', 1)
    answer = client.post(
        "/gestion/enquetes/questionnaire", data={"csrf_token": csrf, "questionnaire": broken}
    )
    assert answer.status_code == 400
    page = answer.get_data(as_text=True)
    assert "rien n’a été enregistré" in page
    assert "unknown question type &#39;echelle&#39;" in page
    with sessions_of(site)() as db:
        assert c.latest_version(db).source == before
    # officials of the Numérique instance see the results, not the editor
    official = site.test_client()
    log_in_staff(official, NUMERIQUE_OFFICIAL)
    assert official.get("/gestion/enquetes/questionnaire").status_code == 403


def test_results_are_for_staff_and_numerique_officials_and_quote_no_free_text(site):
    campaign = create(site)
    token = token_of(site, campaign, BAZUS)
    mairie = site.test_client()
    fill_everything(mairie, token)
    csrf = mairie_csrf(mairie)
    mairie.post(f"/enquete/{token}/envoyer", data={"csrf_token": csrf})
    results_path = f"/gestion/enquetes/{campaign}/resultats"
    anonymous = site.test_client().get(results_path)
    assert anonymous.status_code == 302
    assert "/connexion" in anonymous.headers["Location"]
    other = site.test_client()
    log_in_staff(other, OTHER_OFFICIAL)  # president, not in the Numérique instance
    assert other.get(results_path).status_code == 403
    assert other.get(f"/gestion/enquetes/{campaign}/reponses.csv").status_code == 403
    official = site.test_client()
    log_in_staff(official, NUMERIQUE_OFFICIAL)
    page = official.get(results_path).get_data(as_text=True)
    assert "Taux de réponse : <strong>1 mairie sur 18</strong> (6 %)" in page
    assert "Texte libre très confidentiel" not in page
    assert "Éditeur confidentiel" not in page
    assert '<svg class="survey-chart"' in page
    assert "<caption>Chiffres : Type de connexion de la mairie</caption>" in page
    report = official.get(f"/gestion/enquetes/{campaign}/rapport.pdf")
    assert report.data.startswith(b"%PDF")
    assert b"confidentiel" not in report.data
    assert b"Taux de r\xe9ponse : 1 mairie sur 18 \\(6 %\\)" in report.data
    # the answers of one mairie, free text included, for those who may see them
    answers = official.get(f"/gestion/enquetes/{campaign}/communes/{BAZUS}")
    assert "Texte libre très confidentiel" in answers.get_data(as_text=True)
    # and no answer leaves through a public page
    public = site.test_client()
    for path in ("/", "/communes/bazus"):
        assert "confidentiel" not in public.get(path).get_data(as_text=True)
    assert "« confidentiel » : 0 résultat" in public.get("/recherche?q=confidentiel").get_data(
        as_text=True
    )


def test_exports_read_back_with_real_readers(site, tmp_path, monkeypatch, capsys):
    pyexcel_ods3 = pytest.importorskip("pyexcel_ods3")
    campaign = create(site)
    token = token_of(site, campaign, BAZUS)
    mairie = site.test_client()
    fill_everything(mairie, token)
    csrf = mairie_csrf(mairie)
    mairie.post(f"/enquete/{token}/envoyer", data={"csrf_token": csrf})
    post_section(site.test_client(), token_of(site, campaign, GARIDECH), "site", {
        "q-site_web": "oui"})  # fmt: skip
    staff = site.test_client()
    log_in_staff(staff, STAFF)
    questions = [x.id for x in q.load(q.default_path()).questions()]

    data = staff.get(f"/gestion/enquetes/{campaign}/reponses.csv").data
    assert data.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["code_insee", "commune", "statut", *questions]
    assert len(rows) == 1 + len(TERRITORY.communes)
    by_insee = {row[0]: dict(zip(rows[0], row, strict=True)) for row in rows[1:]}
    assert by_insee[BAZUS]["statut"] == "répondu"
    assert by_insee[BAZUS]["nb_ordinateurs"] == "3"
    assert by_insee[BAZUS]["systemes"] == "Windows 11; Windows 10"
    assert by_insee[BAZUS]["site_web"] == "non"
    assert by_insee[GARIDECH]["statut"] == "en cours"
    assert by_insee["31573"]["statut"] == "pas commencé"

    ods = staff.get(f"/gestion/enquetes/{campaign}/reponses.ods")
    assert ods.mimetype == "application/vnd.oasis.opendocument.spreadsheet"
    path = tmp_path / "reponses.ods"
    path.write_bytes(ods.data)
    sheet = next(iter(pyexcel_ods3.get_data(str(path)).values()))
    assert sheet[0] == rows[0]
    ods_rows = {row[0]: row for row in sheet[1:]}
    assert len(ods_rows) == len(TERRITORY.communes)
    bazus = dict(zip(sheet[0], ods_rows[BAZUS], strict=False))
    assert bazus["nb_ordinateurs"] == 3  # a number cell, not text
    assert bazus["commune"] == "Bazus"
    assert bazus["age_moyen"] == "De 3 à 5 ans"

    # the command line writes the same files, and lists the campaign
    monkeypatch.setenv("GIROU_HOME", str(state(site).settings.home))
    monkeypatch.setenv("GIROU_GIROU_TERRITORY", str(state(site).settings.home / "t.toml"))
    monkeypatch.setattr(cli, "load_settings", lambda: state(site).settings)
    monkeypatch.setattr(cli, "load_territory", lambda settings: TERRITORY_S)
    out = tmp_path / "cli.csv"
    assert cli.main(["survey", "export", str(campaign), "--format", "csv", "-o", str(out)]) == 0
    assert out.read_bytes() == data
    assert cli.main(["survey", "export", "999", "--format", "ods"]) == 2
    capsys.readouterr()
    assert cli.main(["survey", "list"]) == 0
    assert capsys.readouterr().out == f"{campaign}\tEnquête test\touverte\t1/18\n"


def test_reminders_a_week_and_a_day_before_the_close_once_each(site):
    ext = state(site)
    today = c.today(ext.settings)
    campaign = create(site, opens=today - dt.timedelta(days=20), closes=today + dt.timedelta(7))
    token = token_of(site, campaign, BAZUS)
    mairie = site.test_client()
    fill_everything(mairie, token)
    mairie.post(f"/enquete/{token}/envoyer", data={"csrf_token": mairie_csrf(mairie)})
    start = len(mails(site))

    def remind(on: dt.date) -> int:
        with ext.sessions.begin() as db:
            return c.send_reminders(db, on=on, settings=ext.settings, territory=ext.territory)

    assert remind(today - dt.timedelta(days=1)) == 0  # 8 days before: nothing yet
    assert remind(today) == len(TERRITORY.communes) - 1  # J-7, Bazus has answered
    assert remind(today) == 0
    assert remind(today + dt.timedelta(days=3)) == 0  # J-7 already sent
    assert remind(today + dt.timedelta(days=6)) == len(TERRITORY.communes) - 1  # J-1
    assert remind(today + dt.timedelta(days=7)) == 0
    assert remind(today + dt.timedelta(days=8)) == 0  # closed
    sent = mails(site)[start:]
    assert len(sent) == 2 * (len(TERRITORY.communes) - 1)
    assert all(m.subject.startswith("Rappel :") for m in sent)
    assert "accueil@mairie-bazus.example" not in {m.recipient for m in sent}
    with ext.sessions() as db:
        rows = db.scalars(
            select(outbox.OutboxMessage).where(outbox.OutboxMessage.kind == c.REMINDER_KIND)
        ).all()
    assert rows == []  # Bazus's secretary: Bazus has answered


def test_demo_last_year_closed_this_year_open_and_loaded_once(site):
    ext = state(site)
    first = survey_demo.load_demo(ext.settings, ext.sessions, ext.territory)
    assert "12 answered, 2 in progress" in first
    with ext.sessions() as db:
        listed = c.list_campaigns(db)
        statuses = [c.status_of(x, c.today(ext.settings)) for x, _ in listed]
        answered = [n for _, n in listed]
        in_progress = db.scalars(
            select(SurveyResponse).where(SurveyResponse.status == IN_PROGRESS)
        ).all()
        last_year = c.response_of(db, listed[1][0].id, BAZUS).answers
        this_year = c.response_of(db, listed[0][0].id, BAZUS).answers
    assert statuses == ["ouverte", "close"]
    assert answered == [12, 18]
    assert len(in_progress) == 2
    assert last_year != this_year
    assert survey_demo.load_demo(ext.settings, ext.sessions, ext.territory).endswith("there")
    with ext.sessions() as db:
        assert len(c.list_campaigns(db)) == 2
    client = site.test_client()
    log_in_staff(client, STAFF)
    page = client.get(f"/gestion/enquetes/{listed[0][0].id}/resultats?comparer={listed[1][0].id}")
    assert page.status_code == 200
    assert "Comparaison avec" in page.get_data(as_text=True)


# --- through the real servers -----------------------------------------------------------------


def test_mails_links_and_announcements_through_smtp_and_synapse(
    stack,
    provisioned,
    sessions,
    bot,  # noqa: F811
    tmp_path,
):
    territory = with_secretary(provisioned[0])
    passwords = provisioned[1]
    settings = stack.settings
    communes.load_demo(settings, sessions, territory)
    today = c.today(settings)
    with sessions.begin() as db:
        version = c.ensure_questionnaire(db)
        campaign = c.create_campaign(
            db,
            title=f"Enquête réelle {tmp_path.name}",
            questionnaire_id=version.id,
            opens_on=today,
            closes_on=today + dt.timedelta(days=10),
            by="test",
            settings=settings,
            territory=territory,
        )
        campaign_id = campaign.id
        link = c.active_link(db, campaign_id, BAZUS)
        token = link.token
        access = c.open_link(db, token, on=today, territory=territory)
        questionnaire = c.questionnaire_of(db, campaign)
        answers = survey_demo.plausible_answers(
            questionnaire, territory.commune(BAZUS), 1, random.Random(1)
        )
        db.add(
            SurveyResponse(
                campaign_id=campaign_id,
                insee=BAZUS,
                status=IN_PROGRESS,
                answers=answers,
                sections_done=[s.id for s in questionnaire.sections],
            )
        )
        db.flush()
        access = c.open_link(db, token, on=today, territory=territory)
        c.submit(db, access, settings=settings, territory=territory)

    # the mails leave through a real SMTP conversation
    with smtp_server() as server:
        deliver_pending_mail(sessions, settings.with_overrides(**through(server)), limit=1000)
        to_bazus = [m for m in server.received if m["To"] == "accueil@mairie-bazus.example"]
    assert to_bazus, [m["To"] for m in server.received]
    assert token in to_bazus[-1].get_content()

    # the announcement in the Numérique room and the secretary's direct chat, through Synapse
    source_prefix = f"survey-submitted:{campaign_id}:{BAZUS}:"

    def delivered() -> bool:
        with sessions() as db:
            rows = db.scalars(
                select(outbox.OutboxMessage).where(
                    outbox.OutboxMessage.kind.in_([c.SUBMITTED_KIND, c.INVITATION_KIND]),
                    outbox.OutboxMessage.source_id.like(f"%:{link.id}:%")
                    | outbox.OutboxMessage.source_id.startswith(source_prefix),
                )
            ).all()
        return len(rows) == 2 and all(row.status == outbox.SENT for row in rows)

    asyncio.run(deliver_until(settings, stack.secrets, sessions, delivered, 90))
    with sessions() as db:
        numerique = room_id_of(db, "instance:numerique")
        direct = room_id_of(db, f"direct:{SECRETARY}")
    texts = [event["body"] for event in room_events(bot, numerique, source_prefix[:-1])]
    assert len(texts) == 1
    assert "la mairie de Bazus a envoyé ses réponses" in texts[0]
    assert direct is not None
    secretary = Member(stack, SECRETARY, passwords[SECRETARY])
    try:
        eventually(
            lambda: (
                direct
                in secretary.call("GET", "/sync", params={"timeout": 0})["rooms"].get("invite", {})
            ),
            "the secretary is invited to the direct chat",
        )
        secretary.join(direct)
        messages = secretary.call(
            "GET", f"/rooms/{direct}/messages", params={"dir": "b", "limit": 20}
        )["chunk"]
        bodies = [e["content"].get("body", "") for e in messages if e["type"] == "m.room.message"]
        assert any(token in body and "mairie de Bazus" in body for body in bodies), bodies
    finally:
        secretary.close()


def test_histograms_have_round_bins_that_count_every_value():
    from portal.survey.results import _histogram

    values = [0, 3, 3, 7, 12, 12.5, 40, 199]
    bins = _histogram(values, "postes")
    assert sum(b.value for b in bins) == len(values)
    assert [b.label for b in bins] == ["0 à 100 postes", "100 à 200 postes"]
    assert bins[-1].value == 1  # the largest value is in the last bin
    assert [(b.label, b.value) for b in _histogram([4, 4], "")] == [("4", 2)]
