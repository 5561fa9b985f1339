"""What a convocation says, in each form: the PDF (agenda, notes, date, place, legal mentions),
the mail, the .ics invitation (REQUEST or CANCEL), the payloads of the Matrix messages."""

from __future__ import annotations

import datetime as dt

import icalendar
from fpdf import FPDF

from collab.french import date_fr, time_fr
from collab.territory import Territory
from collab.vtimezone import add_timezones
from collab.webdav import document_url
from portal.pdf import latin1
from portal.seances import rules
from portal.seances.models import INFORMED, REMOTE_EXCLUSIONS, Recipient, Seance


def _local(seance: Seance, tz) -> dt.datetime:
    return seance.starts_at.replace(tzinfo=dt.UTC).astimezone(tz)


def _when(seance: Seance, tz) -> str:
    start = _local(seance, tz)
    return f"{date_fr(start.date())} à {time_fr(start)}"


def answer_url(settings, recipient: Recipient) -> str:
    return f"{settings.public_url('portal')}/seances/reponse/{recipient.token}"


def legal_mentions(territory: Territory, seance: Seance) -> list[str]:
    instance = territory.instance(seance.instance)
    lines = []
    if instance.kind == "conseil":
        lines.append(
            f"Convocation adressée au moins {rules.jours_francs(instance)} jours francs avant la "
            "séance (CGCT L2121-12 et L5211-1), de manière dématérialisée (L2121-10), avec une "
            "note explicative de synthèse sur chaque point."
        )
        lines.append(
            "Quorum : plus de la moitié des membres en exercice présents, les pouvoirs ne "
            "comptent pas (L2121-17). Un membre empêché peut donner pouvoir écrit à un autre "
            "membre ; chacun n’en détient qu’un (L2121-20)."
        )
        lines.append(
            "Les suppléants (L5211-6) et les conseillers municipaux des communes membres qui ne "
            "siègent pas au conseil en reçoivent copie pour information (L5211-40-2)."
        )
    if seance.urgency:
        lines.append(
            "Convocation en urgence (délai abrégé, au moins un jour franc) : "
            f"{seance.urgency_reason}. Le président en rend compte à l’ouverture ; "
            "le conseil se prononce sur l’urgence."
        )
    if seance.remote_allowed:
        lines.append("Participation à distance possible (téléconférence, CGCT L5211-11-1).")
    return lines


def convocation_pdf(settings, territory: Territory, seance: Seance, *, changes=()) -> bytes:
    instance = territory.instance(seance.instance)
    tz = settings.timezone
    pdf = FPDF()
    pdf.set_title(latin1(f"Convocation - {instance.name}"))
    pdf.set_creation_date(dt.datetime(2000, 1, 1, tzinfo=dt.UTC))  # same bytes for same content
    pdf.add_page()
    pdf.set_font("helvetica", "B", 14)
    pdf.multi_cell(0, 8, latin1(territory.name), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("helvetica", "B", 16)
    pdf.multi_cell(0, 10, latin1(f"Convocation - {instance.name}"), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("helvetica", "", 11)
    pdf.multi_cell(
        0,
        6,
        latin1(f"Séance du {_when(seance, tz)}, {seance.place}. Version {seance.version}."),
        new_x="LMARGIN",
        new_y="NEXT",
    )
    if changes:
        pdf.set_font("helvetica", "B", 11)
        pdf.multi_cell(
            0, 6, latin1("Modifications : " + " ; ".join(changes)), new_x="LMARGIN", new_y="NEXT"
        )
    pdf.ln(4)
    pdf.set_font("helvetica", "B", 13)
    pdf.cell(0, 8, latin1("Ordre du jour"), new_x="LMARGIN", new_y="NEXT")
    names = {p.localpart: p.name for p in territory.people}
    for item in seance.items:
        pdf.set_font("helvetica", "B", 11)
        pdf.multi_cell(
            0, 6, latin1(f"{item.position}. {item.title}"), new_x="LMARGIN", new_y="NEXT"
        )
        pdf.set_font("helvetica", "", 10)
        if item.rapporteur:
            pdf.multi_cell(
                0,
                5,
                latin1(f"Rapporteur : {names.get(item.rapporteur, item.rapporteur)}"),
                new_x="LMARGIN",
                new_y="NEXT",
            )
        if item.note:
            pdf.multi_cell(
                0, 5, latin1(f"Note de synthèse : {item.note}"), new_x="LMARGIN", new_y="NEXT"
            )
        if item.remote_excluded:
            pdf.multi_cell(
                0,
                5,
                latin1(f"Téléconférence exclue : {REMOTE_EXCLUSIONS[item.remote_excluded]}."),
                new_x="LMARGIN",
                new_y="NEXT",
            )
        for annex in item.annexes:
            pdf.multi_cell(
                0, 5, latin1(f"Annexe : {annex.filename}"), new_x="LMARGIN", new_y="NEXT"
            )
        pdf.ln(2)
    pdf.ln(4)
    pdf.set_font("helvetica", "I", 9)
    for line in legal_mentions(territory, seance):
        pdf.multi_cell(0, 5, latin1(line), new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def _agenda_lines(settings, territory: Territory, seance: Seance) -> list[str]:
    names = {p.localpart: p.name for p in territory.people}
    lines = []
    for item in seance.items:
        by = (
            f" (rapporteur : {names.get(item.rapporteur, item.rapporteur)})"
            if item.rapporteur
            else ""
        )
        lines.append(f"{item.position}. {item.title}{by}")
        for annex in item.annexes:
            lines.append(f"   Annexe : {document_url(settings, seance.instance, annex.path)}")
    return lines


HOW_TO_ANSWER = (
    "Répondez : 👍 présent, 💻 à distance, 👎 absent — ou !présent, !distance, !absent, "
    "!pouvoir Prénom Nom, !suppléant"
)


def convocation_payload(
    settings, territory: Territory, seance: Seance, recipient: Recipient, *, changes=()
) -> dict:
    instance = territory.instance(seance.instance)
    return {
        "seance_id": seance.id,
        "version": seance.version,
        "instance": instance.name,
        "member": recipient.localpart,
        "member_id": f"@{recipient.localpart}:{settings.server_name}",
        "name": recipient.name,
        "when": _when(seance, settings.timezone),
        "place": seance.place,
        "agenda": _agenda_lines(settings, territory, seance),
        "changes": list(changes),
        "urgency": seance.urgency_reason if seance.urgency else None,
        "remote": seance.remote_allowed,
        "link": answer_url(settings, recipient),
    }


def notice_payload(
    settings, territory: Territory, seance: Seance, *, changes=(), cancelled: str | None = None
) -> dict:
    instance = territory.instance(seance.instance)
    return {
        "seance_id": seance.id,
        "version": seance.version,
        "instance": instance.name,
        "when": _when(seance, settings.timezone),
        "place": seance.place,
        "agenda": _agenda_lines(settings, territory, seance),
        "changes": list(changes),
        "cancelled": cancelled,
        "folder": document_url(settings, seance.instance, seance.folder + "/"),
    }


def convocation_mail(
    settings, territory: Territory, seance: Seance, recipient: Recipient, *, changes=()
) -> tuple[str, str]:
    instance = territory.instance(seance.instance)
    when = _when(seance, settings.timezone)
    informed = recipient.role == INFORMED
    subject = f"{'Pour information : c' if informed else 'C'}onvocation — {instance.name} du {when}"
    if changes:
        subject = f"Convocation modifiée (version {seance.version}) — {instance.name} du {when}"
    lines = [f"Bonjour {recipient.name},", ""]
    if informed:
        lines.append(
            f"Vous recevez pour information la convocation au {instance.name.lower()} "
            "(CGCT L5211-6 pour les suppléants, L5211-40-2 pour les conseillers municipaux) :"
        )
    else:
        lines.append(f"Vous êtes convoqué(e) à la séance « {instance.name} » :")
    lines += [f"  le {when}", f"  lieu : {seance.place}", ""]
    if changes:
        lines += ["Ce qui change dans cette version :", *(f"  - {c}" for c in changes), ""]
    lines += ["Ordre du jour :", *_agenda_lines(settings, territory, seance), ""]
    lines += legal_mentions(territory, seance) + [""]
    lines.append("La convocation (PDF) et l’invitation pour votre agenda sont jointes.")
    if not informed:
        lines.append(
            f"Pour répondre (présent, absent, pouvoir…) : {answer_url(settings, recipient)}"
        )
    else:
        lines.append(f"Pour accuser réception : {answer_url(settings, recipient)}")
    return subject, "\n".join(lines)


def cancellation_mail(
    settings, territory: Territory, seance: Seance, reason: str
) -> tuple[str, str]:
    instance = territory.instance(seance.instance)
    when = _when(seance, settings.timezone)
    return (
        f"Séance annulée — {instance.name} du {when}",
        f"Bonjour,\n\nLa séance « {instance.name} » du {when} ({seance.place}) est annulée.\n"
        f"Motif : {reason}\n\nL’événement est retiré de votre agenda.",
    )


def event_uid(settings, seance: Seance) -> str:
    return f"seance-{seance.id}@{settings.server_name}"


def event_component(
    settings, territory: Territory, seance: Seance, *, cancel: bool = False
) -> icalendar.Event:
    instance = territory.instance(seance.instance)
    tz = settings.timezone
    event = icalendar.Event()
    event.add("UID", event_uid(settings, seance))
    event.add("DTSTAMP", dt.datetime.now(dt.UTC))
    event.add("SEQUENCE", seance.version)
    event.add("SUMMARY", f"{instance.name} — séance")
    event.add("DTSTART", _local(seance, tz))
    event.add("DTEND", seance.ends_at.replace(tzinfo=dt.UTC).astimezone(tz))
    event.add("LOCATION", seance.place)
    event.add(
        "DESCRIPTION", "Ordre du jour :\n" + "\n".join(_agenda_lines(settings, territory, seance))
    )
    event.add("STATUS", "CANCELLED" if cancel else "CONFIRMED")
    return event


def calendar_object(
    settings, territory: Territory, seance: Seance, *, cancel: bool = False
) -> bytes:
    """The event as stored in a CalDAV calendar (no METHOD there, RFC 4791: a cancelled
    séance stays as STATUS:CANCELLED, which clients show struck through)."""
    cal = icalendar.Calendar()
    cal.add("PRODID", "-//Girou//portal.seances//FR")
    cal.add("VERSION", "2.0")
    cal.add_component(event_component(settings, territory, seance, cancel=cancel))
    add_timezones(cal)
    return cal.to_ical()


def invitation_ics(
    settings, territory: Territory, seance: Seance, recipient: Recipient, *, cancel: bool = False
) -> bytes:
    """The iTIP invitation of the mail: METHOD:REQUEST, or METHOD:CANCEL for a cancellation."""
    cal = icalendar.Calendar()
    cal.add("PRODID", "-//Girou//portal.seances//FR")
    cal.add("VERSION", "2.0")
    cal.add("METHOD", "CANCEL" if cancel else "REQUEST")
    event = event_component(settings, territory, seance, cancel=cancel)
    sender = settings.get("mail", "sender")
    address = sender.rsplit("<", 1)[-1].rstrip(">").strip()
    event.add("ORGANIZER", f"mailto:{address}", parameters={"CN": territory.short_name})
    if recipient.email:
        event.add(
            "ATTENDEE",
            f"mailto:{recipient.email}",
            parameters={
                "CN": recipient.name,
                "ROLE": "NON-PARTICIPANT" if recipient.role == INFORMED else "REQ-PARTICIPANT",
                "PARTSTAT": "NEEDS-ACTION",
            },
        )
    cal.add_component(event)
    add_timezones(cal)
    return cal.to_ical()
