"""Demo: a few fictitious officials share a phone or an e-mail address (idempotent)."""

from __future__ import annotations

from sqlalchemy.orm import sessionmaker

from collab import credentials
from collab.territory import Territory
from portal.officials import cards
from portal.officials.models import OfficialProfile
from portal.officials.services import HomeServices

# localpart -> (phone, e-mail): fictitious numbers (05 00 …) and addresses (exemple.fr).
DEMO_SHARED = {
    "alice.exemple": ("05 00 00 00 01", "alice.exemple@cc-girou.exemple.fr"),
    "bruno.fictif": ("05 00 00 00 02", ""),
    "emma.fictive": ("", "emma.fictive@cc-girou.exemple.fr"),
}


def load_demo(settings, sessions: sessionmaker, territory: Territory) -> str:
    added = 0
    with sessions.begin() as db:
        for localpart, (phone, email) in DEMO_SHARED.items():
            try:
                territory.person(localpart)
            except KeyError:
                continue
            if db.get(OfficialProfile, localpart) is not None:
                continue  # the person's own choice, once made, is theirs
            db.add(
                OfficialProfile(
                    localpart=localpart,
                    phone=phone,
                    email=email,
                    share_phone=bool(phone),
                    share_email=bool(email),
                    digest=True,
                )
            )
            added += 1
    if added:
        with sessions() as db:
            book = cards.address_book(db, territory, settings)
        with HomeServices(settings, credentials.load_secrets(settings.home)) as services:
            try:
                cards.sync_address_book(services.agenda(), book)
            except cards.SYNC_ERRORS:
                pass  # the next `girou provision` writes it
    return f"officials: {added} demo profiles with shared contact details"
