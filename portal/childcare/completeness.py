"""What a family's file lacks before the secretariat can validate its requests.

The checks are pluggable: `CHECKS` names functions (db, family) -> [French missing items];
`file_completeness` runs them all. The documents module adds its own check here (proof of
family quotient, insurance certificate, vaccination pages) with a one-line edit.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from functools import cache

from sqlalchemy.orm import Session

from portal.childcare.models import Family

CHECKS: tuple[str, ...] = ("portal.childcare.completeness:account_checks",)

Check = Callable[[Session, Family], list[str]]


def account_checks(db: Session, family: Family) -> list[str]:
    """What the account itself says is missing."""
    missing = []
    if not family.email_verified:
        missing.append("adresse e-mail non confirmée")
    if family.quotient is None:
        missing.append("quotient familial non renseigné (tarif le plus élevé appliqué)")
    return missing


@cache
def _load(path: str) -> Check:
    module, _, name = path.partition(":")
    return getattr(importlib.import_module(module), name)


def file_completeness(
    db: Session, family: Family, checks: tuple[str, ...] | None = None
) -> list[str]:
    """Every missing item of the family's file, in the checks' order; [] when complete."""
    missing: list[str] = []
    for path in CHECKS if checks is None else checks:
        missing += _load(path)(db, family)
    return missing
