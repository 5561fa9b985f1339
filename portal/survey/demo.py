"""The survey's demo: last year's campaign closed (every mairie answered), this year's open
(12 answered, 2 in progress), with plausible answers that differ from one mairie and one year
to the next. Fictitious; loaded once (a database with a campaign is left as it is)."""

from __future__ import annotations

import datetime as dt
import random
import secrets
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from collab.config import Settings
from collab.db import utcnow
from collab.territory import Commune, Territory
from portal.survey import campaigns as c
from portal.survey import questionnaire as q
from portal.survey.models import (
    IN_PROGRESS,
    SUBMITTED,
    SurveyCampaign,
    SurveyLink,
    SurveyResponse,
)

THIS_YEAR_ANSWERED, THIS_YEAR_IN_PROGRESS = 12, 2
EDITORS = ("Logiciels Exemple", "Mairie Démo Informatique", "Éditions Fictives", "Coteaux Soft")
# How likely a "yes" is, last year and this year (the intercommunality's work shows).
YES = {
    "domaine_propre": (0.35, 0.45),
    "adresses_nominatives": (0.4, 0.5),
    "site_web": (0.6, 0.7),
    "site_accessible": (0.2, 0.35),
    "scanner": (0.8, 0.85),
    "restauration_testee": (0.3, 0.4),
    "plan_continuite": (0.2, 0.3),
    "referent_securite": (0.2, 0.35),
    "sensibilisation": (0.25, 0.55),
    "antivirus": (0.8, 0.85),
    "registre_traitements": (0.4, 0.55),
}
CONNECTION = {  # weights of each connection type, last year and this year
    "fibre": (4, 9),
    "adsl": (9, 5),
    "hertzien": (2, 2),
    "satellite": (1, 1),
    "mobile": (2, 1),
    "aucune": (0, 0),
}
SPEED = {"fibre": (300, 1000), "adsl": (2, 25), "hertzien": (10, 50), "satellite": (20, 100)}


def _weighted(rng: random.Random, choices, weights) -> str:
    return rng.choices([value for value, _ in choices], weights=weights)[0]


def _number(question: q.Question, rng: random.Random, answers: dict, commune: Commune) -> Any:
    if question.id == "nb_ordinateurs":
        return 1 + commune.population // 500 + rng.randint(0, 2)
    if question.id == "debit":
        low, high = SPEED.get(answers.get("type_connexion"), (5, 50))
        return rng.randint(low, high)
    if question.id == "nb_imprimantes":
        return 1 + rng.randint(0, 2) + commune.population // 1500
    low = question.min or 0
    high = question.max if question.max is not None else low + 100
    return rng.randint(int(low), int(low + (high - low) / 10))


def _table(question: q.Question, rng: random.Random, answers: dict, year: int) -> list:
    count = min(answers.get("nb_ordinateurs", 2), 6) if question.id == "parc" else rng.randint(1, 3)
    rows = []
    for n in range(count):
        row: dict[str, Any] = {}
        for column in question.columns:
            if column.type == "number":
                row[column.id] = rng.randint(int(column.min or 0), 9 - 2 * year)
            elif column.type == "single":
                row[column.id] = rng.choice(column.choices)[0]
            elif column.type == "yesno":
                row[column.id] = rng.random() < 0.4
            else:
                row[column.id] = (
                    ["Secrétariat", "Accueil", "Maire", "Agence postale", "Bibliothèque"][n % 5]
                    if question.id == "parc"
                    else ["École", "Salle des fêtes", "Bibliothèque"][n % 3]
                )
        rows.append(row)
    return rows


def plausible_answers(
    questionnaire: q.Questionnaire, commune: Commune, year: int, rng: random.Random
) -> dict[str, Any]:
    """Answers to every question the skip rules leave, as a mairie of that size would give;
    `year` 0 is last year, 1 this year."""
    answers: dict[str, Any] = {}
    for section in questionnaire.sections:
        for question in section.questions:
            if q.is_skipped(section, question, answers):
                continue
            if not question.required and rng.random() < 0.15:
                continue
            value: Any
            if question.type == "number":
                value = _number(question, rng, answers, commune)
            elif question.type == "yesno":
                value = rng.random() < YES.get(question.id, (0.5, 0.5))[year]
            elif question.type == "single":
                if question.id == "type_connexion":
                    weights = [CONNECTION.get(v, (1, 1))[year] for v, _ in question.choices]
                    value = _weighted(rng, question.choices, weights)
                else:
                    value = rng.choice(question.choices)[0]
            elif question.type == "multiple":
                values = [v for v, _ in question.choices]
                if "aucun" in values and rng.random() < 0.35 + 0.1 * year:
                    value = ["aucun"]
                else:
                    pool = [v for v in values if v != "aucun"]
                    picked = rng.sample(pool, rng.randint(1, min(3, len(pool))))
                    value = sorted(picked, key=values.index)
            elif question.type == "scale":
                points = question.scale_points()
                value = min(points[-1], max(points[0], rng.randint(points[0], points[-1]) + year))
            elif question.type == "table":
                value = _table(question, rng, answers, year)
            elif question.id == "editeur":
                value = rng.choice(EDITORS)
            elif question.type == "longtext":
                if rng.random() < 0.5:
                    continue
                value = "Réponse de démonstration : " + rng.choice(
                    ["un poste à remplacer cette année.", "besoin d’aide pour le site.",
                     "une formation des agents serait utile.", "rien de particulier."]
                )  # fmt: skip
            else:
                value = "Démonstration"
            answers[question.id] = value
    return q.kept_answers(questionnaire, answers)


def _campaign(
    db: Session, title: str, version_id: int, opens: dt.date, closes: dt.date, territory
) -> SurveyCampaign:
    campaign = SurveyCampaign(
        title=title,
        questionnaire_id=version_id,
        opens_on=opens,
        closes_on=closes,
        created_by="démonstration",
        created_at=utcnow(),
    )
    db.add(campaign)
    db.flush()
    for commune in territory.communes:
        db.add(
            SurveyLink(
                campaign_id=campaign.id,
                insee=commune.insee,
                token=secrets.token_urlsafe(24),
                sent_to=c.mairie_address(db, territory, commune.insee),
            )
        )
    return campaign


def load_demo(settings: Settings, sessions: sessionmaker[Session], territory: Territory) -> str:
    with sessions.begin() as db:
        if db.scalar(select(func.count()).select_from(SurveyCampaign)):
            return "survey: demo campaigns already there"
        version = c.ensure_questionnaire(db)
        version.frozen_at = version.frozen_at or utcnow()
        questionnaire = c.parsed(version)
        today = c.today(settings)
        this_opens = today - dt.timedelta(days=14)
        last_opens = this_opens.replace(year=this_opens.year - 1, day=min(this_opens.day, 28))
        plans = (
            (0, last_opens, last_opens + dt.timedelta(days=30), len(territory.communes), 0),
            (1, this_opens, today + dt.timedelta(days=16), THIS_YEAR_ANSWERED,
             THIS_YEAR_IN_PROGRESS),
        )  # fmt: skip
        now = utcnow()
        for year, opens, closes, answered, in_progress in plans:
            title = f"Équipement numérique des mairies {opens.year}"
            campaign = _campaign(db, title, version.id, opens, closes, territory)
            for n, commune in enumerate(territory.communes):
                if n >= answered + in_progress:
                    break
                rng = random.Random(f"{commune.insee}-{opens.year}")
                answers = plausible_answers(questionnaire, commune, year, rng)
                done = [s.id for s in questionnaire.sections]
                status = SUBMITTED
                if n >= answered:  # in progress: the first sections saved
                    done = done[: 3 + n - answered]
                    keep = {qq.id for s in questionnaire.sections if s.id in done
                            for qq in s.questions}  # fmt: skip
                    answers = {k: v for k, v in answers.items() if k in keep}
                    status = IN_PROGRESS
                moment = dt.datetime.combine(
                    min(closes, opens + dt.timedelta(days=1 + n)), dt.time(9 + n % 8, 15)
                )
                db.add(
                    SurveyResponse(
                        campaign_id=campaign.id,
                        insee=commune.insee,
                        status=status,
                        answers=answers,
                        sections_done=sorted(done),
                        updated_at=min(moment, now),
                        submitted_at=min(moment, now) if status == SUBMITTED else None,
                    )
                )
    return (
        f"survey: 2 campaigns (last year's closed, {len(territory.communes)} answers; this "
        f"year's open, {THIS_YEAR_ANSWERED} answered, {THIS_YEAR_IN_PROGRESS} in progress)"
    )
