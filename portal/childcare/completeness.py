"""What a family's file lacks before the secretariat can validate its requests: what the
account says (e-mail, family quotient) and the documents not sent yet. The family's page, the
back-office, the alerts in the secretariat room and the daily digest all show this one list.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.orm import Session

from portal.childcare.documents import missing_documents
from portal.childcare.models import Family

Check = Callable[[Session, Family], list[str]]


def account_checks(db: Session, family: Family) -> list[str]:
    """What the account itself says is missing."""
    missing = []
    if not family.email_verified:
        missing.append("adresse e-mail non confirmée")
    if family.quotient is None:
        missing.append("quotient familial non renseigné (tarif le plus élevé appliqué)")
    return missing


CHECKS: tuple[Check, ...] = (account_checks, missing_documents)


def file_completeness(db: Session, family: Family) -> list[str]:
    """Every missing item of the family's file, in the checks' order; [] when complete."""
    return [item for check in CHECKS for item in check(db, family)]
