"""Séances on the portal's database (SQLite): prepare, send (outbox rows, mails with the PDF
and the .ics), answer, amend, cancel; the proof log verifies and detects a tampered entry;
each bad input gets its French message and changes nothing; the back-office and answer pages;
the demo loads once."""

from __future__ import annotations

import dataclasses
import datetime as dt
import email
import subprocess
import sys

import pytest
from conftest import ROOT, TERRITORY, log_in_staff, make_app, make_settings
from sqlalchemy import func, select, text

from collab import db, migrations
from collab.feature import HomeRequest
from collab.outbox import OutboxMessage
from collab.territory import Person
from portal.mail import MailAttachment, QueuedMail, _attachments_of, _message
from portal.seances import demo, home, proof, service
from portal.seances.models import (
    ABSENT,
    PRESENT,
    PROXY,
    REMOTE,
    SUBSTITUTE,
    VIA_CHAT,
    ProofEntry,
    Recipient,
    Seance,
)
from portal.seances.rules import SeanceError
from portal.state import state

CONSEIL = [p.localpart for p in TERRITORY.members("conseil")]


@pytest.fixture
def portal(tmp_path):
    """The portal on a database at head (migrated: `girou seances verify` runs on it too)."""
    settings = make_settings(tmp_path)
    engine = db.make_engine(settings.database_url)
    migrations.upgrade(engine)
    engine.dispose()
    app = make_app(settings)
    return app, state(app)


def in_days(days: int, hour: int = 18) -> dt.datetime:
    today = dt.date.today()
    return dt.datetime.combine(today + dt.timedelta(days=days), dt.time(hour, 30))


def new_seance(s, st, instance="conseil", days=12, items=2, **kw) -> Seance:
    seance = service.create_seance(
        s,
        st.territory,
        instance_key=instance,
        starts_at=in_days(days),
        place="Siège",
        tz=st.timezone,
        **kw,
    )
    for n in range(items):
        service.add_item(s, st.territory, seance, title=f"Point {n + 1}", note=f"Note {n + 1}")
    return seance


def snapshot(s) -> dict:
    """Everything a refused action must leave as it was."""
    return {
        table: s.scalar(select(func.count()).select_from(model))
        for table, model in (
            ("outbox", OutboxMessage),
            ("mail", QueuedMail),
            ("log", ProofEntry),
            ("recipients", Recipient),
            ("seances", Seance),
        )
    } | {"versions": sorted(s.scalars(select(Seance.version)))}


def test_sending_reaches_everyone_through_the_outbox_and_the_mail_queue(portal):
    _app, st = portal
    with st.sessions.begin() as s:
        seance = new_seance(s, st)
        sending = service.send(s, st.settings, st.territory, seance, actor="karine.fictive")
        seance_id = seance.id
    informed = [p.localpart for p in TERRITORY.people if p.role in service.INFORMED_ROLES]
    assert informed == ["pauline.fictive"]
    assert sending.recipients == len(CONSEIL) + len(informed)
    with st.sessions() as s:
        rows = s.scalars(select(OutboxMessage).order_by(OutboxMessage.id)).all()
        convocations = [r for r in rows if r.kind == service.CONVOCATION_KIND]
        assert sorted(r.payload["member"] for r in convocations) == sorted(CONSEIL)
        assert all(r.room_key == "instance:conseil" for r in rows)
        assert [r.kind for r in rows].count(service.NOTICE_KIND) == 1
        mails = s.scalars(select(QueuedMail)).all()
        with_address = [
            p
            for p in TERRITORY.people
            if p.email and (p.localpart in CONSEIL or p.localpart in informed)
        ]
        assert sorted(m.recipient for m in mails) == sorted(p.email for p in with_address)
        informed_mail = next(m for m in mails if m.recipient.startswith("pauline"))
        assert "Pour information" in informed_mail.subject
        pending = s.execute(select(QueuedMail.__table__)).all()
        attached = _attachments_of(s, pending)
        message = _message(st.settings, pending[0], attached[pending[0].id])
    parsed = email.message_from_bytes(message.as_bytes())
    parts = {p.get_content_type(): p for p in parsed.walk()}
    assert parts["application/pdf"].get_payload(decode=True).startswith(b"%PDF-")
    ics = parts["text/calendar"].get_payload(decode=True).decode()
    for line in ("METHOD:REQUEST", "BEGIN:VTIMEZONE", "ATTENDEE"):
        assert line in ics
    with st.sessions() as s:
        assert proof.verify(s, seance_id).ok


def test_the_proof_log_detects_a_tampered_entry(portal, tmp_path):
    _app, st = portal
    with st.sessions.begin() as s:
        seance = new_seance(s, st)
        service.send(s, st.settings, st.territory, seance, actor="karine.fictive")
        service.answer(s, st.territory, seance, CONSEIL[1], PRESENT, via=VIA_CHAT)
        seance_id = seance.id
    home = st.settings.home
    verify = [sys.executable, "-m", "collab.cli", "seances", "verify", str(seance_id)]
    env = {"GIROU_HOME": str(home), "PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}
    ok = subprocess.run(verify, capture_output=True, text=True, env=env, cwd=ROOT)
    assert ok.returncode == 0, ok.stderr
    assert "2 entries, the chain is intact" in ok.stdout
    with st.sessions() as s:
        entry = s.scalars(select(ProofEntry)).first()
        entry.actor = "someone else"
        with pytest.raises(ValueError, match="append-only"):
            s.flush()
    # Changed behind the application's back: the chain says so.
    engine = db.make_engine(st.settings.database_url)
    with engine.begin() as connection:
        connection.execute(text("UPDATE seance_proof_log SET actor = 'x' WHERE sequence = 1"))
    engine.dispose()
    broken = subprocess.run(verify, capture_output=True, text=True, env=env, cwd=ROOT)
    assert broken.returncode == 1
    assert "entry 1 (sent): its content was changed" in broken.stdout
    missing = subprocess.run(
        verify[:-1] + ["999"], capture_output=True, text=True, env=env, cwd=ROOT
    )
    assert missing.returncode == 2


# Lavalette has one seat (Jules Exemple's): its suppléante sits when he cannot.
SUPPLEANTE = Person("olivia.demo", "Olivia Démo", "31285", "suppleant", ())


def test_answers_quorum_and_proxies(portal):
    _app, st = portal
    t = dataclasses.replace(st.territory, people=(*st.territory.people, SUPPLEANTE))
    with st.sessions.begin() as s:
        seance = new_seance(s, st)
        service.send(s, st.settings, t, seance, actor="karine.fictive")
        for lp in CONSEIL[:5]:
            service.answer(s, t, seance, lp, PRESENT, via=VIA_CHAT)
        assert not service.quorum_of(t, seance).reached
        done = service.answer(s, t, seance, CONSEIL[5], PROXY, via=VIA_CHAT, proxy_to=CONSEIL[0])
        assert "pouvoir donné à" in done.text
        assert not service.quorum_of(t, seance).reached  # a proxy does not count
        with pytest.raises(SeanceError, match="détient déjà un pouvoir"):
            service.answer(s, t, seance, CONSEIL[6], PROXY, via=VIA_CHAT, proxy_to=CONSEIL[0])
        with pytest.raises(SeanceError, match="détenez le pouvoir"):
            service.answer(s, t, seance, CONSEIL[0], ABSENT, via=VIA_CHAT)
        service.answer(s, t, seance, CONSEIL[6], PRESENT, via=VIA_CHAT)
        assert service.quorum_of(t, seance).reached
        with pytest.raises(SeanceError, match="à distance n’est pas ouverte"):
            service.answer(s, t, seance, CONSEIL[7], REMOTE, via=VIA_CHAT)
        two_seats = dataclasses.replace(  # Emma Fictive elected in Lavalette too
            t,
            people=tuple(
                dataclasses.replace(p, commune="31285") if p.localpart == "emma.fictive" else p
                for p in t.people
            ),
        )
        with pytest.raises(SeanceError, match="qu’un siège"):
            service.answer(s, two_seats, seance, "jules.exemple", SUBSTITUTE, via=VIA_CHAT)
        with pytest.raises(SeanceError, match="Aucun suppléant"):  # the file names none
            service.answer(s, st.territory, seance, "jules.exemple", SUBSTITUTE, via=VIA_CHAT)
        sub = service.answer(s, t, seance, "jules.exemple", SUBSTITUTE, via=VIA_CHAT)
        assert "Olivia Démo" in sub.text
        upcoming = service.upcoming_for(s, CONSEIL[0], t)
        assert upcoming[0].seance_id == seance.id
        assert any("pouvoir de" in ask for ask in upcoming[0].asks)
        assert "réponse attendue" in service.upcoming_for(s, CONSEIL[8], t)[0].asks
        assert service.upcoming_for(s, "pauline.fictive", t)[0].answer is None


def test_the_officials_home_panel(portal):
    _app, st = portal
    t = st.territory
    with st.sessions.begin() as s:
        seance = new_seance(s, st)
        service.send(s, st.settings, t, seance, actor="karine.fictive")
        service.answer(s, t, seance, CONSEIL[5], PROXY, via=VIA_CHAT, proxy_to=CONSEIL[0])

    def panel(localpart: str):
        request = HomeRequest(
            person=t.person(localpart),
            territory=t,
            settings=st.settings,
            now=dt.datetime.now(dt.UTC).replace(tzinfo=None),
            base_url="https://portail",
        )
        with st.sessions() as s:
            return home.home_panels(s, request)

    [mine] = panel(CONSEIL[0])
    assert (mine.key, mine.title, mine.order) == ("seances", "Mes prochaines séances", 10)
    [item] = mine.items
    assert item.text == "Conseil communautaire"
    assert item.url.startswith("https://portail/seances/reponse/")
    assert "réponse attendue" in item.detail
    assert f"vous détenez le pouvoir de {t.person(CONSEIL[5]).name}" in item.detail
    [given] = panel(CONSEIL[5])[0].items
    assert "votre réponse : pouvoir donné à" in given.detail
    assert "réponse attendue" not in given.detail
    assert panel("karine.fictive") == []  # staff: the back-office


def test_a_fourth_consecutive_proxy_is_refused(portal):
    _app, st = portal
    t = st.territory
    giver, holder = CONSEIL[3], CONSEIL[4]
    with st.sessions.begin() as s:
        for n in range(4):
            seance = new_seance(s, st, days=10 + n)
            service.send(s, st.settings, t, seance, actor="karine.fictive")
            if n < 3:
                service.answer(s, t, seance, giver, PROXY, via=VIA_CHAT, proxy_to=holder)
        with pytest.raises(SeanceError, match="3 séances consécutives"):
            service.answer(s, t, seance, giver, PROXY, via=VIA_CHAT, proxy_to=holder)


def test_bad_input_changes_nothing(portal):
    _app, st = portal
    t = st.territory
    with st.sessions.begin() as s:
        draft = new_seance(s, st, days=12)
        empty = new_seance(s, st, days=13, items=0)
        soon = new_seance(s, st, days=3)
        no_note = new_seance(s, st, days=14, items=0)
        service.add_item(s, t, no_note, title="Sans note")
        sent = new_seance(s, st, days=15)
        service.send(s, st.settings, t, sent, actor="karine.fictive")
        ids = draft.id, empty.id, soon.id, no_note.id, sent.id
    cases = [
        (
            lambda s, d, e, so, nn, se: service.create_seance(
                s, t, instance_key="conseil", starts_at=in_days(-1), place="X", tz=st.timezone
            ),
            "date de la séance est passée",
        ),
        (
            lambda s, d, e, so, nn, se: service.create_seance(
                s, t, instance_key="secretariat", starts_at=in_days(5), place="X", tz=st.timezone
            ),
            "est un service",
        ),
        (
            lambda s, d, e, so, nn, se: service.send(s, st.settings, t, e, actor="k"),
            "ordre du jour est vide",
        ),
        (
            lambda s, d, e, so, nn, se: service.send(s, st.settings, t, nn, actor="k"),
            "note explicative de synthèse est requise",
        ),
        (lambda s, d, e, so, nn, se: service.send(s, st.settings, t, so, actor="k"), "Trop tard"),
        (lambda s, d, e, so, nn, se: service.declare_urgency(so, " "), "motif de l’urgence"),
        (
            lambda s, d, e, so, nn, se: service.check_annex("notes.docx", b"PK\x03\x04"),
            "n’est pas un PDF",
        ),
        (
            lambda s, d, e, so, nn, se: service.check_annex(
                "gros.pdf", b"%PDF-1.4\n" + b"0" * service.MAX_ANNEX_BYTES + b"%%EOF"
            ),
            "trop volumineux",
        ),
        (
            lambda s, d, e, so, nn, se: service.answer(
                s, t, se, CONSEIL[1], PROXY, via=VIA_CHAT, proxy_to=CONSEIL[1]
            ),
            "à vous-même",
        ),
        (
            lambda s, d, e, so, nn, se: service.answer(
                s, t, se, CONSEIL[1], PROXY, via=VIA_CHAT, proxy_to="karine.fictive"
            ),
            "n’est pas membre",
        ),
        (
            lambda s, d, e, so, nn, se: service.answer(
                s, t, se, CONSEIL[1], PRESENT, via=VIA_CHAT, now=se.starts_at
            ),
            "séance a commencé",
        ),
        (
            lambda s, d, e, so, nn, se: service.answer(
                s,
                dataclasses.replace(
                    t, people=tuple(p for p in t.people if p.localpart != CONSEIL[2])
                ),
                se,
                CONSEIL[2],
                PRESENT,
                via=VIA_CHAT,
            ),
            "plus\\) membre",
        ),
        (
            lambda s, d, e, so, nn, se: service.answer(s, t, d, CONSEIL[1], PRESENT, via=VIA_CHAT),
            "pas encore convoquée",
        ),
        (
            lambda s, d, e, so, nn, se: service.send(s, st.settings, t, se, actor="k"),
            "Rien n’a changé depuis la version 1",
        ),
        (
            lambda s, d, e, so, nn, se: service.cancel(s, st.settings, t, se, reason="", actor="k"),
            "motif de l’annulation",
        ),
    ]
    for action, message in cases:
        with st.sessions() as s:
            before = snapshot(s)
        with pytest.raises(SeanceError, match=message):
            with st.sessions.begin() as s:
                action(s, *(s.get(Seance, i) for i in ids))
        with st.sessions() as s:
            assert snapshot(s) == before, message


def test_late_sending_with_urgency_then_amend_and_cancel(portal):
    _app, st = portal
    t = st.territory
    with st.sessions.begin() as s:
        seance = new_seance(s, st, days=3)
        service.declare_urgency(
            seance, "Délibération à prendre avant la date limite de l’appel à projets"
        )
        assert service.send(s, st.settings, t, seance, actor="k").version == 1
        service.add_item(s, t, seance, title="Point ajouté", note="Note")
        again = service.send(s, st.settings, t, seance, actor="k")  # what changed, found
        assert again.version == 2
        assert again.changes == ("point ajouté : Point ajouté",)
        payloads = s.scalars(
            select(OutboxMessage.payload).where(OutboxMessage.kind == service.CONVOCATION_KIND)
        ).all()
        assert any(p["changes"] == ["point ajouté : Point ajouté"] for p in payloads)
        service.cancel(s, st.settings, t, seance, reason="Salle indisponible", actor="k")
        seance_id = seance.id
    with st.sessions() as s:
        kinds = [
            e.kind
            for e in s.scalars(
                select(ProofEntry)
                .where(ProofEntry.seance_id == seance_id)
                .order_by(ProofEntry.sequence)
            )
        ]
        assert kinds == ["sent", "amended", "cancelled"]
        assert proof.verify(s, seance_id).ok
        cancels = s.scalars(
            select(MailAttachment).where(MailAttachment.filename == "annulation.ics")
        ).all()
        assert cancels
        assert all(b"METHOD:CANCEL" in a.data for a in cancels)


def test_back_office_prepares_and_shows_the_deadline(portal):
    app, st = portal
    client = app.test_client()
    assert client.get("/gestion/seances").status_code == 302  # log in first
    token = log_in_staff(client, "emma.fictive")  # a councillor, presides nothing
    assert client.get("/gestion/seances").status_code == 403
    token = log_in_staff(client, "alice.exemple")  # presides the conseil
    day = (dt.date.today() + dt.timedelta(days=20)).isoformat()
    created = client.post(
        "/gestion/seances",
        data={
            "csrf_token": token,
            "instance": "conseil",
            "date": day,
            "heure": "18:30",
            "lieu": "Salle du conseil",
        },
    )
    assert created.status_code == 303
    page = client.get(created.headers["Location"]).get_data(as_text=True)
    assert "À envoyer au plus tard le" in page
    with st.sessions() as s:
        seance = s.scalars(select(Seance)).one()
        limit = service.deadline(seance, TERRITORY.instance("conseil"), st.timezone)
    from collab.french import date_fr

    assert date_fr(limit.last_day) in page
    empty = client.post(
        f"/gestion/seances/{seance.id}/envoyer", data={"csrf_token": token}, follow_redirects=True
    )
    assert "L’ordre du jour est vide" in empty.get_data(as_text=True)
    client.post(
        f"/gestion/seances/{seance.id}/points",
        data={
            "csrf_token": token,
            "titre": "Budget primitif",
            "note": "Le budget.",
            "exclusion": "budget",
        },
    )
    bad = client.post(
        f"/gestion/seances/{seance.id}/points/1/annexe",
        data={"csrf_token": token, "annexe": (__import__("io").BytesIO(b"hello"), "notes.txt")},
        content_type="multipart/form-data",
        follow_redirects=True,
    )
    assert "n’est pas un PDF" in bad.get_data(as_text=True)
    sent = client.post(
        f"/gestion/seances/{seance.id}/envoyer", data={"csrf_token": token}, follow_redirects=True
    )
    assert "est envoyée à" in sent.get_data(as_text=True)
    # No bots here, as with a homeserver or an SMTP server down: all is queued, and the
    # proof says what is still pending.
    proof_page = client.get(f"/gestion/seances/{seance.id}").get_data(as_text=True)
    assert proof_page.count("en attente d’envoi") == len(CONSEIL)
    assert proof_page.count("en file d’attente") == len(CONSEIL) + 1  # and the informed one
    with st.sessions() as s:
        recipient = s.scalars(select(Recipient).where(Recipient.localpart == "bruno.fictif")).one()
        token_link = recipient.token
    answer_page = client.get(f"/seances/reponse/{token_link}")
    assert answer_page.status_code == 200
    csrf = answer_page.get_data(as_text=True).split('name="csrf_token" value="')[1].split('"')[0]
    remote = client.post(
        f"/seances/reponse/{token_link}", data={"csrf_token": csrf, "reponse": "remote"}
    )
    assert remote.status_code == 400
    assert "n’est pas ouverte" in remote.get_data(as_text=True)
    ok = client.post(
        f"/seances/reponse/{token_link}",
        data={"csrf_token": csrf, "reponse": "present"},
        follow_redirects=True,
    )
    assert "Réponse enregistrée pour Bruno Fictif : présent" in ok.get_data(as_text=True)
    with st.sessions() as s:
        recipient = s.scalars(select(Recipient).where(Recipient.localpart == "bruno.fictif")).one()
        assert recipient.mail_opened_at is not None
        assert recipient.acknowledged_at is not None
    assert "1 présent(s)" in client.get(f"/gestion/seances/{seance.id}").get_data(as_text=True)


def test_the_demo_loads_once(portal):
    _app, st = portal
    first = demo.load_demo(st.settings, st.sessions, st.territory)
    assert "convened" in first
    with st.sessions() as s:
        before = snapshot(s)
        conseil = s.scalars(select(Seance).where(Seance.instance == "conseil")).one()
        assert service.quorum_of(st.territory, conseil).reached
        assert sum(a.choice == PROXY for a in conseil.answers) == 1
        assert (
            s.scalars(select(Seance.status).where(Seance.instance == "urbanisme")).one() == "draft"
        )
    assert demo.load_demo(st.settings, st.sessions, st.territory) == "séances: already loaded"
    with st.sessions() as s:
        assert snapshot(s) == before


@pytest.mark.parametrize(
    ("args", "code", "last_line"),
    [
        (["conseil", "2027-03-15"], 0, "2027-03-09"),  # a Monday: the Tuesday before
        (["conseil", "2027-03-15", "--urgence"], 0, "2027-03-13"),
        (["conseil", "2027-03-01"], 0, "2027-02-23"),  # across the month end
        (["bureau", "2027-03-28"], 0, "2027-03-22"),  # the day clocks go forward
        (["conseil", "15/03/2027"], 2, "girou seances delai: '15/03/2027' is not a date"),
        (["urbanism", "2027-03-15"], 2, "girou seances delai: unknown instance 'urbanism'"),
        (["secretariat", "2027-03-15"], 2, "girou seances delai: 'secretariat' is a service"),
    ],
)
def test_girou_seances_delai(tmp_path, args, code, last_line):
    env = {"GIROU_HOME": str(tmp_path), "PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}
    run = subprocess.run(
        [sys.executable, "-m", "collab.cli", "seances", "delai", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
    )
    assert run.returncode == code, run.stderr
    out = run.stdout if code == 0 else run.stderr
    assert out.strip().splitlines()[-1].startswith(last_line)
    if code == 0:
        assert "rule: " in run.stdout
