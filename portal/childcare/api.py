"""The childcare JSON API under /api/v1: accounts, tokens, children, programme, registrations.

Bearer tokens, no cookies: CSRF does not apply (the blueprint is exempt). Errors are
{error, message} with a 4xx code (message in French); another family's registration is 404.
Each call is one transaction; on PostgreSQL a deadlock or serialization failure is retried.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from typing import Any, TypeVar

from flask import Blueprint, jsonify, request
from sqlalchemy import Row
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from werkzeug.exceptions import HTTPException

from collab.db import utcnow
from portal.childcare import booking, families, programme
from portal.childcare.errors import ChildcareError, NotFound
from portal.childcare.models import Centre, Family
from portal.childcare.openapi import spec
from portal.childcare.receipt import Receipt, receipt_of
from portal.childcare.transactions import Busy, in_transaction
from portal.state import state

bp = Blueprint("childcare_api", __name__, url_prefix="/api/v1")
bp.csrf_exempt = True  # bearer tokens only: no cookie, nothing to forge

log = logging.getLogger("girou.childcare.api")
T = TypeVar("T")
F = TypeVar("F", Family, Row)

MAX_BODY = 64 * 1024
# Domain error codes that are not "invalid data" (422).
STATUS_BY_CODE = {
    "email_taken": 409,
    "already_requested": 409,
    "invalid_state": 409,
    "awaiting_allocation": 409,
    "waitlisted": 409,
    "period_closed": 409,
    "not_open_yet": 409,
    "conflict": 409,
    "email_not_verified": 403,
}


class ApiError(Exception):
    def __init__(self, status: int, error: str, message: str) -> None:
        super().__init__(message)
        self.status, self.error, self.message = status, error, message


def _error(status: int, error: str, message: str, **headers: str):
    response = jsonify(error=error, message=message)
    response.status_code = status
    response.headers.update(headers)
    return response


@bp.errorhandler(ApiError)
def _api_error(exc: ApiError):
    headers = {"WWW-Authenticate": "Bearer"} if exc.status == 401 else {}
    if exc.status == 503:
        headers["Retry-After"] = "2"
    return _error(exc.status, exc.error, exc.message, **headers)


@bp.errorhandler(ChildcareError)
def _domain_error(exc: ChildcareError):
    status = 404 if isinstance(exc, NotFound) else STATUS_BY_CODE.get(exc.code, 422)
    return _error(status, exc.code, exc.message)


@bp.errorhandler(HTTPException)
def _http_error(exc: HTTPException):
    code = exc.code or 500
    messages = {
        400: "Requête mal formée.",
        404: "Ressource introuvable.",
        405: "Méthode non autorisée pour cette adresse.",
        413: "Corps de requête trop volumineux.",
        415: "Corps JSON attendu (Content-Type: application/json).",
    }
    slug = (exc.name or "error").lower().replace(" ", "_")
    return _error(code, slug, messages.get(code, "Requête refusée."))


# --- plumbing --------------------------------------------------------------------------------
def _in_transaction(work: Callable[[Session], T]) -> T:
    try:
        return in_transaction(state().sessions, work)
    except Busy as exc:
        raise ApiError(
            503, "busy", "Service momentanément surchargé : réessayez dans un instant."
        ) from exc


def _body() -> dict[str, Any]:
    if (request.content_length or 0) > MAX_BODY:
        raise ApiError(413, "too_large", "Corps de requête trop volumineux.")
    if not request.is_json:
        raise ApiError(415, "unsupported_media_type", "Corps JSON attendu (application/json).")
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        raise ApiError(400, "bad_json", "Le corps doit être un objet JSON.")
    return body


def _field(body: dict, key: str, kind: type | tuple[type, ...], *, required: bool = True) -> Any:
    value = body.get(key)
    if value is None:
        if required:
            raise ApiError(422, "missing_field", f"Champ obligatoire manquant : {key}.")
        return None
    # bool is an int in Python: never accept true as a number.
    if not isinstance(value, kind) or (isinstance(value, bool) and bool not in _as_tuple(kind)):
        raise ApiError(422, "invalid_field", f"Champ {key} : type invalide.")
    if isinstance(value, str):
        _printable(value, f"Champ {key}")
    return value


def _printable(value: str, label: str, status: int = 422) -> str:
    """Control characters have no place in names or keys (and PostgreSQL refuses NUL)."""
    if any(ord(ch) < 32 and ch not in "\t" for ch in value):
        raise ApiError(status, "invalid_field", f"{label} : caractères de contrôle interdits.")
    return value


def _as_tuple(kind: type | tuple[type, ...]) -> tuple[type, ...]:
    return kind if isinstance(kind, tuple) else (kind,)


def _bearer() -> str:
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token or len(token) > 512:
        raise ApiError(401, "unauthorized", "Jeton d’accès manquant (Authorization: Bearer …).")
    return token


def _known(family: F | None) -> F:
    if family is None:
        raise ApiError(401, "unauthorized", "Jeton d’accès invalide ou expiré.")
    families.check_verified(family, state().settings)
    return family


def _family(db: Session) -> Family:
    """The caller's family (ORM), for calls that change it."""
    return _known(families.family_for_token(db, _bearer()))


def _account(db: Session) -> Row:
    """The caller's family row, for calls that only read it."""
    return _known(families.account_for_token(db, _bearer()))


def registration_json(receipt: Receipt) -> dict[str, Any]:
    return {
        "id": receipt.id,
        "status": receipt.status,
        "waitlist_rank": receipt.waitlist_rank,
        "code": receipt.public_code,
        "period": receipt.period_slug,
        "child_id": receipt.child_id,
        "reason": receipt.reason,
        "created_at": receipt.created_at.replace(tzinfo=dt.UTC).isoformat(),
        "sessions": [
            {
                "session_id": line.session_id,
                "status": line.status,
                "waitlist_rank": line.waitlist_rank,
            }
            for line in receipt.lines
        ],
    }


# --- endpoints -------------------------------------------------------------------------------
@bp.get("/openapi.json")
def openapi():
    return jsonify(spec(request.script_root + bp.url_prefix))


@bp.post("/families")
def create_family():
    body = _body()
    settings = state().settings
    values = {
        "email": _field(body, "email", str),
        "password": _field(body, "password", str),
        "name": _field(body, "name", str),
        "commune_insee": _field(body, "commune_insee", str),
    }
    quotient = _field(body, "quotient", int, required=False)
    if quotient is not None and not 0 <= quotient <= 100_000:
        raise ApiError(422, "invalid_field", "Champ quotient : entre 0 et 100 000.")
    flags = {
        key: bool(_field(body, key, bool, required=False))
        for key in ("single_parent", "parent1_works", "parent2_works")
    }

    def work(db: Session) -> int:
        family = families.create_family(
            db,
            state().territory,
            **values,
            portal_url=settings.public_url("portal"),
            scrypt_n=settings.get("childcare", "password_scrypt_n"),
        )
        family.quotient = quotient
        for key, value in flags.items():
            setattr(family, key, value)
        return family.id

    try:
        family_id = _in_transaction(work)
    except IntegrityError as exc:  # the same address, created at the same moment
        raise ChildcareError(
            "Un compte existe déjà avec cette adresse e-mail.", "email_taken"
        ) from exc
    return jsonify(id=family_id), 201


@bp.post("/token")
def create_token():
    body = _body()
    email, password = _field(body, "email", str), _field(body, "password", str)
    settings = state().settings

    def work(db: Session) -> tuple[str, dt.datetime]:
        family = families.authenticate(
            db, email, password, settings.get("childcare", "password_scrypt_n")
        )
        if family is None:
            raise ApiError(401, "invalid_credentials", "Adresse e-mail ou mot de passe incorrect.")
        families.check_verified(family, state().settings)
        days = settings.get("childcare", "api_token_days")
        now = utcnow()
        return families.issue_token(db, family, days=days, now=now), now + dt.timedelta(days=days)

    token, expires = _in_transaction(work)
    return jsonify(token=token, expires_at=expires.replace(tzinfo=dt.UTC).isoformat())


@bp.post("/children")
def create_child():
    body = _body()
    first, last = _field(body, "first_name", str), _field(body, "last_name", str)
    raw_birth = _field(body, "birth_date", str)
    try:
        birth = dt.date.fromisoformat(raw_birth)
    except ValueError as exc:
        raise ApiError(
            422, "invalid_birth_date", "Date de naissance invalide (AAAA-MM-JJ)."
        ) from exc
    level = _field(body, "school_level", str, required=False)
    pai = _field(body, "pai", bool, required=False)

    def work(db: Session) -> int:
        family = _family(db)
        child = families.add_child(
            db,
            family,
            first_name=first,
            last_name=last,
            birth_date=birth,
            school_level=level,
            pai_flag=bool(pai),
            today=dt.datetime.now(state().timezone).date(),
        )
        return child.id

    return jsonify(id=_in_transaction(work)), 201


@bp.get("/programme")
def get_programme():
    centre_key = _printable(request.args.get("centre", ""), "Paramètre centre", 400).strip() or None
    period_ref = _printable(request.args.get("period", ""), "Paramètre period", 400).strip() or None

    def work(db: Session) -> list[dict]:
        period_id = None
        if centre_key is not None and db.get(Centre, centre_key) is None:
            raise NotFound(f"Centre inconnu : {centre_key}.", "unknown_centre")
        if period_ref is not None:
            period = programme.find_period(db, period_ref[:100])
            if period is None:
                raise NotFound(f"Période inconnue : {period_ref[:100]}.", "unknown_period")
            period_id = period.id
        today = dt.datetime.now(state().timezone).date()
        sessions = programme.programme_sessions(
            db,
            centre_key=centre_key,
            period_id=period_id,
            from_date=None if period_id else today,
            limit=2000,
        )
        return [programme.session_json(session) for session in sessions]

    return jsonify(sessions=_in_transaction(work))


@bp.post("/registrations")
def create_registration():
    key = request.headers.get("Idempotency-Key", "").strip()
    if not key or len(key) > booking.MAX_KEY_LENGTH or not key.isprintable():
        raise ApiError(
            400,
            "idempotency_key_required",
            "En-tête Idempotency-Key obligatoire (1 à 255 caractères), le même pour un nouvel "
            "envoi de la même demande.",
        )
    body = _body()
    child_id = _field(body, "child_id", int)
    session_ids = _field(body, "session_ids", list)
    if not all(isinstance(i, int) and not isinstance(i, bool) for i in session_ids):
        raise ApiError(422, "invalid_field", "Champ session_ids : une liste de numéros.")
    if not all(0 < i < 2**31 for i in session_ids) or not 0 < child_id < 2**31:
        raise NotFound("Séance ou enfant inconnu.", "unknown_session")

    def applying(db: Session) -> tuple[Any, Any, Any]:
        caller = families.caller_for_token(db, _bearer(), child_id)
        family = _known(caller.family if caller else None)
        if caller.child is None:
            raise NotFound("Cet enfant n’est pas rattaché à votre compte.", "unknown_child")
        return family, caller.child, caller.documents_sent

    receipt = booking.submit(_in_transaction, applying, session_ids, key, tz=state().timezone)
    return jsonify(registration_json(receipt)), 201


def _registration_id(value: str) -> int:
    if not (value.isascii() and value.isdigit()) or not 0 < int(value) < 2**31:
        raise NotFound("Aucune demande à ce numéro.", "unknown_registration")
    return int(value)


@bp.get("/registrations/<registration_id>")
def get_registration(registration_id: str):
    number = _registration_id(registration_id)

    def work(db: Session) -> dict:
        family = _family(db)
        return registration_json(receipt_of(booking.get_registration(db, number, family)))

    return jsonify(_in_transaction(work))


@bp.delete("/registrations/<registration_id>")
def cancel_registration(registration_id: str):
    number = _registration_id(registration_id)

    def work(db: Session) -> dict:
        family = _family(db)
        registration = booking.cancel(
            db, number, family, by=f"famille {family.name}", tz=state().timezone
        )
        return registration_json(receipt_of(registration))

    return jsonify(_in_transaction(work))
