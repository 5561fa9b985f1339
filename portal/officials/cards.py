"""A person's card: what the directory page, the vCard download, `!annuaire` and the CardDAV
address book say of them (function, commune, instances, and what they chose to share)."""

from __future__ import annotations

from dataclasses import dataclass

import httpx
from sqlalchemy.orm import Session

from collab import dav_access
from collab.caldav import DavAgenda, DavError
from collab.config import Settings
from collab.french import fold, role_fr
from collab.territory import Person, Territory
from portal.officials.models import OfficialProfile, profiles


@dataclass(frozen=True)
class Card:
    person: Person
    function: str  # "2e vice-président", else the role's label
    commune: str  # its name, "" for staff
    instances: tuple[str, ...]  # names
    phone: str  # shared, else ""
    email: str  # shared, else ""
    municipal_function: str = ""

    @property
    def localpart(self) -> str:
        return self.person.localpart

    def lines(self) -> list[str]:
        """The card as plain French lines (chat, e-mail)."""
        head = f"{self.person.name} — {self.function}"
        if self.commune:
            where = (
                f"{self.municipal_function} de {self.commune}"
                if self.municipal_function
                else self.commune
            )
            head += f" ({where})"
        lines = [head]
        if self.instances:
            lines.append("Instances : " + ", ".join(self.instances))
        contact = " · ".join(value for value in (self.phone, self.email) if value)
        if contact:
            lines.append(contact)
        return lines


def card(person: Person, territory: Territory, profile: OfficialProfile | None) -> Card:
    commune = territory.commune(person.commune).name if person.commune else ""
    return Card(
        person=person,
        function=person.function or role_fr(person.role),
        commune=commune,
        instances=tuple(territory.instance(key).name for key in person.instances),
        phone=profile.shared_phone if profile else "",
        email=profile.shared_email if profile else "",
        municipal_function=person.municipal_function or "",
    )


def all_cards(db: Session, territory: Territory) -> list[Card]:
    """Every person's card, by surname."""
    shared = profiles(db)
    people = sorted(territory.people, key=lambda p: (fold(p.name.split(" ")[-1]), fold(p.name)))
    return [card(person, territory, shared.get(person.localpart)) for person in people]


def find_cards(
    cards: list[Card], *, name: str = "", commune: str = "", function: str = "", instance: str = ""
) -> list[Card]:
    """The cards matching every criterion given (folded words of the name, a commune's INSEE
    code, a role, an instance key)."""
    words = fold(name).split()
    found = []
    for item in cards:
        person = item.person
        if words and not all(word in fold(person.name) for word in words):
            continue
        if commune and person.commune != commune:
            continue
        if function and person.role != function:
            continue
        if instance and instance not in person.instances:
            continue
        found.append(item)
    return found


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;").replace("\n", "\\n")


def card_uid(person: Person, settings: Settings) -> str:
    return f"{person.localpart}@{settings.server_name}"


def vcard(item: Card, territory: Territory, settings: Settings) -> str:
    """The vCard 3.0 of a card (the download and the CardDAV address book)."""
    person = item.person
    first, _, last = person.name.partition(" ")
    lines = [
        "BEGIN:VCARD",
        "VERSION:3.0",
        f"UID:{card_uid(person, settings)}",
        f"FN:{_escape(person.name)}",
        f"N:{_escape(last)};{_escape(first)};;;",
        f"ORG:{_escape(territory.name)}",
        f"TITLE:{_escape(item.function)}",
        f"IMPP:matrix:u/{person.localpart}:{settings.server_name}",
    ]
    if item.commune:
        lines.append(f"ADR;TYPE=WORK:;;;{_escape(item.commune)};;;France")
    if item.phone:
        lines.append(f"TEL;TYPE=WORK,VOICE:{_escape(item.phone)}")
    if item.email:
        lines.append(f"EMAIL;TYPE=INTERNET:{_escape(item.email)}")
    if item.instances:
        lines.append(f"NOTE:{_escape('Instances : ' + ', '.join(item.instances))}")
    lines.append("END:VCARD")
    return "\r\n".join(lines) + "\r\n"


def address_book(db: Session, territory: Territory, settings: Settings) -> dict[str, str]:
    """uid -> vCard of every person: the CardDAV address book's whole content."""
    return {
        card_uid(item.person, settings): vcard(item, territory, settings)
        for item in all_cards(db, territory)
    }


def sync_address_book(agenda: DavAgenda, cards: dict[str, str]) -> None:
    """The officials' CardDAV address book made to hold exactly `cards`."""
    agenda.sync_vcards(dav_access.group_collection_path(dav_access.ADDRESS_BOOK_GROUP), cards)


SYNC_ERRORS = (DavError, httpx.HTTPError, OSError)
