"""The demo séances: a conseil convened (answers, one proxy, the quorum reached) and a
commission being prepared. Loaded once: a second run changes nothing."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from collab.db import utcnow
from collab.territory import Territory
from portal.seances import service
from portal.seances.models import PRESENT, PROXY, VIA_CHAT, VIA_MAIL, VIA_WEB, Seance

DEMO = "demo"

CONSEIL_ITEMS = (
    (
        "Approbation du procès-verbal de la séance précédente",
        "alice.exemple",
        "Le procès-verbal de la dernière séance, mis en ligne depuis, est soumis à l’adoption.",
    ),
    (
        "Liste des délibérations : information",
        "karine.fictive",
        "Rappel : la liste des délibérations est publiée sur le portail dans la semaine.",
    ),
    (
        "Accueils de loisirs : tarifs de l’été",
        "bruno.fictif",
        "Proposition de grille tarifaire selon le quotient familial pour les ALSH de l’été.",
    ),
    (
        "Plan local d’urbanisme intercommunal : débat sur le PADD",
        "chloe.demo",
        "Débat sans vote sur les orientations du projet d’aménagement (PADD).",
    ),
)
COMMISSION_ITEMS = (
    ("Révision du zonage à Garidech", "chloe.demo", "Présentation de la modification du plan."),
    ("Questions diverses", None, ""),
)


def _local(days: int, hour: int, tz) -> dt.datetime:
    today = utcnow().replace(tzinfo=dt.UTC).astimezone(tz).date()
    return dt.datetime.combine(today + dt.timedelta(days=days), dt.time(hour, 30))


def load_demo(settings, sessions, territory: Territory) -> str:
    tz = settings.timezone
    with sessions.begin() as db:
        if db.scalar(select(Seance.id).where(Seance.created_by == DEMO).limit(1)):
            return "séances: already loaded"
        conseil = service.create_seance(
            db,
            territory,
            instance_key="conseil",
            starts_at=_local(12, 18, tz),
            place="Salle du conseil, siège de la communauté",
            tz=tz,
            actor=DEMO,
        )
        for title, rapporteur, note in CONSEIL_ITEMS:
            service.add_item(db, territory, conseil, title=title, rapporteur=rapporteur, note=note)
        service.send(db, settings, territory, conseil, actor=DEMO)
        members = [p.localpart for p in territory.members("conseil")]
        present = members[:6]
        for localpart, via in zip(present, (VIA_CHAT, VIA_MAIL, VIA_WEB) * 2, strict=False):
            service.answer(db, territory, conseil, localpart, PRESENT, via=via)
        if len(members) > 7:
            service.answer(
                db, territory, conseil, members[6], PROXY, via=VIA_CHAT, proxy_to=members[0]
            )
        commission = service.create_seance(
            db,
            territory,
            instance_key="urbanisme",
            starts_at=_local(20, 17, tz),
            place="Salle de réunion, mairie de Garidech",
            tz=tz,
            actor=DEMO,
            remote_allowed=True,
        )
        for title, rapporteur, note in COMMISSION_ITEMS:
            service.add_item(
                db, territory, commission, title=title, rapporteur=rapporteur, note=note
            )
    return "séances: a conseil convened (6 present, 1 proxy) and a commission in preparation"
