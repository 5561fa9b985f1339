"""What a family's file lacks before the secretariat can validate its requests: what the
account says (e-mail, family quotient) and the documents not sent yet. The family's page, the
back-office, the alerts in the secretariat room and the daily digest all show this one list.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Protocol

from sqlalchemy.orm import Session

from portal.childcare.documents import documents_missing, sent_kinds


class Account(Protocol):
    """A Family, or its row."""

    id: int
    email_verified: bool
    quotient: int | None


def account_checks(family: Account) -> list[str]:
    """What the account itself says is missing."""
    missing = []
    if not family.email_verified:
        missing.append("adresse e-mail non confirmée")
    if family.quotient is None:
        missing.append("quotient familial non renseigné (tarif le plus élevé appliqué)")
    return missing


def missing_items(family: Account, documents_sent: Collection[str]) -> list[str]:
    """Every missing item of the family's file, given the kinds of documents it sent; [] when
    complete."""
    return account_checks(family) + documents_missing(documents_sent)


def file_completeness(db: Session, family: Account) -> list[str]:
    """Every missing item of the family's file; [] when complete."""
    return missing_items(family, sent_kinds(db, family.id))
