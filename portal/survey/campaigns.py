"""The survey's rules: questionnaire drafts and versions, campaigns, each mairie's secret link,
answers saved section by section, the one submission, reopening, reminders.

Each function works in the caller's transaction: a change, the mails it sends and the notices
it posts (outbox) are committed together or not at all.
"""

from __future__ import annotations

import datetime as dt
import functools
import secrets
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from collab import outbox
from collab.config import Settings
from collab.db import utcnow
from collab.french import date_fr
from collab.territory import Commune, Person, Territory
from portal.communes import mairie_for
from portal.mail import queue_mail
from portal.survey import questionnaire as q
from portal.survey.models import (
    IN_PROGRESS,
    SUBMITTED,
    SurveyCampaign,
    SurveyLink,
    SurveyQuestionnaire,
    SurveyReminder,
    SurveyResponse,
)

INSTANCE = "numerique"  # whose room hears of each submission, whose officials see the results
SUBMITTED_KIND = "survey.submitted"
INVITATION_KIND = "survey.invitation"
REMINDER_KIND = "survey.reminder"
REMINDERS = (("J-7", 7), ("J-1", 1))  # (kind, days before the close): the last one wins
TITLE_MAX = 300


class SurveyError(Exception):
    """What cannot be done; the message (French) says why. `status`: the HTTP answer."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


# --- who is who -------------------------------------------------------------------------------


def may_see_results(person: Person) -> bool:
    """Staff and the officials of the Numérique instance see the answers."""
    return person.is_staff or INSTANCE in person.instances


def may_manage(person: Person) -> bool:
    """Staff run the campaigns and edit the questionnaire."""
    return person.is_staff


def numerique_room(territory: Territory) -> str:
    try:
        return territory.instance(INSTANCE).room_key
    except KeyError:
        return f"instance:{INSTANCE}"


def secretaries(territory: Territory, insee: str) -> list[Person]:
    """The secrétaires de mairie of a commune: staff of role secretaire attached to it."""
    return [p for p in territory.people if p.role == "secretaire" and p.commune == insee]


def mairie_address(db: Session, territory: Territory, insee: str) -> str:
    """The mairie's e-mail: the Annuaire import's first, else the territory file's; ''."""
    mairie = mairie_for(db, insee)
    if mairie is not None and mairie.emails:
        return mairie.emails[0]
    try:
        return territory.commune(insee).mairie_email or ""
    except KeyError:
        return ""


def today(settings: Settings) -> dt.date:
    return dt.datetime.now(settings.timezone).date()


def portal_url(settings: Settings, path: str) -> str:
    return settings.public_url("portal") + path


# --- questionnaires ---------------------------------------------------------------------------


@functools.lru_cache(maxsize=32)
def _parsed(version: int, source: str) -> q.Questionnaire:
    return q.parse(source, f"questionnaire v{version}")


def parsed(version: SurveyQuestionnaire) -> q.Questionnaire:
    return _parsed(version.version, version.source)


def latest_version(db: Session) -> SurveyQuestionnaire | None:
    return db.scalars(
        select(SurveyQuestionnaire).order_by(SurveyQuestionnaire.version.desc()).limit(1)
    ).first()


def ensure_questionnaire(db: Session) -> SurveyQuestionnaire:
    """The newest version; the default questionnaire as version 1 on a new database."""
    latest = latest_version(db)
    if latest is None:
        text = q.default_text()
        latest = SurveyQuestionnaire(
            version=1, title=q.parse(text).title, source=text, updated_by="girou"
        )
        db.add(latest)
        db.flush()
    return latest


def save_draft(db: Session, source: str, *, by: str) -> SurveyQuestionnaire:
    """Store an edited questionnaire: the draft changes, or, when the newest version is frozen
    by a campaign, the next version starts. A file with mistakes raises QuestionnaireError."""
    parsed_text = q.parse(source, "questionnaire")
    latest = ensure_questionnaire(db)
    if latest.frozen_at is not None:
        latest = SurveyQuestionnaire(version=latest.version + 1, source=source, title="")
        db.add(latest)
    latest.source, latest.title = source, parsed_text.title
    latest.updated_at, latest.updated_by = utcnow(), by
    db.flush()
    return latest


# --- campaigns --------------------------------------------------------------------------------


def status_of(campaign: SurveyCampaign, on: dt.date) -> str:
    if on < campaign.opens_on:
        return "à venir"
    return "ouverte" if on <= campaign.closes_on else "close"


def campaign(db: Session, campaign_id: int) -> SurveyCampaign:
    found = db.get(SurveyCampaign, campaign_id)
    if found is None:
        raise SurveyError("Cette campagne n’existe pas.", 404)
    return found


def questionnaire_of(db: Session, campaign: SurveyCampaign) -> q.Questionnaire:
    return parsed(db.get(SurveyQuestionnaire, campaign.questionnaire_id))


def create_campaign(
    db: Session,
    *,
    title: str,
    questionnaire_id: int,
    opens_on: dt.date,
    closes_on: dt.date,
    by: str,
    settings: Settings,
    territory: Territory,
) -> SurveyCampaign:
    """A new campaign on a questionnaire version (frozen from now on); each mairie gets its
    link by mail, and its secrétaire de mairie in Matrix."""
    title = " ".join(title.split())
    if not title:
        raise SurveyError("Donnez un titre à la campagne.")
    if len(title) > TITLE_MAX:
        raise SurveyError(f"Le titre dépasse {TITLE_MAX} caractères.")
    if closes_on < opens_on:
        raise SurveyError("La clôture doit suivre l’ouverture.")
    if closes_on < today(settings):
        raise SurveyError("La date de clôture est déjà passée.")
    version = db.get(SurveyQuestionnaire, questionnaire_id)
    if version is None:
        raise SurveyError("Cette version du questionnaire n’existe pas.")
    parsed(version)  # a stored version always parses; a caller's bug otherwise
    if version.frozen_at is None:
        version.frozen_at = utcnow()
    created = SurveyCampaign(
        title=title,
        questionnaire_id=version.id,
        opens_on=opens_on,
        closes_on=closes_on,
        created_by=by,
        created_at=utcnow(),
    )
    db.add(created)
    db.flush()
    for commune in territory.communes:
        issue_link(db, created, commune, settings=settings, territory=territory)
    return created


def list_campaigns(db: Session) -> list[tuple[SurveyCampaign, int]]:
    """Every campaign, newest first, with its number of submitted answers."""
    submitted = (
        select(SurveyResponse.campaign_id, func.count().label("n"))
        .where(SurveyResponse.status == SUBMITTED)
        .group_by(SurveyResponse.campaign_id)
        .subquery()
    )
    rows = db.execute(
        select(SurveyCampaign, func.coalesce(submitted.c.n, 0))
        .outerjoin(submitted, submitted.c.campaign_id == SurveyCampaign.id)
        .order_by(SurveyCampaign.opens_on.desc(), SurveyCampaign.id.desc())
    ).all()
    return [(row[0], int(row[1])) for row in rows]


# --- links ------------------------------------------------------------------------------------


def active_link(db: Session, campaign_id: int, insee: str) -> SurveyLink | None:
    return db.scalars(
        select(SurveyLink).where(
            SurveyLink.campaign_id == campaign_id,
            SurveyLink.insee == insee,
            SurveyLink.revoked_at.is_(None),
        )
    ).first()


def link_url(settings: Settings, link: SurveyLink) -> str:
    return portal_url(settings, f"/enquete/{link.token}")


def issue_link(
    db: Session,
    campaign: SurveyCampaign,
    commune: Commune,
    *,
    settings: Settings,
    territory: Territory,
) -> SurveyLink:
    """A new secret link for the mairie (the one it had stops working), sent to it."""
    now = utcnow()
    previous = active_link(db, campaign.id, commune.insee)
    if previous is not None:
        previous.revoked_at = now
    link = SurveyLink(
        campaign_id=campaign.id,
        insee=commune.insee,
        token=secrets.token_urlsafe(24),
        created_at=now,
    )
    db.add(link)
    db.flush()
    _tell_mairie(db, campaign, commune, link, INVITATION_KIND, settings, territory)
    return link


def revoke_link(db: Session, campaign: SurveyCampaign, insee: str) -> bool:
    link = active_link(db, campaign.id, insee)
    if link is None:
        return False
    link.revoked_at = utcnow()
    return True


def reissue_link(
    db: Session, campaign: SurveyCampaign, insee: str, *, settings: Settings, territory: Territory
) -> SurveyLink:
    if status_of(campaign, today(settings)) == "close":
        raise SurveyError("La campagne est close : ses liens ne fonctionnent plus.")
    try:
        commune = territory.commune(insee)
    except KeyError:
        raise SurveyError("Cette commune n’est pas membre de l’intercommunalité.", 404) from None
    return issue_link(db, campaign, commune, settings=settings, territory=territory)


@dataclass(frozen=True)
class Access:
    """What a valid secret link opens: a campaign, a commune, its answers (maybe none yet)."""

    link: SurveyLink
    campaign: SurveyCampaign
    commune: Commune
    response: SurveyResponse | None


def open_link(db: Session, token: str, *, on: dt.date, territory: Territory) -> Access:
    """The campaign and mairie of a secret link, or SurveyError (404 unknown or revoked,
    410 closed, 403 not open yet)."""
    link = None
    if 16 <= len(token) <= 64 and token.replace("-", "").replace("_", "").isalnum():
        link = db.scalars(select(SurveyLink).where(SurveyLink.token == token)).first()
    if link is None or link.revoked_at is not None:
        raise SurveyError(
            "Ce lien n’est pas valable, ou a été remplacé par un nouveau lien : utilisez le "
            "dernier message reçu, ou demandez un nouveau lien à l’intercommunalité.",
            404,
        )
    found = db.get(SurveyCampaign, link.campaign_id)
    state = status_of(found, on)
    if state == "close":
        raise SurveyError(
            f"La campagne « {found.title} » est close depuis le "
            f"{date_fr(found.closes_on + dt.timedelta(days=1))} : ce lien ne fonctionne plus.",
            410,
        )
    if state == "à venir":
        raise SurveyError(
            f"La campagne « {found.title} » ouvrira le {date_fr(found.opens_on)}.", 403
        )
    try:
        commune = territory.commune(link.insee)
    except KeyError:
        raise SurveyError("Cette commune ne fait plus partie de l’intercommunalité.", 404) from None
    return Access(link, found, commune, response_of(db, found.id, link.insee))


# --- answers ----------------------------------------------------------------------------------


def response_of(db: Session, campaign_id: int, insee: str) -> SurveyResponse | None:
    return db.scalars(
        select(SurveyResponse).where(
            SurveyResponse.campaign_id == campaign_id, SurveyResponse.insee == insee
        )
    ).first()


def save_section(
    db: Session, access: Access, section_id: str, form: Any
) -> tuple[SurveyResponse | None, dict[str, str]]:
    """Save one section's answers (all of them, or nothing when one is wrong); the response
    and the errors by field name."""
    if access.response is not None and access.response.status == SUBMITTED:
        raise SurveyError("Vos réponses ont déjà été envoyées : elles ne sont plus modifiables.")
    questionnaire = questionnaire_of(db, access.campaign)
    try:
        section = questionnaire.section(section_id)
    except KeyError:
        raise SurveyError("Cette section n’existe pas.", 404) from None
    current = dict(access.response.answers) if access.response else {}
    values, errors = q.read_section(section, form, current)
    if errors:
        return access.response, errors
    response = access.response
    if response is None:
        response = SurveyResponse(
            campaign_id=access.campaign.id,
            insee=access.commune.insee,
            answers={},
            status=IN_PROGRESS,
        )
        db.add(response)
    for question in section.questions:
        current.pop(question.id, None)
    current.update(values)
    response.answers = q.kept_answers(questionnaire, current)
    response.sections_done = sorted({*(response.sections_done or []), section.id})
    response.updated_at = utcnow()
    db.flush()
    return response, {}


def missing_sections(questionnaire: q.Questionnaire, response: SurveyResponse | None) -> list:
    """The sections still to fill in (a required answer missing, or never saved)."""
    answers = response.answers if response else {}
    done = set(response.sections_done or []) if response else set()
    return [
        section
        for section in questionnaire.sections
        if not q.is_skipped(section, None, answers)
        and (section.id not in done or not q.section_complete(section, answers))
    ]


def submit(db: Session, access: Access, *, settings: Settings, territory: Territory) -> None:
    """Send the answers, all of them at once: refused while a section is incomplete."""
    response = access.response
    if response is not None and response.status == SUBMITTED:
        raise SurveyError("Vos réponses ont déjà été envoyées.")
    questionnaire = questionnaire_of(db, access.campaign)
    missing = missing_sections(questionnaire, response)
    if missing:
        names = ", ".join(f"« {s.title} »" for s in missing)
        raise SurveyError(f"Des sections restent à compléter : {names}. Rien n’a été envoyé.")
    now = utcnow()
    response.status, response.submitted_at, response.updated_at = SUBMITTED, now, now
    answered = db.scalar(
        select(func.count())
        .select_from(SurveyResponse)
        .where(SurveyResponse.campaign_id == access.campaign.id, SurveyResponse.status == SUBMITTED)
    )
    outbox.enqueue(
        db,
        kind=SUBMITTED_KIND,
        room_key=numerique_room(territory),
        payload={
            "campaign": access.campaign.title,
            "commune": access.commune.name,
            "answered": answered,
            "total": len(territory.communes),
            "again": response.reopened_at is not None,
            "closes_on": access.campaign.closes_on.isoformat(),
            "url": portal_url(settings, f"/gestion/enquetes/{access.campaign.id}/resultats"),
        },
        source_id=f"survey-submitted:{access.campaign.id}:{access.commune.insee}:{now:%Y%m%dT%H%M%S%f}",
    )


def reopen(db: Session, campaign: SurveyCampaign, insee: str, *, by: str, on: dt.date) -> None:
    """Staff let a mairie change answers it has sent (while the campaign is open)."""
    if status_of(campaign, on) == "close":
        raise SurveyError("La campagne est close : ses réponses ne peuvent plus être rouvertes.")
    response = response_of(db, campaign.id, insee)
    if response is None or response.status != SUBMITTED:
        raise SurveyError("Cette mairie n’a pas encore envoyé ses réponses.")
    response.status = IN_PROGRESS
    response.reopened_at, response.reopened_by = utcnow(), by
    response.updated_at = response.reopened_at


# --- mails, Matrix messages, reminders --------------------------------------------------------


def _tell_mairie(
    db: Session,
    campaign: SurveyCampaign,
    commune: Commune,
    link: SurveyLink,
    kind: str,
    settings: Settings,
    territory: Territory,
    reminder: str = "",
) -> None:
    url = link_url(settings, link)
    closes = date_fr(campaign.closes_on)
    if kind == REMINDER_KIND:
        subject = f"Rappel : « {campaign.title} » se termine le {closes}"
        opening = (
            f"la campagne « {campaign.title} » se termine le {closes} et les réponses de la "
            f"mairie de {commune.name} ne nous sont pas encore parvenues."
        )
    else:
        subject = f"{campaign.title} : le questionnaire de la mairie de {commune.name}"
        opening = (
            f"{territory.name} interroge ses communes sur leur équipement numérique. Le "
            f"questionnaire de la mairie de {commune.name} est ouvert du "
            f"{date_fr(campaign.opens_on)} au {closes}."
        )
    address = mairie_address(db, territory, commune.insee)
    if kind == INVITATION_KIND:
        link.sent_to = address
    if address:
        body = (
            f"Bonjour,\n\n{opening}\n\n"
            f"Le lien personnel de votre mairie (à ne pas transmettre en dehors de la mairie) :\n"
            f"{url}\n\n"
            "Vos réponses sont enregistrées à chaque section : vous pouvez reprendre plus tard, "
            "sur n’importe quel appareil, avec ce même lien.\n\n"
            f"Merci de votre participation,\n{territory.name}\n"
        )
        queue_mail(db, address, subject, body)
    for person in secretaries(territory, commune.insee):
        outbox.enqueue(
            db,
            kind=kind,
            room_key=f"direct:{person.localpart}",
            payload={
                "campaign": campaign.title,
                "commune": commune.name,
                "closes_on": campaign.closes_on.isoformat(),
                "url": url,
                "name": person.name,
            },
            source_id=f"{kind}:{link.id}:{person.localpart}{':' + reminder if reminder else ''}",
        )


def reminder_due(campaign: SurveyCampaign, on: dt.date) -> str | None:
    """The reminder of the day: 'J-7' from 7 days before the close, 'J-1' the day before
    (and on the last day, had the day before been missed)."""
    if status_of(campaign, on) != "ouverte":
        return None
    days_left = (campaign.closes_on - on).days
    due = None
    for kind, days in REMINDERS:
        if days_left <= days:
            due = kind
    return due


def send_reminders(db: Session, *, on: dt.date, settings: Settings, territory: Territory) -> int:
    """Remind the mairies that have not sent their answers; how many reminders were sent."""
    sent = 0
    open_campaigns = db.scalars(
        select(SurveyCampaign).where(SurveyCampaign.opens_on <= on, SurveyCampaign.closes_on >= on)
    ).all()
    for found in open_campaigns:
        kind = reminder_due(found, on)
        if kind is None:
            continue
        done = set(
            db.scalars(
                select(SurveyResponse.insee).where(
                    SurveyResponse.campaign_id == found.id, SurveyResponse.status == SUBMITTED
                )
            )
        )
        reminded = set(
            db.scalars(
                select(SurveyReminder.insee).where(
                    SurveyReminder.campaign_id == found.id, SurveyReminder.kind == kind
                )
            )
        )
        for commune in territory.communes:
            if commune.insee in done or commune.insee in reminded:
                continue
            link = active_link(db, found.id, commune.insee)
            if link is None:  # revoked and not reissued: staff took it in hand
                continue
            db.add(SurveyReminder(campaign_id=found.id, insee=commune.insee, kind=kind))
            _tell_mairie(db, found, commune, link, REMINDER_KIND, settings, territory, kind)
            sent += 1
    return sent
