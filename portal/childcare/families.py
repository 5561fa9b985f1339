"""Family accounts: creation, passwords, e-mail confirmation, API tokens, children."""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import secrets
from dataclasses import dataclass
from typing import NamedTuple

from sqlalchemy import Row, and_, bindparam, delete, select
from sqlalchemy.orm import Session
from werkzeug.security import check_password_hash, generate_password_hash

from collab.addresses import is_email
from collab.config import Settings
from collab.db import utcnow
from collab.territory import INSEE_RE, Territory
from portal.childcare import documents
from portal.childcare.errors import ChildcareError
from portal.childcare.models import ApiToken, Child, Family
from portal.mail import queue_mail

MIN_PASSWORD = 10
SCHOOL_LEVELS = (
    "TPS", "PS", "MS", "GS", "CP", "CE1", "CE2", "CM1", "CM2", "6e", "5e", "4e", "3e",
)  # fmt: skip
MAX_AGE = 17
# The page that confirms an address (built by the family pages); the token follows.
VERIFY_PATH = "/enfance/compte/confirmer/"
# How often one client address may try (portal.security.rate_limited: name, limit, seconds),
# on the web and through the API alike: one count for both.
SIGNUP_LIMIT = ("childcare-signup", 10, 3600)
LOGIN_LIMIT = ("childcare-login", 20, 900)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def is_resident(territory: Territory, commune_insee: str) -> bool:
    return any(commune.insee == commune_insee for commune in territory.communes)


def normalise_email(email: str) -> str:
    return email.strip().lower()


def verification_required(settings: Settings) -> bool:
    """`[childcare] require_email_verification`: "auto" asks for it except in the demo."""
    value = settings.get("childcare", "require_email_verification")
    if value == "auto":
        return not settings.get("girou", "demo")
    return value == "true"


def needs_verification(family: Family | Row, settings: Settings) -> bool:
    """The family must confirm its address before it may ask for places or use the API."""
    return not family.email_verified and verification_required(settings)


def check_verified(family: Family | Row, settings: Settings) -> None:
    if needs_verification(family, settings):
        raise ChildcareError(
            "Confirmez d’abord votre adresse e-mail (lien envoyé à la création du compte).",
            "email_not_verified",
        )


def hash_password(password: str, scrypt_n: int = 32768) -> str:
    return generate_password_hash(password, method=f"scrypt:{scrypt_n}:8:1")


def _check_text(value: object, label: str, longest: int) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ChildcareError(f"{label} : champ obligatoire.", "invalid_field")
    if len(value.strip()) > longest:
        raise ChildcareError(f"{label} : {longest} caractères au plus.", "invalid_field")
    return value.strip()


def create_family(
    db: Session,
    territory: Territory,
    *,
    email: str,
    password: str,
    name: str,
    commune_insee: str,
    portal_url: str = "",
    scrypt_n: int = 32768,
    verified: bool = False,
) -> Family:
    """A new account; queues the confirmation mail (unless `verified`). ChildcareError if the
    address is taken or a field is invalid (nothing written)."""
    address = normalise_email(_check_text(email, "Adresse e-mail", 320))
    if not is_email(address):
        raise ChildcareError("Adresse e-mail invalide.", "invalid_email")
    if not isinstance(password, str) or len(password) < MIN_PASSWORD:
        raise ChildcareError(
            f"Le mot de passe doit compter au moins {MIN_PASSWORD} caractères.", "weak_password"
        )
    if len(password) > 1024:
        raise ChildcareError("Mot de passe trop long.", "invalid_field")
    family_name = _check_text(name, "Nom de la famille", 200)
    insee = _check_text(commune_insee, "Commune (code INSEE)", 5).upper()
    if not INSEE_RE.fullmatch(insee):
        raise ChildcareError("Code INSEE de commune invalide (5 caractères).", "invalid_commune")
    if db.scalars(select(Family.id).where(Family.email == address)).first() is not None:
        raise ChildcareError("Un compte existe déjà avec cette adresse e-mail.", "email_taken")
    token = secrets.token_urlsafe(32)
    family = Family(
        email=address,
        password_hash=hash_password(password, scrypt_n),
        name=family_name,
        commune_insee=insee,
        resident=is_resident(territory, insee),
        email_verified=verified,
        email_verification_hash=None if verified else token_hash(token),
    )
    db.add(family)
    db.flush()
    if not verified:
        queue_mail(
            db,
            address,
            "Confirmez votre adresse e-mail",
            f"Bonjour,\n\nUn compte « {family_name} » a été créé pour les inscriptions aux "
            f"centres de loisirs de {territory.name}.\n\nPour confirmer votre adresse, ouvrez "
            f"ce lien :\n{portal_url.rstrip('/')}{VERIFY_PATH}{token}\n\nSi vous n’êtes pas à "
            "l’origine de cette demande, ignorez ce message.\n",
        )
    return family


def verify_email(db: Session, token: str) -> Family | None:
    """Confirm the address whose link carried `token`; the family, or None if unknown/used."""
    family = db.scalars(
        select(Family).where(Family.email_verification_hash == token_hash(token))
    ).first()
    if family is not None:
        family.email_verified = True
        family.email_verification_hash = None
    return family


@functools.cache
def _dummy_hash(scrypt_n: int) -> str:
    return hash_password("not anyone's password", scrypt_n)


def authenticate(db: Session, email: str, password: str, scrypt_n: int = 32768) -> Family | None:
    """The family with these credentials, or None (same work whether the address exists)."""
    if not isinstance(email, str) or not isinstance(password, str):
        return None
    family = db.scalars(select(Family).where(Family.email == normalise_email(email))).first()
    if family is None:
        check_password_hash(_dummy_hash(scrypt_n), password)
        return None
    return family if check_password_hash(family.password_hash, password) else None


def issue_token(
    db: Session, family: Family, *, days: int = 30, now: dt.datetime | None = None
) -> str:
    """A new bearer token for the API (only its hash is kept); expired ones are removed."""
    now = now or utcnow()
    db.execute(delete(ApiToken).where(ApiToken.family_id == family.id, ApiToken.expires_at < now))
    token = secrets.token_urlsafe(32)
    db.add(
        ApiToken(
            family_id=family.id,
            token_hash=token_hash(token),
            created_at=now,
            expires_at=now + dt.timedelta(days=days),
        )
    )
    return token


# Built once: every API call runs one of them.
FAMILIES, TOKENS, CHILDREN = Family.__table__, ApiToken.__table__, Child.__table__
ACCOUNT_BY_TOKEN = (
    select(FAMILIES)
    .join(TOKENS, TOKENS.c.family_id == FAMILIES.c.id)
    .where(TOKENS.c.token_hash == bindparam("token_hash"), TOKENS.c.expires_at > bindparam("now"))
)
FAMILY_BY_TOKEN = select(Family).from_statement(ACCOUNT_BY_TOKEN)
# A registration's reads about its caller, in one query: the token's family (its columns under
# their own names), the child asked for (child_* columns, NULL when not one of the family's)
# and, per kind of document, whether the family sent one (documents.sent_flags).
CALLER = (
    ACCOUNT_BY_TOKEN.add_columns(
        CHILDREN.c.id.label("child_id"),
        CHILDREN.c.first_name.label("child_first_name"),
        CHILDREN.c.birth_date.label("child_birth_date"),
        *documents.sent_flags(FAMILIES.c.id),
    )
).outerjoin(
    CHILDREN,
    and_(CHILDREN.c.id == bindparam("child_id"), CHILDREN.c.family_id == FAMILIES.c.id),
)


class ChildFacts(NamedTuple):
    """What a registration reads of a child (booking.Pupil)."""

    id: int
    family_id: int
    first_name: str
    birth_date: dt.date


@dataclass(frozen=True, slots=True)
class Caller:
    """Who asks for places: the family (a row), its child asked for (None: not one of its
    children) and the kinds of documents the family sent."""

    family: Row
    child: ChildFacts | None
    documents_sent: frozenset[str]


def family_for_token(db: Session, token: str, now: dt.datetime | None = None) -> Family | None:
    """The family of a valid API token."""
    params = {"token_hash": token_hash(token), "now": now or utcnow()}
    return db.scalars(FAMILY_BY_TOKEN, params).first()


def account_for_token(db: Session, token: str, now: dt.datetime | None = None) -> Row | None:
    """The family's row for a valid API token, for calls that only read it (a registration):
    no ORM object is loaded."""
    params = {"token_hash": token_hash(token), "now": now or utcnow()}
    return db.execute(ACCOUNT_BY_TOKEN, params).first()


def caller_for_token(
    db: Session, token: str, child_id: int, now: dt.datetime | None = None
) -> Caller | None:
    """The caller of a valid API token asking for places for `child_id` (one query)."""
    params = {"token_hash": token_hash(token), "now": now or utcnow(), "child_id": child_id}
    row = db.execute(CALLER, params).first()
    if row is None:
        return None
    child = (
        None
        if row.child_id is None
        else ChildFacts(row.child_id, row.id, row.child_first_name, row.child_birth_date)
    )
    return Caller(family=row, child=child, documents_sent=documents.kinds_flagged(row))


def refresh_residency(db: Session, territory: Territory) -> str | None:
    """Recompute every family's `resident` flag from the territory file (run by `girou
    provision`, so a commune that joins or leaves the territory changes its families'
    priority from the next request on; requests already made keep their order)."""
    changed = 0
    for family in db.scalars(select(Family)):
        resident = is_resident(territory, family.commune_insee)
        if family.resident != resident:
            family.resident = resident
            changed += 1
    return f"residency of {changed} families updated from the territory file" if changed else None


def add_child(
    db: Session,
    family: Family,
    *,
    first_name: str,
    last_name: str,
    birth_date: dt.date,
    school_level: str | None = None,
    pai_flag: bool = False,
    today: dt.date | None = None,
) -> Child:
    today = today or dt.date.today()
    first = _check_text(first_name, "Prénom", 100)
    last = _check_text(last_name, "Nom", 100)
    if not isinstance(birth_date, dt.date):
        raise ChildcareError("Date de naissance invalide (AAAA-MM-JJ).", "invalid_birth_date")
    if birth_date > today:
        raise ChildcareError("La date de naissance est dans le futur.", "invalid_birth_date")
    if today.year - birth_date.year > MAX_AGE + 1:
        raise ChildcareError(
            f"Les centres de loisirs accueillent les enfants jusqu’à {MAX_AGE} ans.",
            "invalid_birth_date",
        )
    if school_level is not None and school_level not in SCHOOL_LEVELS:
        raise ChildcareError(
            "Niveau scolaire inconnu (" + ", ".join(SCHOOL_LEVELS) + ").", "invalid_school_level"
        )
    child = Child(
        family_id=family.id,
        first_name=first,
        last_name=last,
        birth_date=birth_date,
        school_level=school_level,
        pai_flag=bool(pai_flag),
    )
    db.add(child)
    db.flush()
    return child
