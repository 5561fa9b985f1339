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
from jsonschema import Draft202012Validator, FormatChecker, ValidationError
from jsonschema.exceptions import best_match
from sqlalchemy import Row
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from werkzeug.exceptions import HTTPException

from collab.db import utcnow
from portal.childcare import booking, families, programme
from portal.childcare.errors import ChildcareError, NotFound
from portal.childcare.models import Centre, Family
from portal.childcare.openapi import (
    CHILD_BODY,
    FAMILY_BODY,
    IDEMPOTENCY_KEY,
    MAX_ID,
    PROGRAMME_PARAMETERS,
    REGISTRATION_BODY,
    TOKEN_BODY,
    spec,
)
from portal.childcare.receipt import Receipt, receipt_of
from portal.childcare.transactions import Busy, in_transaction
from portal.errors import exception_headers
from portal.security import rate_limited
from portal.state import state

bp = Blueprint("childcare_api", __name__, url_prefix="/api/v1")
bp.csrf_exempt = True  # bearer tokens only: no cookie, nothing to forge

log = logging.getLogger("girou.childcare.api")
T = TypeVar("T")
F = TypeVar("F", Family, Row)

MAX_BODY = 64 * 1024
# Domain error codes that are not "invalid data" (422): a request valid by the description that
# the current state refuses (the session, the child's age, a key already used) is a conflict.
STATUS_BY_CODE = {
    "email_taken": 409,
    "already_requested": 409,
    "age_out_of_range": 409,
    "several_periods": 409,
    "outside_period": 409,
    "idempotency_key_reused": 409,
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
        429: "Trop de demandes. Merci de réessayer dans un moment.",
    }
    slug = (exc.name or "error").lower().replace(" ", "_")
    response = _error(code, slug, messages.get(code, "Requête refusée."))
    response.headers.extend(exception_headers(exc))
    return response


# --- plumbing --------------------------------------------------------------------------------
def _in_transaction(work: Callable[[Session], T]) -> T:
    try:
        return in_transaction(state().sessions, work)
    except Busy as exc:
        raise ApiError(
            503, "busy", "Service momentanément surchargé : réessayez dans un instant."
        ) from exc


TYPE_NAMES = {
    "integer": "nombre entier",
    "string": "texte",
    "boolean": "true ou false",
    "array": "liste",
    "object": "objet",
    "null": "null",
}


def _rule(error: ValidationError) -> str:
    """The rule a value broke, in French."""
    value = error.validator_value
    match error.validator:
        case "type":
            kinds = value if isinstance(value, list) else [value]
            return "type invalide (attendu : " + " ou ".join(TYPE_NAMES[k] for k in kinds) + ")"
        case "minLength":
            return "champ obligatoire" if value == 1 else f"au moins {value} caractères"
        case "maxLength":
            return f"au plus {value} caractères"
        case "minimum":
            return f"au moins {value}"
        case "maximum":
            return f"au plus {value}"
        case "minItems":
            return f"au moins {value} élément{'s' if value > 1 else ''}"
        case "maxItems":
            return f"au plus {value} éléments"
        case "enum":
            return "valeurs possibles : " + ", ".join(str(v) for v in value if v is not None)
        case "format" if value == "date":
            return "date au format AAAA-MM-JJ"
        case "pattern":
            return error.schema.get("description", "format invalide")
    return "valeur invalide"


def _as_declared(value: Any, schema: dict[str, Any]) -> Any:
    """`value` as the schema reads it: JSON Schema counts 650.0 as the integer 650."""
    kinds = schema.get("type")
    if isinstance(value, float) and "integer" in _as_tuple(kinds):
        return int(value)
    if isinstance(value, list) and "items" in schema:
        return [_as_declared(item, schema["items"]) for item in value]
    if isinstance(value, dict) and "properties" in schema:
        properties = schema["properties"]
        return {key: _as_declared(item, properties.get(key, {})) for key, item in value.items()}
    return value


class Described:
    """A part of a request checked against its schema in the description (openapi.py)."""

    def __init__(self, schema: dict[str, Any]) -> None:
        self.schema = schema
        self.validator = Draft202012Validator(schema, format_checker=FormatChecker())

    def check(self, value: Any, status: int = 422, label: str | None = None) -> Any:
        error = best_match(self.validator.iter_errors(value))
        if error is not None:
            raise self._refusal(error, status, label)
        return _as_declared(value, self.schema)

    def _refusal(self, error: ValidationError, status: int, label: str | None) -> ApiError:
        properties = self.schema.get("properties", {})
        if error.validator == "required":
            key = next(k for k in error.validator_value if k not in error.instance)
            name = properties[key].get("title", key)
            return ApiError(status, "missing_field", f"Champ obligatoire manquant : {name}.")
        path = list(error.absolute_path)
        if path:
            label = properties.get(path[0], {}).get("title", str(path[0]))
        return ApiError(status, "invalid_field", f"{label or 'Valeur'} : {_rule(error)}.")


BODIES = {
    name: Described(schema)
    for name, schema in [
        ("family", FAMILY_BODY),
        ("token", TOKEN_BODY),
        ("child", CHILD_BODY),
        ("registration", REGISTRATION_BODY),
    ]
}
PROGRAMME_QUERY = {p["name"]: Described(p["schema"]) for p in PROGRAMME_PARAMETERS}
KEY = Described(IDEMPOTENCY_KEY)


def _body(kind: str) -> dict[str, Any]:
    """The JSON body, checked against the description of `kind` (FAMILY_BODY, ...)."""
    if (request.content_length or 0) > MAX_BODY:
        raise ApiError(413, "too_large", "Corps de requête trop volumineux.")
    if not request.is_json:
        raise ApiError(415, "unsupported_media_type", "Corps JSON attendu (application/json).")
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        raise ApiError(400, "bad_json", "Le corps doit être un objet JSON.")
    described = BODIES[kind]
    body = described.check(body)
    for key, field in described.schema["properties"].items():
        if isinstance(body.get(key), str):  # fields it does not describe are ignored
            # Python's "$" also matches before a final newline: say it once more.
            _printable(body[key], field.get("title", key))
    return body


def _printable(value: str, label: str, status: int = 422) -> str:
    """Control characters have no place in names or keys (and PostgreSQL refuses NUL)."""
    if any(ord(ch) < 32 and ch not in "\t" for ch in value):
        raise ApiError(status, "invalid_field", f"{label} : caractères de contrôle interdits.")
    return value


def _as_tuple(kind: Any) -> tuple[Any, ...]:
    return tuple(kind) if isinstance(kind, list | tuple) else (kind,)


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


def _authenticate() -> None:
    """Authentication comes first: a missing, invalid or expired token is a 401 (an address
    not confirmed a 403) whatever else the request holds; the call's own transaction then
    reads the family again."""
    _bearer()
    _in_transaction(_account)


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
@rate_limited(*families.SIGNUP_LIMIT)
def create_family():
    body = _body("family")
    settings = state().settings
    values = {key: body[key] for key in ("email", "password", "name", "commune_insee")}
    quotient = body.get("quotient")
    flags = {
        key: bool(body.get(key)) for key in ("single_parent", "parent1_works", "parent2_works")
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
@rate_limited(*families.LOGIN_LIMIT)  # one count with the web login
def create_token():
    body = _body("token")
    email, password = body["email"], body["password"]
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
    _authenticate()
    body = _body("child")
    birth = dt.date.fromisoformat(body["birth_date"])  # the description's "date" format

    def work(db: Session) -> int:
        family = _family(db)
        child = families.add_child(
            db,
            family,
            first_name=body["first_name"],
            last_name=body["last_name"],
            birth_date=birth,
            school_level=body.get("school_level"),
            pai_flag=bool(body.get("pai")),
            today=dt.datetime.now(state().timezone).date(),
        )
        return child.id

    return jsonify(id=_in_transaction(work)), 201


def _parameter(name: str) -> str | None:
    """A query parameter of /programme, checked against its description; None if empty."""
    value = request.args.get(name, "")
    label = PROGRAMME_QUERY[name].schema["title"]
    _printable(PROGRAMME_QUERY[name].check(value, 400, label), label, 400)
    return value.strip() or None


@bp.get("/programme")
def get_programme():
    centre_key, period_ref = _parameter("centre"), _parameter("period")

    def work(db: Session) -> list[dict]:
        period_id = None
        if centre_key is not None and db.get(Centre, centre_key) is None:
            raise NotFound(f"Centre inconnu : {centre_key}.", "unknown_centre")
        if period_ref is not None:
            period = programme.find_period(db, period_ref)
            if period is None:
                raise NotFound(f"Période inconnue : {period_ref}.", "unknown_period")
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
    _authenticate()
    key = request.headers.get("Idempotency-Key", "")
    if not KEY.validator.is_valid(key):
        raise ApiError(
            400,
            "idempotency_key_required",
            f"En-tête Idempotency-Key obligatoire ({IDEMPOTENCY_KEY['description']}), le même "
            "pour un nouvel envoi de la même demande.",
        )
    body = _body("registration")
    child_id, session_ids = body["child_id"], body["session_ids"]

    def applying(db: Session) -> tuple[Any, Any, Any]:
        caller = families.caller_for_token(db, _bearer(), child_id)
        family = _known(caller.family if caller else None)
        if caller.child is None:
            raise NotFound("Cet enfant n’est pas rattaché à votre compte.", "unknown_child")
        return family, caller.child, caller.documents_sent

    receipt = booking.submit(_in_transaction, applying, session_ids, key, tz=state().timezone)
    return jsonify(registration_json(receipt)), 201


def _registration_id(value: str) -> int:
    if not (value.isascii() and value.isdigit()) or not 0 < int(value) <= MAX_ID:
        raise NotFound("Aucune demande à ce numéro.", "unknown_registration")
    return int(value)


@bp.get("/registrations/<registration_id>")
def get_registration(registration_id: str):
    _authenticate()
    number = _registration_id(registration_id)

    def work(db: Session) -> dict:
        family = _family(db)
        return registration_json(receipt_of(booking.get_registration(db, number, family)))

    return jsonify(_in_transaction(work))


@bp.delete("/registrations/<registration_id>")
def cancel_registration(registration_id: str):
    _authenticate()
    number = _registration_id(registration_id)

    def work(db: Session) -> dict:
        family = _family(db)
        registration = booking.cancel(
            db, number, family, by=f"famille {family.name}", tz=state().timezone
        )
        return registration_json(receipt_of(registration))

    return jsonify(_in_transaction(work))
