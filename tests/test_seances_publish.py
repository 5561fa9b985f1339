"""Séances, the day and after: the sign-in sheet, the quorum at the opening and at each item,
a séance convened again without quorum, the votes, the closing, the procès-verbal's adoption
and the publication of the acts (PDF/A with their date, stable URL, Atom feed), through the
domain functions and the real app's pages (tests/conftest.py's `app`, its own SQLite)."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import re
from pathlib import Path

import pypdf
import pytest
from conftest import ROOT, TERRITORY, TZ, log_in_staff
from defusedxml import ElementTree
from sqlalchemy import select

from portal.seances import publication, publish_demo, sitting
from portal.seances.models import HELD, SENT, AgendaItem, Answer, Seance
from portal.seances.rules import SeanceError
from portal.seances.sitting_models import (
    ABSTENTION,
    ADOPTED,
    AGAINST,
    AGENDA,
    DELIBERATION,
    DELIBERATIONS,
    FOR,
    MINUTES,
    POSTPONED,
    PUBLIC,
    REJECTED,
    SECRET,
    Attendance,
    ItemOutcome,
    PublishedAct,
    Sitting,
)
from portal.state import state

MEMBERS = [p.localpart for p in TERRITORY.members("conseil")]  # 10: quorum 6
PRESIDENT = "alice.exemple"
STAFF = "karine.fictive"
URL = "https://portail.example.org"


@pytest.fixture
def sessions(app):
    return state(app).sessions


def convene(sessions, *, days_ago: int = 0, items: int = 3, remote: bool = False) -> int:
    """A séance of the conseil, convened (sent), `days_ago` days back at 18:30 local time."""
    day = dt.datetime.now(TZ).date() - dt.timedelta(days=days_ago)
    local = dt.datetime.combine(day, dt.time(18, 30), TZ)
    with sessions.begin() as db:
        seance = Seance(
            instance="conseil",
            starts_at=local.astimezone(dt.UTC).replace(tzinfo=None),
            place="Salle du conseil",
            remote_allowed=remote,
            proxies_allowed=True,
            status=SENT,
            version=1,
        )
        db.add(seance)
        db.flush()
        for position in range(1, items + 1):
            db.add(AgendaItem(seance_id=seance.id, position=position, title=f"Point {position}",
                              note=f"Note du point {position}."))  # fmt: skip
        return seance.id


def lines(present=MEMBERS, **special):
    """A full sheet: `present` present, the others absent, `special` lines as given."""
    sheet = {m: sitting.SheetLine(status="present" if m in present else "absent") for m in MEMBERS}
    sheet.update(special)
    return sheet


def run(sessions, func, seance_id, *args, **kwargs):
    with sessions.begin() as db:
        seance = db.get(Seance, seance_id)
        return func(db, TERRITORY, seance, *args, **kwargs)


def sheet_state(sessions, seance_id):
    with sessions() as db:
        return sorted(
            (r.localpart, r.status, r.proxy_to, r.arrival_item, r.departure_item)
            for r in db.scalars(select(Attendance).where(Attendance.seance_id == seance_id))
        )


def item_id(sessions, seance_id, position):
    with sessions() as db:
        return db.scalar(
            select(AgendaItem.id).where(
                AgendaItem.seance_id == seance_id, AgendaItem.position == position
            )
        )


def vote(sessions, seance_id, position, vote_input):
    with sessions.begin() as db:
        seance = db.get(Seance, seance_id)
        item = db.get(AgendaItem, item_id(sessions, seance_id, position))
        outcome = sitting.record_vote(db, TERRITORY, seance, item, vote_input, STAFF, TZ)
        return outcome.outcome, outcome.number, outcome.casting_vote


def everyone_for(sessions, seance_id, position, **changes):
    with sessions() as db:
        rows = sitting.sheet(db, TERRITORY, db.get(Seance, seance_id))
        voters = sitting.presence_at(rows, position, set(MEMBERS)).voters
    named = dict.fromkeys(voters, FOR)
    named.update(changes)
    return sitting.VoteInput(outcome="vote", ballot=PUBLIC, named=named, decision="Adopté.")


def hold_all(sessions, seance_id, items=3):
    run(sessions, sitting.record_sheet, seance_id, lines(), STAFF)
    run(sessions, sitting.open_sitting, seance_id, "bruno.fictif", STAFF)
    for position in range(1, items + 1):
        vote(sessions, seance_id, position, everyone_for(sessions, seance_id, position))
    with sessions.begin() as db:
        sitting.close_sitting(db, db.get(Seance, seance_id), STAFF, "Séance levée à 20 h.")


# --- the sign-in sheet ---------------------------------------------------------------------------
def test_sheet_starts_from_the_answers_to_the_convocation(sessions):
    seance_id = convene(sessions)
    with sessions.begin() as db:
        db.add(Answer(seance_id=seance_id, localpart="emma.fictive", choice="proxy",
                      proxy_to="francois.demo", via="web"))  # fmt: skip
        db.add(Answer(seance_id=seance_id, localpart="hugo.fictif", choice="present", via="chat"))
    with sessions.begin() as db:
        rows = {r.localpart: r for r in sitting.sheet(db, TERRITORY, db.get(Seance, seance_id))}
    assert list(rows) == MEMBERS
    assert (rows["emma.fictive"].status, rows["emma.fictive"].proxy_to) == (
        "proxy",
        "francois.demo",
    )
    assert rows["hugo.fictif"].status == "present"
    assert rows["jules.exemple"].status == "absent"


@pytest.mark.parametrize(
    ("special", "message"),
    [
        ({"emma.fictive": sitting.SheetLine("proxy", proxy_to="emma.fictive")}, "à vous-même"),
        (
            {"emma.fictive": sitting.SheetLine("proxy", proxy_to="karine.fictive")},
            "n’est pas membre",
        ),
        (
            {
                "emma.fictive": sitting.SheetLine("proxy", proxy_to="hugo.fictif"),
                "ines.demo": sitting.SheetLine("proxy", proxy_to="hugo.fictif"),
            },
            "détient déjà un pouvoir",
        ),
        ({"emma.fictive": sitting.SheetLine("proxy")}, "à qui le pouvoir"),
        ({"emma.fictive": sitting.SheetLine("remote")}, "à distance n’est pas ouverte"),
        ({"emma.fictive": sitting.SheetLine("present", arrival_item=4)}, "entre 1 et 3"),
        (
            {"emma.fictive": sitting.SheetLine("present", arrival_item=3, departure_item=2)},
            "le départ doit suivre",
        ),
        ({"emma.fictive": sitting.SheetLine("absent", departure_item=2)}, "membre présent"),
        ({"emma.fictive": sitting.SheetLine("substitute")}, "suppléant"),
        ({"emma.fictive": sitting.SheetLine("ailleurs")}, "situation inconnue"),
    ],
)
def test_a_wrong_sheet_is_refused_in_french_and_changes_nothing(sessions, special, message):
    seance_id = convene(sessions)
    run(sessions, sitting.record_sheet, seance_id, lines(), STAFF)
    before = sheet_state(sessions, seance_id)
    with pytest.raises(SeanceError, match=message):
        run(sessions, sitting.record_sheet, seance_id, lines(**special), STAFF)
    assert sheet_state(sessions, seance_id) == before


def test_a_suppleant_sits_counts_for_the_quorum_and_votes_in_the_seat(sessions):
    seance_id = convene(sessions)
    jules = sitting.SheetLine("substitute")  # Lavalette's single seat: Olivia Démo sits
    run(
        sessions,
        sitting.record_sheet,
        seance_id,
        lines(MEMBERS[:5], **{"jules.exemple": jules}),
        STAFF,
    )
    opened = run(sessions, sitting.open_sitting, seance_id, MEMBERS[0], STAFF)
    assert (opened.present_at_opening, opened.quorum_met) == (6, True)
    vote(sessions, seance_id, 1, everyone_for(sessions, seance_id, 1, **{"jules.exemple": AGAINST}))
    with sessions() as db:
        votes = db.get(ItemOutcome, item_id(sessions, seance_id, 1)).votes
        seat = next(v for v in votes if v.localpart == "jules.exemple")
        assert seat.name == "Olivia Démo (suppléant de Jules Exemple)"
        row = db.scalar(select(Attendance).where(Attendance.localpart == "jules.exemple"))
        assert row.substitute == "olivia.demo"


def test_the_sheet_of_a_seance_not_convened_is_refused(sessions):
    seance_id = convene(sessions)
    with sessions.begin() as db:
        db.get(Seance, seance_id).status = "draft"
    with pytest.raises(SeanceError, match="pas encore envoyée"):
        run(sessions, sitting.record_sheet, seance_id, lines(), STAFF)


# --- quorum ---------------------------------------------------------------------------------------
def test_quorum_is_counted_at_the_opening_and_at_each_item(sessions):
    seance_id = convene(sessions)
    # 6 present (the quorum of 10), one of whom leaves before item 3; a proxy is not counted.
    present = MEMBERS[:6]
    special = {
        MEMBERS[5]: sitting.SheetLine("present", departure_item=3, proxy_to=MEMBERS[0]),
        MEMBERS[6]: sitting.SheetLine("proxy", proxy_to=MEMBERS[1]),
    }
    run(sessions, sitting.record_sheet, seance_id, lines(present, **special), STAFF)
    opened = run(sessions, sitting.open_sitting, seance_id, MEMBERS[1], STAFF)
    assert (opened.present_at_opening, opened.quorum_required, opened.quorum_met) == (6, 6, True)
    assert opened.represented_at_opening == 1
    assert vote(sessions, seance_id, 1, everyone_for(sessions, seance_id, 1))[0] == ADOPTED
    with sessions() as db:
        outcome = db.get(ItemOutcome, item_id(sessions, seance_id, 1))
        assert (outcome.present, outcome.represented) == (6, 1)
    # Item 3: 5 present (the one who left is now represented): no quorum, no deliberation.
    with pytest.raises(SeanceError, match="quorum n’est pas atteint"):
        vote(sessions, seance_id, 3, everyone_for(sessions, seance_id, 3))
    postponed = sitting.VoteInput(outcome=POSTPONED)
    assert vote(sessions, seance_id, 3, postponed) == (POSTPONED, None, False)


def test_without_quorum_the_seance_is_convened_again_and_deliberates_without_it(sessions, app):
    seance_id = convene(sessions, days_ago=1)
    run(sessions, sitting.record_sheet, seance_id, lines(MEMBERS[:5]), STAFF)
    sit = run(sessions, sitting.open_sitting, seance_id, MEMBERS[0], STAFF)
    assert (sit.quorum_met, sit.closed) == (False, True)
    with sessions() as db:
        assert db.get(Seance, seance_id).status == HELD
    with pytest.raises(SeanceError, match="Ouvrez d’abord|close"):
        vote(sessions, seance_id, 1, everyone_for(sessions, seance_id, 1))

    first_day = dt.datetime.now(TZ).date() - dt.timedelta(days=1)

    def at(day):  # local time, as the back-office form gives it
        return dt.datetime.combine(day, dt.time(18))

    too_soon = at(first_day + dt.timedelta(days=2))
    with pytest.raises(SeanceError, match="trois jours au moins"):
        run(sessions, sitting.reconvene, seance_id, too_soon, "Salle", STAFF, TZ)
    with sessions() as db:
        assert db.scalar(select(Seance).where(Seance.id != seance_id)) is None
    again = run(sessions, sitting.reconvene, seance_id, at(first_day + dt.timedelta(days=3)),
                "Salle", STAFF, TZ)  # fmt: skip
    again_id = again.id
    with pytest.raises(SeanceError, match="déjà été convoquée"):
        run(sessions, sitting.reconvene, seance_id, at(first_day + dt.timedelta(days=4)),
            "Salle", STAFF, TZ)  # fmt: skip
    with sessions.begin() as db:
        again = db.get(Seance, again_id)
        assert [i.title for i in again.items] == ["Point 1", "Point 2", "Point 3"]
        assert again.status == "draft"  # its convocation is sent as any other's
        again.status = SENT
    # Three present: no quorum needed on the items carried over.
    run(sessions, sitting.record_sheet, again_id, lines(MEMBERS[:3]), STAFF)
    sit = run(sessions, sitting.open_sitting, again_id, MEMBERS[0], STAFF)
    assert (sit.quorum_met, sit.closed) == (False, False)
    assert vote(sessions, again_id, 1, everyone_for(sessions, again_id, 1))[0] == ADOPTED
    with sessions() as db:
        assert db.get(ItemOutcome, item_id(sessions, again_id, 1)).without_quorum


# --- votes -----------------------------------------------------------------------------------
def opened(sessions, remote=False, **special):
    seance_id = convene(sessions, remote=remote)
    run(sessions, sitting.record_sheet, seance_id, lines(**special), STAFF)
    run(sessions, sitting.open_sitting, seance_id, "bruno.fictif", STAFF)
    return seance_id


def test_a_public_ballot_names_each_vote_and_the_proxy(sessions):
    seance_id = opened(
        sessions, **{"emma.fictive": sitting.SheetLine("proxy", proxy_to="hugo.fictif")}
    )
    ballot = everyone_for(
        sessions, seance_id, 1, **{"emma.fictive": AGAINST, "jules.exemple": ABSTENTION}
    )
    outcome, number, _ = vote(sessions, seance_id, 1, ballot)
    assert outcome == ADOPTED
    assert re.fullmatch(r"\d{4}-001", number)
    with sessions() as db:
        stored = db.get(ItemOutcome, item_id(sessions, seance_id, 1))
        assert (stored.votes_for, stored.votes_against, stored.abstentions) == (8, 1, 1)
        emma = next(v for v in stored.votes if v.localpart == "emma.fictive")
        assert (emma.vote, emma.cast_by) == (AGAINST, "hugo.fictif")
    assert vote(sessions, seance_id, 2, everyone_for(sessions, seance_id, 2))[1].endswith("-002")


def test_the_sheet_stands_for_items_voted_until_their_vote_is_cancelled(client, sessions):
    seance_id = opened(sessions)
    vote(sessions, seance_id, 1, everyone_for(sessions, seance_id, 1))
    late = lines(**{"emma.fictive": sitting.SheetLine("present", arrival_item=2)})
    with pytest.raises(SeanceError, match="Annulez d’abord ce vote"):
        run(sessions, sitting.record_sheet, seance_id, late, STAFF)
    token = log_in_staff(client, STAFF)
    url = f"/gestion/seances/{seance_id}/points/{item_id(sessions, seance_id, 1)}/annuler"
    assert client.post(url, data={"csrf_token": token}).status_code == 302
    run(sessions, sitting.record_sheet, seance_id, late, STAFF)
    assert client.post(url, data={"csrf_token": token}).status_code == 400  # nothing to cancel


def test_votes_that_do_not_add_up_are_refused_and_change_nothing(sessions):
    seance_id = opened(sessions, **{"emma.fictive": sitting.SheetLine("absent")})
    too_many = sitting.VoteInput(outcome="vote", ballot=SECRET, votes_for=8, votes_against=2,
                                 decision="Adopté.")  # fmt: skip
    with pytest.raises(SeanceError, match="10 voix pour 9 votants"):
        vote(sessions, seance_id, 1, too_many)
    stranger = everyone_for(sessions, seance_id, 1, **{"emma.fictive": FOR})
    with pytest.raises(SeanceError, match="Emma Fictive n’est ni présent ni représenté"):
        vote(sessions, seance_id, 1, stranger)
    missing = everyone_for(sessions, seance_id, 1)
    del missing.named["hugo.fictif"]
    with pytest.raises(SeanceError, match="Indiquez le vote de Hugo Fictif"):
        vote(sessions, seance_id, 1, missing)
    no_decision = sitting.VoteInput(outcome="vote", ballot=SECRET, votes_for=5)
    with pytest.raises(SeanceError, match="Indiquez la décision"):
        vote(sessions, seance_id, 1, no_decision)
    with sessions() as db:
        outcome = db.get(ItemOutcome, item_id(sessions, seance_id, 1))
        assert outcome is None or outcome.outcome is None


def test_a_tie_goes_to_the_president_in_a_public_ballot_not_in_a_secret_one(sessions):
    seance_id = opened(sessions)
    against = {m: AGAINST for m in MEMBERS[5:]}  # 5 for (the president among them), 5 against
    assert vote(sessions, seance_id, 1, everyone_for(sessions, seance_id, 1, **against))[::2] == (
        ADOPTED,
        True,
    )
    flipped = {m: AGAINST for m in MEMBERS[:5]} | {m: FOR for m in MEMBERS[5:]}
    assert vote(sessions, seance_id, 2, everyone_for(sessions, seance_id, 2, **flipped))[::2] == (
        REJECTED,
        True,
    )
    secret = sitting.VoteInput(
        outcome="vote", ballot=SECRET, votes_for=5, votes_against=5, decision="x"
    )
    assert vote(sessions, seance_id, 3, secret)[::2] == (REJECTED, False)


def test_a_secret_ballot_is_refused_with_members_at_a_distance(sessions):
    seance_id = opened(sessions, remote=True, **{"emma.fictive": sitting.SheetLine("remote")})
    secret = sitting.VoteInput(outcome="vote", ballot=SECRET, votes_for=10, decision="x")
    with pytest.raises(SeanceError, match="L5211-11-1"):
        vote(sessions, seance_id, 1, secret)


def test_the_seance_closes_only_when_every_item_has_its_outcome(sessions):
    seance_id = opened(sessions)
    vote(sessions, seance_id, 1, everyone_for(sessions, seance_id, 1))
    with sessions.begin() as db, pytest.raises(SeanceError, match="Le point n° 2"):
        sitting.close_sitting(db, db.get(Seance, seance_id), STAFF)
    with sessions() as db:
        assert db.get(Sitting, seance_id).closed_at is None


# --- publication ----------------------------------------------------------------------------
def publish(sessions, seance_id, kind, now=None):
    with sessions.begin() as db:
        acts = publication.publish(
            db, TERRITORY, db.get(Seance, seance_id), kind, STAFF, TZ, URL, now=now
        )
        return [(a.id, a.kind) for a in acts]


def test_publications_wait_for_the_moment_the_law_gives(sessions):
    seance_id = opened(sessions)
    with pytest.raises(SeanceError, match="séance tenue et close"):
        publish(sessions, seance_id, DELIBERATIONS)
    with pytest.raises(SeanceError, match="pas encore adopté"):
        publish(sessions, seance_id, MINUTES)
    with sessions() as db:
        assert db.scalar(select(PublishedAct)) is None


def test_the_list_of_deliberations_and_the_minutes_are_published_once_with_their_deadline(sessions):
    first = convene(sessions, days_ago=20)
    hold_all(sessions, first)
    published = publish(sessions, first, DELIBERATIONS)
    assert [kind for _, kind in published] == [DELIBERATIONS] + [DELIBERATION] * 3
    with pytest.raises(SeanceError, match="déjà publié"):
        publish(sessions, first, DELIBERATIONS)
    # A vote no longer changes once its list is online.
    with pytest.raises(SeanceError, match="close|publiée"):
        vote(sessions, first, 1, everyone_for(sessions, first, 1))
    with sessions() as db:
        statuses = {s.kind: s for s in publication.statuses(db, db.get(Seance, first), TZ)}
    day = dt.datetime.now(TZ).date() - dt.timedelta(days=20)
    assert statuses[DELIBERATIONS].deadline == day + dt.timedelta(days=7)
    assert statuses[DELIBERATIONS].met is False  # published today, 20 days after
    # The minutes: adopted at the start of the next séance, not before it is opened.
    second = convene(sessions, days_ago=1)
    with sessions.begin() as db, pytest.raises(SeanceError, match="ouvrez-la"):
        publication.adopt_minutes(db, db.get(Seance, first), db.get(Seance, second), STAFF, TZ)
    earlier = convene(sessions, days_ago=30)
    with sessions.begin() as db, pytest.raises(SeanceError, match="séance suivante"):
        publication.adopt_minutes(db, db.get(Seance, first), db.get(Seance, earlier), STAFF, TZ)
    run(sessions, sitting.record_sheet, second, lines(), STAFF)
    run(sessions, sitting.open_sitting, second, "bruno.fictif", STAFF)
    with sessions.begin() as db:
        publication.adopt_minutes(
            db, db.get(Seance, first), db.get(Seance, second), STAFF, TZ, "RAS"
        )
    assert [kind for _, kind in publish(sessions, first, MINUTES)] == [MINUTES]
    with sessions() as db:
        statuses = {s.kind: s for s in publication.statuses(db, db.get(Seance, first), TZ)}
    assert statuses[MINUTES].deadline == dt.datetime.now(TZ).date() - dt.timedelta(
        days=1
    ) + dt.timedelta(days=7)
    assert statuses[MINUTES].met is True


def test_a_published_act_is_never_changed_nor_deleted(sessions):
    seance_id = convene(sessions)
    [(act_id, _)] = publish(sessions, seance_id, AGENDA)
    with sessions() as db:
        db.get(PublishedAct, act_id).title = "autre"
        with pytest.raises(ValueError, match="never changed"):
            db.flush()
        db.rollback()
        db.delete(db.get(PublishedAct, act_id))
        with pytest.raises(ValueError, match="never changed"):
            db.flush()
    # An amended agenda is a new act that says which one it replaces; the first stays.
    [(new_id, _)] = publish(sessions, seance_id, AGENDA)
    with sessions() as db:
        assert db.get(PublishedAct, new_id).replaces == act_id
        assert db.get(PublishedAct, act_id) is not None


def test_an_act_is_a_pdf_a_that_says_it_is_the_published_version_and_when(sessions):
    seance_id = convene(sessions, days_ago=2)
    hold_all(sessions, seance_id)
    when = dt.datetime(2026, 3, 5, 8, 15)  # UTC: 9 h 15 in Paris
    act_id = publish(sessions, seance_id, DELIBERATIONS, now=when)[0][0]
    with sessions() as db:
        act = db.get(PublishedAct, act_id)
        data, sha = act.pdf, act.sha256
    reader = pypdf.PdfReader(io.BytesIO(data))
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert "VERSION PUBLIÉE — mise en ligne le jeudi 5 mars 2026 à 9 h 15" in text
    assert "Alice Exemple, président" in text
    assert "Liste des délibérations" in text
    assert "Point 1" in text
    xmp = reader.xmp_metadata
    assert xmp is not None
    root = reader.trailer["/Root"]
    assert "/OutputIntents" in root
    assert root["/OutputIntents"][0].get_object()["/S"] == "/GTS_PDFA1"
    raw = data.decode("latin-1")
    assert 'pdfaid:part="2"' in raw or "<pdfaid:part>2</pdfaid:part>" in raw
    assert "FontFile2" in raw  # fonts embedded
    assert "/Encrypt" not in raw
    assert hashlib.sha256(data).hexdigest() == sha


# --- the pages ------------------------------------------------------------------------------
def test_public_pages_the_act_url_and_the_feed(app, client, sessions):
    seance_id = convene(sessions, days_ago=3)
    hold_all(sessions, seance_id)
    published = publish(sessions, seance_id, DELIBERATIONS)
    page = client.get(f"/seances/conseil/{seance_id}").get_data(as_text=True)
    assert "Liste des délibérations" in page
    assert "dans le délai légal" in page
    assert "Adoptée à l’unanimité" in page
    assert "Procès-verbal" in page
    assert "arrêté au commencement de la séance suivante" in page
    listing = client.get("/seances/conseil").get_data(as_text=True)
    assert f"/seances/conseil/{seance_id}" in listing
    act_id = published[0][0]
    response = client.get(f"/seances/actes/{act_id}.pdf")
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert response.data.startswith(b"%PDF-1.7")
    again = client.get(
        f"/seances/actes/{act_id}.pdf", headers={"If-None-Match": response.headers["ETag"]}
    )
    assert again.status_code == 304
    assert client.get("/seances/actes/999999.pdf").status_code == 404
    assert client.get("/seances/inconnue").status_code == 404
    feed = client.get("/seances/flux.atom")
    assert feed.mimetype == "application/atom+xml"
    atom = "{http://www.w3.org/2005/Atom}"
    root = ElementTree.fromstring(feed.data)
    entries = root.findall(f"{atom}entry")
    assert len(entries) == len(published)
    enclosures = [e.find(f"{atom}link[@rel='enclosure']").get("href") for e in entries]
    assert any(href.endswith(f"/seances/actes/{act_id}.pdf") for href in enclosures)


def test_a_draft_seance_has_no_public_page(client, sessions):
    seance_id = convene(sessions)
    with sessions.begin() as db:
        db.get(Seance, seance_id).status = "draft"
    assert client.get(f"/seances/conseil/{seance_id}").status_code == 404


def test_back_office_holds_the_seance_through_its_forms(client, sessions):
    seance_id = convene(sessions, days_ago=1)
    base = f"/gestion/seances/{seance_id}"
    assert client.get(f"{base}/tenue").status_code == 302  # to the login
    token = log_in_staff(client, "hugo.fictif")  # a conseiller: not the back-office
    assert client.get(f"{base}/tenue").status_code == 403
    log_in_staff(client, PRESIDENT)  # who presides the conseil holds it too
    assert client.get(f"{base}/tenue").status_code == 200
    token = log_in_staff(client, STAFF)
    assert client.get(f"{base}/tenue").status_code == 200
    form = {"csrf_token": token}
    for member in MEMBERS:
        form[f"situation-{member}"] = "present"
    form["situation-emma.fictive"] = "proxy"
    form["pouvoir-emma.fictive"] = "emma.fictive"  # to herself: refused
    refused = client.post(f"{base}/emargement", data=form)
    assert refused.status_code == 400
    assert "vous donner pouvoir à vous-même" in refused.get_data(as_text=True)
    assert "Rien n’a été modifié" in refused.get_data(as_text=True)
    assert all(row[1] == "absent" for row in sheet_state(sessions, seance_id))
    form["pouvoir-emma.fictive"] = "hugo.fictif"
    form["arrivee-jules.exemple"] = "2"
    assert client.post(f"{base}/emargement", data=form).status_code == 302
    pdf = client.get(f"{base}/emargement.pdf")
    text = " ".join(pypdf.PdfReader(io.BytesIO(pdf.data)).pages[0].extract_text().split())
    assert "Feuille d’émargement" in text
    assert "pouvoir à Hugo Fictif" in text
    assert (
        client.post(f"{base}/ouverture", data={"csrf_token": token, "secretaire": ""}).status_code
        == 400
    )
    assert (
        client.post(
            f"{base}/ouverture", data={"csrf_token": token, "secretaire": "bruno.fictif"}
        ).status_code
        == 302
    )
    item = item_id(sessions, seance_id, 1)
    vote_url = f"{base}/points/{item}/vote"
    assert client.get(vote_url).status_code == 200
    secret = {"csrf_token": token, "suite": "vote", "scrutin": "secret", "pour": "9", "contre": "3",
              "decision": "Adopté."}  # fmt: skip
    refused = client.post(vote_url, data=secret)
    assert refused.status_code == 400
    assert "12 voix pour 9 votants" in refused.get_data(as_text=True)  # Jules arrives at item 2
    named = {"csrf_token": token, "suite": "vote", "scrutin": "public", "decision": "Adopté.",
             "vote-francois.demo": "against"}  # fmt: skip
    refused = client.post(vote_url, data=named)
    assert refused.status_code == 400
    assert "Indiquez le vote de" in refused.get_data(as_text=True)
    with sessions() as db:
        rows = sitting.sheet(db, TERRITORY, db.get(Seance, seance_id))
        voters = sitting.presence_at(rows, 1, set(MEMBERS)).voters
    named |= {f"vote-{v}": "for" for v in voters if v != "francois.demo"}
    assert client.post(vote_url, data=named).status_code == 302
    for position in (2, 3):
        postponed = {"csrf_token": token, "suite": "postponed"}
        url = f"{base}/points/{item_id(sessions, seance_id, position)}/vote"
        assert client.post(url, data=postponed).status_code == 302
    refused = client.post(f"{base}/publier/minutes", data={"csrf_token": token})
    assert refused.status_code == 400
    assert "pas encore adopté" in refused.get_data(as_text=True)
    assert (
        client.post(
            f"{base}/cloture", data={"csrf_token": token, "deroulement": "Levée à 20 h."}
        ).status_code
        == 302
    )
    assert (
        client.post(f"{base}/publier/deliberations", data={"csrf_token": token}).status_code == 302
    )
    with sessions() as db:
        kinds = [a.kind for a in publication.acts_of(db, seance_id)]
    assert kinds == [DELIBERATIONS, DELIBERATION]
    page = client.get(f"/seances/conseil/{seance_id}").get_data(as_text=True)
    assert "Adoptée : 8 pour, 1 contre" in page
    assert "Reportée" in page


# --- demo -----------------------------------------------------------------------------------
def test_demo_holds_and_publishes_and_runs_once(app, sessions):
    settings = state(app).settings
    assert "2 held" in publish_demo.load_demo(settings, sessions, TERRITORY)
    with sessions() as db:
        counts = {kind: 0 for kind in (AGENDA, DELIBERATIONS, DELIBERATION, MINUTES)}
        for act in db.scalars(select(PublishedAct)):
            counts[act.kind] += 1
    assert counts == {AGENDA: 2, DELIBERATIONS: 2, DELIBERATION: 5, MINUTES: 1}
    assert "already" in publish_demo.load_demo(settings, sessions, TERRITORY)
    with sessions() as db:
        assert db.scalar(select(PublishedAct.id).order_by(PublishedAct.id.desc())) == sum(
            counts.values()
        )


@pytest.mark.parametrize("today", [dt.date(2027, 1, 5), dt.date(2027, 4, 6), dt.date(2027, 11, 3)])
def test_demo_is_coherent_whatever_the_day(app, sessions, today):
    """Around a year's start and the DST changes: every list of deliberations within its week,
    the procès-verbal after the séance that arrêta it, the acts dated as published."""
    publish_demo.load_demo(state(app).settings, sessions, TERRITORY, today=today)
    with sessions() as db:
        seances = db.scalars(select(Seance).order_by(Seance.starts_at)).all()
        assert [s.status for s in seances] == [HELD, HELD]
        for seance in seances:
            statuses = {s.kind: s for s in publication.statuses(db, seance, TZ)}
            assert statuses[DELIBERATIONS].met is True
            assert statuses[AGENDA].published_on < seance.starts_at.date()
        first = {s.kind: s for s in publication.statuses(db, seances[0], TZ)}
        assert first[MINUTES].met is True
        assert first[MINUTES].published_on > seances[1].starts_at.date()
        assert all(a.published_at.date() <= today for a in db.scalars(select(PublishedAct)))


def test_the_demo_and_the_pages_speak_of_the_minutes_not_of_the_abolished_compte_rendu():
    """Since 1 July 2022 the procès-verbal and the list of deliberations replace it."""
    places = [ROOT / "portal" / "data", ROOT / "portal" / "templates"]
    found = [
        str(path.relative_to(ROOT))
        for place in places
        for path in Path(place).rglob("*")
        if path.is_file()
        and path.suffix in (".json", ".html", ".md")
        and re.search(r"comptes?[ -]rendus?", path.read_text(encoding="utf-8"), re.IGNORECASE)
    ]
    assert found == []
