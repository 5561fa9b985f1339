"""What can be done to a séance, each in the caller's transaction: prepare (create, items,
annexes), send (one action: Matrix messages, mails with the PDF and the .ics, calendar events,
all through the outbox, the mail queue and the calendar job), answer, amend, cancel; the live
quorum and what awaits one official.

Every refusal is a SeanceError with its French message, raised before anything is written.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import secrets
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from collab import outbox
from collab.db import utcnow
from collab.french import date_fr, fold, time_fr
from collab.territory import Instance, Person, Territory
from portal import mail
from portal.seances import documents, proof, rules
from portal.seances.models import (
    ABSENT,
    CANCELLED,
    CHOICE_LABELS,
    CHOICES,
    DRAFT,
    HELD,
    INFORMED,
    LOG_AMENDED,
    LOG_ANSWER,
    LOG_CANCELLED,
    LOG_REMINDER,
    LOG_SENT,
    MEMBER,
    PROXY,
    REMOTE,
    REMOTE_EXCLUSIONS,
    SENT,
    SUBSTITUTE,
    AgendaItem,
    Annex,
    Answer,
    ProofEntry,
    Recipient,
    Seance,
)
from portal.seances.rules import SeanceError

CONVOCATION_KIND = "seances.convocation"  # to one member, with a mention
NOTICE_KIND = "seances.notice"  # in the instance's room
MAX_ANNEX_BYTES = 10 * 1024 * 1024
MAX_TITLE = 500
MAX_PLACE = 255


# --- reading -------------------------------------------------------------------------------
def get_seance(db: Session, seance_id: int) -> Seance:
    seance = db.get(Seance, seance_id)
    if seance is None:
        raise SeanceError(f"Il n’y a pas de séance n° {seance_id}.")
    return seance


def instance_of(territory: Territory, seance: Seance) -> Instance:
    return territory.instance(seance.instance)


def convened_instance(territory: Territory, key: str) -> Instance:
    try:
        instance = territory.instance(key)
    except KeyError:
        raise SeanceError(
            f"L’instance « {key} » n’existe pas dans le fichier du territoire."
        ) from None
    if instance.kind == "service":
        raise SeanceError(f"« {instance.name} » est un service, pas une instance qui siège.")
    return instance


def president_of(territory: Territory, instance: Instance) -> str | None:
    """Who presides the instance: the territory's choice, else the EPCI's president if a member."""
    if instance.president:
        return instance.president
    for person in territory.members(instance.key):
        if person.role == "president":
            return person.localpart
    return None


def may_prepare(territory: Territory, person: Person, instance_key: str | None = None) -> bool:
    """Staff prepare every séance; a president, the séances of the instances they preside."""
    if person.is_staff:
        return True
    keys = [instance_key] if instance_key else [i.key for i in territory.instances]
    return any(
        president_of(territory, territory.instance(key)) == person.localpart
        for key in keys
        if territory.instance(key).kind != "service"
    )


def deadline(seance: Seance, instance: Instance, tz: ZoneInfo) -> rules.Deadline:
    day = rules.local_date(seance.starts_at, tz)
    return rules.send_deadline(day, rules.jours_francs(instance), urgency=seance.urgency)


def local_start(seance: Seance, tz: ZoneInfo) -> dt.datetime:
    return seance.starts_at.replace(tzinfo=dt.UTC).astimezone(tz)


def when_fr(seance: Seance, tz: ZoneInfo) -> str:
    start = local_start(seance, tz)
    return f"{date_fr(start.date())} à {time_fr(start)}"


# --- prepare -------------------------------------------------------------------------------
def _check_place(place: str) -> str:
    place = (place or "").strip()
    if not place:
        raise SeanceError("Indiquez le lieu de la séance.")
    if len(place) > MAX_PLACE:
        raise SeanceError(f"Le lieu est trop long ({len(place)} caractères, {MAX_PLACE} au plus).")
    return place


def _to_utc(local: dt.datetime, tz: ZoneInfo) -> dt.datetime:
    return local.replace(tzinfo=tz).astimezone(dt.UTC).replace(tzinfo=None)


def create_seance(
    db: Session,
    territory: Territory,
    *,
    instance_key: str,
    starts_at: dt.datetime,  # local, naive
    place: str,
    tz: ZoneInfo,
    remote_allowed: bool = False,
    proxies_allowed: bool = True,
    duration_minutes: int = 120,
    actor: str | None = None,
    now: dt.datetime | None = None,
) -> Seance:
    instance = convened_instance(territory, instance_key)
    start = _to_utc(starts_at, tz)
    if start <= (now or utcnow()):
        raise SeanceError("La date de la séance est passée : choisissez une date à venir.")
    if not 15 <= duration_minutes <= 24 * 60:
        raise SeanceError("La durée d’une séance va de 15 minutes à 24 heures.")
    seance = Seance(
        instance=instance.key,
        starts_at=start,
        duration_minutes=duration_minutes,
        place=_check_place(place),
        remote_allowed=remote_allowed,
        proxies_allowed=proxies_allowed,
        status=DRAFT,
        version=0,
        created_by=actor,
    )
    db.add(seance)
    db.flush()
    return seance


def _editable(seance: Seance) -> None:
    if seance.status in (CANCELLED, HELD):
        raise SeanceError(
            f"La séance est {'annulée' if seance.status == CANCELLED else 'tenue'} : "
            "elle ne se modifie plus."
        )


def update_seance(
    db: Session,
    seance: Seance,
    *,
    starts_at: dt.datetime,
    place: str,
    tz: ZoneInfo,
    remote_allowed: bool,
    proxies_allowed: bool,
    now: dt.datetime | None = None,
) -> None:
    _editable(seance)
    start = _to_utc(starts_at, tz)
    if start <= (now or utcnow()):
        raise SeanceError("La date de la séance est passée : choisissez une date à venir.")
    if remote_allowed:
        _refuse_remote_with_exclusions(seance.items)
    seance.starts_at, seance.place = start, _check_place(place)
    seance.remote_allowed, seance.proxies_allowed = remote_allowed, proxies_allowed


def _refuse_remote_with_exclusions(items: list[AgendaItem]) -> None:
    excluded = rules.remote_excluded_items((i.title, i.remote_excluded) for i in items)
    if excluded:
        raise SeanceError(
            "La téléconférence est exclue pour « " + " », « ".join(excluded) + " » (CGCT "
            "L5211-11-1) : la participation à distance ne peut pas être ouverte."
        )


def _check_item(
    territory: Territory, title: str, rapporteur: str | None, excluded: str | None
) -> tuple[str, str | None, str | None]:
    title = (title or "").strip()
    if not title:
        raise SeanceError("Indiquez le titre du point.")
    if len(title) > MAX_TITLE:
        raise SeanceError(f"Le titre est trop long ({len(title)} caractères, {MAX_TITLE} au plus).")
    rapporteur = (rapporteur or "").strip() or None
    if rapporteur is not None:
        try:
            territory.person(rapporteur)
        except KeyError:
            raise SeanceError(
                f"Le rapporteur « {rapporteur} » n’est pas une personne du territoire."
            ) from None
    excluded = excluded or None
    if excluded is not None and excluded not in REMOTE_EXCLUSIONS:
        raise SeanceError("Exclusion de la téléconférence inconnue.")
    return title, rapporteur, excluded


def add_item(
    db: Session,
    territory: Territory,
    seance: Seance,
    *,
    title: str,
    rapporteur: str | None = None,
    note: str = "",
    remote_excluded: str | None = None,
) -> AgendaItem:
    _editable(seance)
    title, rapporteur, remote_excluded = _check_item(territory, title, rapporteur, remote_excluded)
    if remote_excluded and seance.remote_allowed:
        raise SeanceError(
            "La participation à distance est ouverte pour cette séance : un point où la "
            "téléconférence est exclue (budget, élections) ne peut pas y être inscrit."
        )
    item = AgendaItem(
        position=len(seance.items) + 1,
        title=title,
        rapporteur=rapporteur,
        note=(note or "").strip(),
        remote_excluded=remote_excluded,
    )
    seance.items.append(item)
    db.flush()
    return item


def update_item(
    db: Session,
    territory: Territory,
    seance: Seance,
    item_id: int,
    *,
    title: str,
    rapporteur: str | None,
    note: str,
    remote_excluded: str | None,
) -> AgendaItem:
    _editable(seance)
    item = _item(seance, item_id)
    title, rapporteur, remote_excluded = _check_item(territory, title, rapporteur, remote_excluded)
    if remote_excluded and seance.remote_allowed:
        raise SeanceError(
            "La participation à distance est ouverte pour cette séance : la téléconférence ne "
            "peut pas y être exclue pour un point."
        )
    item.title, item.rapporteur, item.note = title, rapporteur, (note or "").strip()
    item.remote_excluded = remote_excluded
    db.flush()
    return item


def _item(seance: Seance, item_id: int) -> AgendaItem:
    for item in seance.items:
        if item.id == item_id:
            return item
    raise SeanceError("Ce point n’est pas à l’ordre du jour de cette séance.")


def move_item(db: Session, seance: Seance, item_id: int, offset: int) -> None:
    """Move an item up (-1) or down (+1) the agenda."""
    _editable(seance)
    items = sorted(seance.items, key=lambda i: i.position)
    item = _item(seance, item_id)
    index = items.index(item)
    target = index + offset
    if not 0 <= target < len(items):
        raise SeanceError("Ce point est déjà au bout de l’ordre du jour.")
    items[index], items[target] = items[target], items[index]
    for position, each in enumerate(items, start=1):
        each.position = position
    db.flush()


def remove_item(db: Session, seance: Seance, item_id: int) -> None:
    _editable(seance)
    item = _item(seance, item_id)
    seance.items.remove(item)
    for position, each in enumerate(sorted(seance.items, key=lambda i: i.position), start=1):
        each.position = position
    db.flush()


_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def check_annex(filename: str, data: bytes) -> str:
    """The name the annex gets in the share; refuses what is not a PDF or is too large."""
    name = (filename or "").rsplit("/", 1)[-1].rsplit("\\", 1)[-1].strip()
    if not name:
        raise SeanceError("Choisissez un fichier PDF.")
    if not name.lower().endswith(".pdf") or not data.startswith(b"%PDF-"):
        raise SeanceError(
            f"« {name} » n’est pas un PDF : seules les annexes en PDF sont acceptées."
        )
    if len(data) > MAX_ANNEX_BYTES:
        raise SeanceError(
            f"« {name} » est trop volumineux ({len(data) // (1024 * 1024)} Mo, "
            f"{MAX_ANNEX_BYTES // (1024 * 1024)} Mo au plus)."
        )
    if not data.rstrip().endswith(b"%%EOF"):
        raise SeanceError(f"« {name} » est incomplet ou abîmé (fin de PDF absente).")
    safe = _UNSAFE.sub("-", name[:-4]).strip("-") or "annexe"
    return f"{safe[:80]}.pdf"


def add_annex(
    db: Session,
    shares,  # collab.webdav.DavShares (the bot's)
    seance: Seance,
    item_id: int,
    filename: str,
    data: bytes,
    *,
    actor: str | None = None,
) -> Annex:
    """Check the file, write it into the séance's folder of the instance's share, record it."""
    _editable(seance)
    item = _item(seance, item_id)
    safe = check_annex(filename, data)
    path = f"{seance.folder}/{item.position:02d}-{safe}"
    if any(a.path == path for i in seance.items for a in i.annexes):
        raise SeanceError(f"Une annexe « {safe} » existe déjà pour ce point.")
    shares.ensure_folder(seance.instance, seance.folder)
    shares.upload(seance.instance, path, data)
    annex = Annex(
        filename=filename.rsplit("/", 1)[-1][:255],
        path=path,
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        uploaded_by=actor,
    )
    item.annexes.append(annex)
    db.flush()
    return annex


# --- send ----------------------------------------------------------------------------------
def check_sendable(seance: Seance, instance: Instance, tz: ZoneInfo, now: dt.datetime) -> None:
    if seance.status == CANCELLED:
        raise SeanceError("La séance est annulée.")
    if seance.starts_at <= now:
        raise SeanceError("La séance a déjà commencé : la convocation ne peut plus être envoyée.")
    if not seance.items:
        raise SeanceError("L’ordre du jour est vide : ajoutez au moins un point avant d’envoyer.")
    if rules.note_required(instance):
        missing = [i.title for i in seance.items if not i.note.strip()]
        if missing:
            raise SeanceError(
                "Une note explicative de synthèse est requise pour chaque point (CGCT L2121-12) ;"
                " il manque celle de : « " + " », « ".join(missing) + " »."
            )
    limit = deadline(seance, instance, tz)
    today = now.replace(tzinfo=dt.UTC).astimezone(tz).date()
    if not limit.allows(today):
        if seance.urgency:
            raise SeanceError(
                "Même en urgence, la convocation doit précéder la séance d’au moins un jour franc "
                f"(au plus tard le {date_fr(limit.last_day)})."
            )
        raise SeanceError(
            f"Trop tard : la convocation devait partir au plus tard le {date_fr(limit.last_day)} "
            f"({limit.days} jours francs). Déclarez l’urgence, avec son motif, pour l’envoyer."
        )


# Who receives the council's convocation without sitting: the suppléants (CGCT L5211-6) and
# the municipal councillors of the member communes (L5211-40-2).
INFORMED_ROLES = frozenset({rules.SUPPLEANT, "elu-municipal"})


def recipients_of(territory: Territory, instance: Instance) -> list[tuple[Person, str]]:
    """Members, then — for the community council — the suppléants and the municipal
    councillors of the member communes who do not sit on it, as information."""
    members = list(territory.members(instance.key))
    found = [(p, MEMBER) for p in members]
    if instance.kind == "conseil":
        seated = {p.localpart for p in members}
        found += [
            (p, INFORMED)
            for p in territory.people
            if p.role in INFORMED_ROLES and p.localpart not in seated
        ]
    return found


@dataclass(frozen=True)
class Sending:
    version: int
    recipients: int
    changes: tuple[str, ...]


def declare_urgency(seance: Seance, reason: str) -> None:
    reason = (reason or "").strip()
    if not reason:
        raise SeanceError("Indiquez le motif de l’urgence : le président l’expose à l’ouverture.")
    seance.urgency, seance.urgency_reason = True, reason


def send(
    db: Session,
    settings,
    territory: Territory,
    seance: Seance,
    *,
    actor: str | None,
    changes: tuple[str, ...] = (),
    now: dt.datetime | None = None,
) -> Sending:
    """Send (version 1) or resend (an amendment, with what changed) the convocation to
    everyone, in the caller's transaction: one outbox row per member (a mention in the
    instance's room), a notice in the room, one mail each with the PDF and the .ics; the
    calendar job writes the events (calendar_at)."""
    now = now or utcnow()
    tz = settings.timezone
    instance = instance_of(territory, seance)
    check_sendable(seance, instance, tz, now)
    amending = seance.status == SENT
    if amending:
        changes = tuple(changes) or changes_since_sent(db, seance, tz)
        if not changes:
            raise SeanceError(
                f"Rien n’a changé depuis la version {seance.version} : rien à renvoyer."
            )
    seance.version += 1
    seance.status = SENT
    seance.sent_at = seance.sent_at or now
    version = seance.version
    pdf = documents.convocation_pdf(settings, territory, seance, changes=changes)
    docs = [(f"convocation-v{version}.pdf", pdf)] + [
        (a.path, a.sha256) for i in seance.items for a in i.annexes
    ]
    docs_hash = proof.documents_hash(docs)
    existing = {r.localpart: r for r in seance.recipients}
    sent_to = []
    for person, role in recipients_of(territory, instance):
        recipient = existing.get(person.localpart)
        if recipient is None:
            recipient = Recipient(
                localpart=person.localpart,
                name=person.name,
                role=role,
                token=secrets.token_urlsafe(24),
            )
            seance.recipients.append(recipient)
        recipient.email = person.email
        recipient.version = version
        recipient.calendar_at = None  # the calendar job writes this version
        recipient.matrix_delivered_at = recipient.matrix_read_at = None
        recipient.mail_delivered_at = None
        _convey(db, settings, territory, seance, instance, recipient, person, pdf, changes, now)
        sent_to.append(person.localpart)
    db.flush()
    outbox.enqueue(
        db,
        kind=NOTICE_KIND,
        room_key=instance.room_key,
        payload=documents.notice_payload(settings, territory, seance, changes=changes),
        source_id=f"seance:{seance.id}:v{version}:notice",
    )
    proof.append(
        db,
        seance.id,
        LOG_AMENDED if amending else LOG_SENT,
        {
            "version": version,
            "recipients": sent_to,
            "changes": list(changes),
            "urgency": seance.urgency,
            "urgency_reason": seance.urgency_reason,
            "starts_at": seance.starts_at.isoformat(),
            "place": seance.place,
            "items": [i.title for i in seance.items],
            "notes": {i.title: i.note for i in seance.items},
            "annexes": [[i.title, a.filename, a.sha256] for i in seance.items for a in i.annexes],
        },
        actor=actor,
        documents=docs_hash,
    )
    return Sending(version=version, recipients=len(sent_to), changes=changes)


def changes_since_sent(db: Session, seance: Seance, tz: ZoneInfo) -> tuple[str, ...]:
    """What changed since the last version sent (its proof entry), in French, one line each."""
    last = db.scalars(
        select(ProofEntry)
        .where(ProofEntry.seance_id == seance.id, ProofEntry.kind.in_((LOG_SENT, LOG_AMENDED)))
        .order_by(ProofEntry.sequence.desc())
        .limit(1)
    ).first()
    if last is None:
        return ()
    before = last.details
    found = []
    if before.get("starts_at") != seance.starts_at.isoformat():
        found.append(f"nouvelle date : {when_fr(seance, tz)}")
    if before.get("place") != seance.place:
        found.append(f"nouveau lieu : {seance.place}")
    titles = [i.title for i in seance.items]
    old_titles = before.get("items") or []
    found += [f"point ajouté : {t}" for t in titles if t not in old_titles]
    found += [f"point retiré : {t}" for t in old_titles if t not in titles]
    if [t for t in titles if t in old_titles] != [t for t in old_titles if t in titles]:
        found.append("ordre du jour réordonné")
    old_notes = before.get("notes") or {}
    found += [
        f"note de synthèse modifiée : {i.title}"
        for i in seance.items
        if i.title in old_notes and old_notes[i.title] != i.note
    ]
    old_annexes = {tuple(a) for a in before.get("annexes") or []}
    found += [
        f"annexe ajoutée au point « {i.title} » : {a.filename}"
        for i in seance.items
        for a in i.annexes
        if (i.title, a.filename, a.sha256) not in old_annexes
    ]
    return tuple(found)


def _convey(db, settings, territory, seance, instance, recipient, person, pdf, changes, now):
    version = seance.version
    if recipient.role == MEMBER:
        source_id = f"seance:{seance.id}:v{version}:to:{person.localpart}"
        outbox.enqueue(
            db,
            kind=CONVOCATION_KIND,
            room_key=instance.room_key,
            payload=documents.convocation_payload(
                settings, territory, seance, recipient, changes=changes
            ),
            source_id=source_id,
        )
        recipient.matrix_source_id = source_id
        recipient.matrix_sent_at = now
    if person.email:
        subject, body = documents.convocation_mail(
            settings, territory, seance, recipient, changes=changes
        )
        ics = documents.invitation_ics(settings, territory, seance, recipient)
        recipient.mail_id = mail.queue_mail_with_attachments(
            db,
            person.email,
            subject,
            body,
            [
                (f"convocation-{seance.instance}-v{version}.pdf", "application/pdf", pdf),
                ("invitation.ics", "text/calendar", ics),
            ],
        )
        recipient.mail_sent_at = now


def cancel(
    db: Session,
    settings,
    territory: Territory,
    seance: Seance,
    *,
    reason: str,
    actor: str | None,
    now: dt.datetime | None = None,
) -> None:
    """Cancel: everyone told (room, mails with a METHOD:CANCEL .ics), the calendar job marks
    the events cancelled."""
    now = now or utcnow()
    reason = (reason or "").strip()
    if seance.status == CANCELLED:
        raise SeanceError("La séance est déjà annulée.")
    if seance.status == HELD or seance.starts_at <= now:
        raise SeanceError("La séance a déjà commencé : elle ne peut plus être annulée.")
    if not reason:
        raise SeanceError("Indiquez le motif de l’annulation : il est envoyé à tous.")
    was_sent = seance.status == SENT
    seance.status, seance.cancelled_at, seance.cancel_reason = CANCELLED, now, reason
    seance.version += 1
    if not was_sent:
        return  # nobody was convened: nothing to tell
    instance = instance_of(territory, seance)
    subject, body = documents.cancellation_mail(settings, territory, seance, reason)
    for recipient in seance.recipients:
        recipient.calendar_at = None  # the calendar job cancels the events
        if recipient.email:
            ics = documents.invitation_ics(settings, territory, seance, recipient, cancel=True)
            mail.queue_mail_with_attachments(
                db, recipient.email, subject, body, [("annulation.ics", "text/calendar", ics)]
            )
    outbox.enqueue(
        db,
        kind=NOTICE_KIND,
        room_key=instance.room_key,
        payload=documents.notice_payload(settings, territory, seance, cancelled=reason),
        source_id=f"seance:{seance.id}:cancelled",
    )
    proof.append(
        db, seance.id, LOG_CANCELLED, {"version": seance.version, "reason": reason}, actor=actor
    )


# --- answers ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class Confirmation:
    text: str  # French, sent back to the member


def members_in_office(territory: Territory, seance: Seance) -> set[str]:
    return {p.localpart for p in territory.members(seance.instance)}


def _consecutive_proxies(db: Session, seance: Seance, giver: str) -> int:
    """How many séances of the instance just before this one `giver` gave a proxy for."""
    earlier = db.scalars(
        select(Seance)
        .where(
            Seance.instance == seance.instance,
            Seance.starts_at < seance.starts_at,
            Seance.status.in_((SENT, HELD)),
        )
        .order_by(Seance.starts_at.desc())
        .limit(rules.MAX_CONSECUTIVE_PROXIES)
    ).all()
    count = 0
    for other in earlier:
        answer = db.scalar(
            select(Answer).where(Answer.seance_id == other.id, Answer.localpart == giver)
        )
        if answer is None or answer.choice != PROXY:
            break
        count += 1
    return count


def find_member(territory: Territory, seance: Seance, text: str) -> str:
    """A member of the instance named by localpart or name (accents and case aside)."""
    wanted = fold(text.strip().lstrip("@").split(":")[0])
    if not wanted:
        raise SeanceError("Indiquez à quel membre vous donnez pouvoir : !pouvoir Prénom Nom")
    people = territory.people
    matches = [p for p in people if fold(p.localpart) == wanted or fold(p.name) == wanted]
    if not matches:
        matches = [p for p in people if wanted in fold(p.name).split()]
    if len(matches) > 1:
        raise SeanceError(
            f"Plusieurs personnes répondent à « {text} » : "
            + ", ".join(p.name for p in matches)
            + ". Donnez le nom complet."
        )
    if not matches:
        raise SeanceError(f"Personne ne s’appelle « {text} » dans cette instance.")
    return matches[0].localpart


def answer(
    db: Session,
    territory: Territory,
    seance: Seance,
    localpart: str,
    choice: str,
    *,
    via: str,
    proxy_to: str | None = None,
    illness: bool = False,
    now: dt.datetime | None = None,
) -> Confirmation:
    now = now or utcnow()
    if choice not in CHOICES:
        raise SeanceError("Réponse inconnue : présent, à distance, absent, pouvoir ou suppléant.")
    if seance.status == CANCELLED:
        raise SeanceError("Cette séance est annulée : il n’y a plus à répondre.")
    if seance.status != SENT:
        raise SeanceError("Cette séance n’est pas encore convoquée.")
    if now >= seance.starts_at:
        raise SeanceError("La séance a commencé : les réponses sont closes (voyez le secrétariat).")
    members = members_in_office(territory, seance)
    if localpart not in members:
        raise SeanceError(
            "Vous n’êtes pas (ou plus) membre de cette instance : votre réponse "
            "n’est pas enregistrée."
        )
    person = territory.person(localpart)
    names = {p.localpart: p.name for p in territory.people}
    if choice == REMOTE:
        rules.check_remote(
            seance.remote_allowed, ((i.title, i.remote_excluded) for i in seance.items)
        )
    if choice == PROXY:
        if not seance.proxies_allowed:
            raise SeanceError("Les pouvoirs ne sont pas ouverts pour cette séance.")
        if proxy_to is None:
            raise SeanceError("Indiquez à quel membre vous donnez pouvoir.")
        held = [
            a.localpart
            for a in seance.answers
            if a.choice == PROXY and a.proxy_to == proxy_to and a.localpart != localpart
        ]
        rules.check_proxy(
            localpart,
            proxy_to,
            members=members,
            holders_proxies=held,
            consecutive_before=_consecutive_proxies(db, seance, localpart),
            illness=illness,
            names=names,
        )
        holder_answer = next((a for a in seance.answers if a.localpart == proxy_to), None)
        if holder_answer is not None and holder_answer.choice in (ABSENT, PROXY, SUBSTITUTE):
            raise SeanceError(
                f"{names[proxy_to]} a répondu ne pas siéger : choisissez un autre membre."
            )
    else:
        proxy_to = None
    if choice == SUBSTITUTE:
        rules.check_substitute(territory, person, seance.instance)
    if choice in (ABSENT, PROXY, SUBSTITUTE):
        givers = [a for a in seance.answers if a.choice == PROXY and a.proxy_to == localpart]
        if givers:
            raise SeanceError(
                f"Vous détenez le pouvoir de {names.get(givers[0].localpart)} :"
                " qu’il ou elle le donne à un autre membre avant que vous ne répondiez absent."
            )
    current = next((a for a in seance.answers if a.localpart == localpart), None)
    if current is None:
        current = Answer(localpart=localpart, choice=choice, via=via)
        seance.answers.append(current)
    current.choice, current.proxy_to, current.illness = choice, proxy_to, illness
    current.via, current.answered_at = via, now
    recipient = next((r for r in seance.recipients if r.localpart == localpart), None)
    if recipient is not None and recipient.acknowledged_at is None:
        recipient.acknowledged_at = now
    db.flush()
    proof.append(
        db,
        seance.id,
        LOG_ANSWER,
        {"member": localpart, "choice": choice, "proxy_to": proxy_to, "via": via},
        actor=localpart,
    )
    return Confirmation(confirmation_text(territory, seance, current))


def confirmation_text(territory: Territory, seance: Seance, current: Answer) -> str:
    name = territory.person(current.localpart).name
    what = CHOICE_LABELS[current.choice]
    if current.choice == PROXY:
        what = f"pouvoir donné à {territory.person(current.proxy_to).name}"
    if current.choice == SUBSTITUTE:
        suppleant = rules.suppleant_of(territory, territory.person(current.localpart))
        if suppleant is not None:
            what = f"remplacé par votre suppléant ({suppleant.name})"
    return f"Réponse enregistrée pour {name} : {what} — séance n° {seance.id}."


def quorum_of(territory: Territory, seance: Seance) -> rules.Quorum:
    return rules.quorum(
        members_in_office(territory, seance), ((a.localpart, a.choice) for a in seance.answers)
    )


def unanswered(territory: Territory, seance: Seance) -> list[str]:
    answered = {a.localpart for a in seance.answers}
    return sorted(members_in_office(territory, seance) - answered)


def next_seance(db: Session, instance_key: str, now: dt.datetime | None = None) -> Seance | None:
    """The instance's next convened séance (for !quorum and the answers in its room)."""
    return db.scalars(
        select(Seance)
        .where(
            Seance.instance == instance_key,
            Seance.status == SENT,
            Seance.starts_at > (now or utcnow()) - dt.timedelta(hours=12),
        )
        .order_by(Seance.starts_at)
        .limit(1)
    ).first()


def record_reminder(db: Session, seance: Seance, which: str, to: list[str]) -> None:
    proof.append(db, seance.id, LOG_REMINDER, {"which": which, "to": to})


# --- for the officials' home page (issue 17) -----------------------------------------------
@dataclass(frozen=True)
class Upcoming:
    seance_id: int
    instance: str  # its name
    starts_at: dt.datetime  # UTC, naive
    place: str
    answer: str | None  # the person's answer (French label), None while awaited
    asks: tuple[str, ...]  # French: "réponse attendue", "vous détenez le pouvoir de …"
    token: str = ""  # the person's answer page: /seances/reponse/<token>


def upcoming_for(
    db: Session, localpart: str, territory: Territory, *, now: dt.datetime | None = None
) -> list[Upcoming]:
    """The person's next convened séances (as member or informed councillor), soonest first,
    with what each asks of them: an answer awaited, a proxy they hold."""
    now = now or utcnow()
    rows = db.execute(
        select(Seance, Recipient.token)
        .join(Recipient, Recipient.seance_id == Seance.id)
        .where(Recipient.localpart == localpart, Seance.status == SENT, Seance.starts_at > now)
        .order_by(Seance.starts_at)
    ).all()
    names = {p.localpart: p.name for p in territory.people}
    found = []
    for seance, token in rows:
        try:
            instance = territory.instance(seance.instance)
        except KeyError:
            continue
        mine = next((a for a in seance.answers if a.localpart == localpart), None)
        member = localpart in members_in_office(territory, seance)
        asks = []
        if member and mine is None:
            asks.append("réponse attendue")
        for a in seance.answers:
            if a.choice == PROXY and a.proxy_to == localpart:
                asks.append(f"vous détenez le pouvoir de {names.get(a.localpart, a.localpart)}")
        label = None
        if mine is not None:
            label = CHOICE_LABELS[mine.choice]
            if mine.choice == PROXY and mine.proxy_to:
                label = f"pouvoir donné à {names.get(mine.proxy_to, mine.proxy_to)}"
        found.append(
            Upcoming(
                seance.id, instance.name, seance.starts_at, seance.place, label, tuple(asks), token
            )
        )
    return found
