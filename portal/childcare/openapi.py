"""The OpenAPI 3 description of the childcare JSON API (served at /api/v1/openapi.json)."""

from __future__ import annotations

from typing import Any

from collab.addresses import EMAIL_RE, MAX_EMAIL
from portal.childcare.booking import MAX_KEY_LENGTH, MAX_SESSIONS_PER_REQUEST
from portal.childcare.families import MIN_PASSWORD, SCHOOL_LEVELS
from portal.childcare.models import SLOTS, STATUSES

ERROR = {"$ref": "#/components/schemas/Error"}

# What the server enforces, said here once: the API checks each body and parameter against
# these schemas before anything else (portal.childcare.api), so the two cannot disagree.
# Control characters (tabs apart) have no place in a name, a key or a password.
CONTROL = r"\u0000-\u0008\u000a-\u001f"
# Spaces, spelt out: "\s" is not the same set in Python's re, in ECMA-262 and in Rust's regex.
SPACES = r"\u0000-\u0020\u007f-\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
TEXT = {
    "type": "string",
    "pattern": rf"^[^{CONTROL}]*$",
    "description": "sans caractère de contrôle",
}
# A name: at least one visible character (the server keeps it without surrounding spaces).
NAME = {
    "type": "string",
    "pattern": rf"^[^{CONTROL}]*[^{SPACES}][^{CONTROL}]*$",
    "description": "au moins un caractère visible, sans caractère de contrôle",
}
MAX_ID = 2**31 - 1
ID = {"type": "integer", "minimum": 1, "maximum": MAX_ID}
# Printable ASCII, without surrounding spaces (a UUID is a good key).
IDEMPOTENCY_KEY = {
    "type": "string",
    "minLength": 1,
    "maxLength": MAX_KEY_LENGTH,
    "pattern": r"^[\x21-\x7e]([\x20-\x7e]*[\x21-\x7e])?$",
    "description": f"1 à {MAX_KEY_LENGTH} caractères ASCII imprimables, sans espace autour",
}

FAMILY_BODY = {
    "type": "object",
    "required": ["email", "password", "name", "commune_insee"],
    "properties": {
        "email": {
            "title": "Adresse e-mail",
            "type": "string",
            "maxLength": MAX_EMAIL,
            # collab.addresses' rule: local@domain.tld, no spaces, quotes or separators.
            "pattern": f"^{EMAIL_RE.pattern}$",
            "description": "adresse e-mail invalide",
        },
        "password": {
            **TEXT,
            "title": "Mot de passe",
            "minLength": MIN_PASSWORD,
            "maxLength": 1024,
        },
        "name": {**NAME, "title": "Nom de la famille", "maxLength": 200},
        "commune_insee": {
            "title": "Commune (code INSEE)",
            "type": "string",
            "pattern": "^([0-9]{2}|2[AB])[0-9]{3}$",
            "description": "code INSEE de 5 caractères (31573, 2A004)",
        },
        "quotient": {
            "title": "Quotient familial",
            "type": ["integer", "null"],
            "minimum": 0,
            "maximum": 100_000,
        },
        "single_parent": {"title": "Parent isolé", "type": "boolean"},
        "parent1_works": {"title": "Parent 1 en activité", "type": "boolean"},
        "parent2_works": {"title": "Parent 2 en activité", "type": "boolean"},
    },
}
TOKEN_BODY = {
    "type": "object",
    "required": ["email", "password"],
    "properties": {
        "email": {**TEXT, "title": "Adresse e-mail", "maxLength": 320},
        "password": {**TEXT, "title": "Mot de passe", "maxLength": 1024},
    },
}
CHILD_BODY = {
    "type": "object",
    "required": ["first_name", "last_name", "birth_date"],
    "properties": {
        "first_name": {**NAME, "title": "Prénom", "maxLength": 100},
        "last_name": {**NAME, "title": "Nom", "maxLength": 100},
        "birth_date": {
            "title": "Date de naissance",
            "type": "string",
            "format": "date",
            "description": "Ni dans le futur, ni plus de 18 ans avant l’année en cours "
            "(sinon 422 invalid_birth_date)",
        },
        "school_level": {
            "title": "Niveau scolaire",
            "type": ["string", "null"],
            "enum": [*SCHOOL_LEVELS, None],
        },
        "pai": {
            "title": "PAI",
            "type": "boolean",
            "description": "PAI / allergie : voir avec le centre",
        },
    },
}
REGISTRATION_BODY = {
    "type": "object",
    "required": ["child_id", "session_ids"],
    "properties": {
        "child_id": {**ID, "title": "Enfant"},
        "session_ids": {
            "title": "Séances",
            "type": "array",
            "items": ID,
            "minItems": 1,
            "maxItems": MAX_SESSIONS_PER_REQUEST,
        },
    },
}
PROGRAMME_PARAMETERS = [
    {
        "name": "centre",
        "in": "query",
        "schema": {**TEXT, "title": "Paramètre centre", "maxLength": 100},
        "description": "Clé du centre",
    },
    {
        "name": "period",
        "in": "query",
        "schema": {**TEXT, "title": "Paramètre period", "maxLength": 100},
        "description": "Identifiant numérique ou slug de la période",
    },
]


def _json(schema: dict[str, Any]) -> dict[str, Any]:
    return {"content": {"application/json": {"schema": schema}}}


def _errors(*codes: int) -> dict[str, Any]:
    texts = {
        400: "Requête mal formée",
        401: "Jeton manquant, invalide ou expiré",
        403: "Interdit (adresse e-mail non confirmée)",
        404: "Introuvable (ou appartenant à une autre famille)",
        409: "Conflit avec l’état actuel",
        413: "Corps trop volumineux",
        415: "Corps JSON attendu",
        422: "Données invalides",
        429: "Trop de demandes depuis cette adresse (réessayer plus tard)",
        503: "Service momentanément surchargé",
    }
    return {str(code): {"description": texts[code], **_json(ERROR)} for code in codes}


REGISTRATION = {
    "type": "object",
    "required": ["id", "status", "waitlist_rank"],
    "properties": {
        "id": {"type": "integer"},
        "status": {"type": "string", "enum": list(STATUSES)},
        "waitlist_rank": {"type": ["integer", "null"], "minimum": 1},
        "code": {"type": "string", "description": "Code public (liste d’attribution anonymisée)"},
        "period": {"type": "string"},
        "child_id": {"type": "integer"},
        "reason": {"type": ["string", "null"]},
        "created_at": {"type": "string", "format": "date-time"},
        "sessions": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "session_id": {"type": "integer"},
                    "status": {
                        "type": "string",
                        "enum": ["requested", "held", "waiting", "released"],
                    },
                    "waitlist_rank": {"type": ["integer", "null"]},
                },
            },
        },
    },
}

SESSION = {
    "type": "object",
    "required": ["id", "date", "capacity", "remaining", "age_min", "age_max", "activity", "centre"],
    "properties": {
        "id": {"type": "integer"},
        "date": {"type": "string", "format": "date"},
        "slot": {"type": "string", "enum": list(SLOTS)},
        "capacity": {"type": "integer", "minimum": 0},
        "remaining": {"type": "integer", "minimum": 0},
        "waitlist": {"type": "integer", "minimum": 0},
        "age_min": {"type": "integer"},
        "age_max": {"type": "integer"},
        "activity": {"type": "string"},
        "activity_id": {"type": "integer"},
        "centre": {"type": "string", "description": "Clé du centre"},
        "centre_name": {"type": "string"},
        "period": {"type": "string", "description": "Identifiant (slug) de la période"},
    },
}

BEARER = [{"bearer": []}]
ID_PARAM = {"name": "registration_id", "in": "path", "required": True, "schema": ID}


def spec(server_url: str = "/api/v1") -> dict[str, Any]:
    """The API description; `server_url` is where it is served."""
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Girou — inscriptions aux centres de loisirs",
            "version": "1.0.0",
            "description": (
                "Programme des centres de loisirs et pré-inscriptions. Les erreurs sont des "
                "objets JSON {error, message} : `error` est un code stable (anglais), `message` "
                "un texte en français à montrer tel quel."
            ),
        },
        "servers": [{"url": server_url}],
        "components": {
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
            "schemas": {
                "Error": {
                    "type": "object",
                    "required": ["error", "message"],
                    "properties": {"error": {"type": "string"}, "message": {"type": "string"}},
                },
                "Session": SESSION,
                "Registration": REGISTRATION,
            },
        },
        "paths": {
            "/families": {
                "post": {
                    "operationId": "createFamily",
                    "summary": "Créer un compte famille (un e-mail de confirmation est envoyé)",
                    "requestBody": {
                        "required": True,
                        **_json(FAMILY_BODY),
                    },
                    "responses": {
                        "201": {
                            "description": "Compte créé",
                            **_json(
                                {
                                    "type": "object",
                                    "required": ["id"],
                                    "properties": {"id": {"type": "integer"}},
                                }
                            ),
                        },
                        **_errors(400, 409, 413, 415, 422, 429, 503),
                    },
                }
            },
            "/token": {
                "post": {
                    "operationId": "createToken",
                    "summary": "Obtenir un jeton d’accès (Authorization: Bearer …)",
                    "requestBody": {
                        "required": True,
                        **_json(TOKEN_BODY),
                    },
                    "responses": {
                        "200": {
                            "description": "Jeton",
                            **_json(
                                {
                                    "type": "object",
                                    "required": ["token"],
                                    "properties": {
                                        "token": {"type": "string"},
                                        "expires_at": {"type": "string", "format": "date-time"},
                                    },
                                }
                            ),
                        },
                        **_errors(400, 401, 403, 413, 415, 422, 429, 503),
                    },
                }
            },
            "/children": {
                "post": {
                    "operationId": "createChild",
                    "summary": "Ajouter un enfant à la famille",
                    "security": BEARER,
                    "requestBody": {
                        "required": True,
                        **_json(CHILD_BODY),
                    },
                    "responses": {
                        "201": {
                            "description": "Enfant ajouté",
                            **_json(
                                {
                                    "type": "object",
                                    "required": ["id"],
                                    "properties": {"id": {"type": "integer"}},
                                }
                            ),
                        },
                        **_errors(400, 401, 403, 413, 415, 422, 503),
                    },
                }
            },
            "/programme": {
                "get": {
                    "operationId": "getProgramme",
                    "summary": "Séances (places restantes comprises), par centre et par période",
                    "parameters": PROGRAMME_PARAMETERS,
                    "responses": {
                        "200": {
                            "description": "Séances",
                            **_json(
                                {
                                    "type": "object",
                                    "required": ["sessions"],
                                    "properties": {
                                        "sessions": {
                                            "type": "array",
                                            "items": {"$ref": "#/components/schemas/Session"},
                                        }
                                    },
                                }
                            ),
                        },
                        **_errors(400, 404, 503),
                    },
                }
            },
            "/registrations": {
                "post": {
                    "operationId": "createRegistration",
                    "summary": "Demander des séances pour un enfant (une même clé = une demande)",
                    "security": BEARER,
                    "parameters": [
                        {
                            "name": "Idempotency-Key",
                            "in": "header",
                            "required": True,
                            "schema": IDEMPOTENCY_KEY,
                            "description": "Un par demande ; le même pour un nouvel envoi",
                        }
                    ],
                    "requestBody": {
                        "required": True,
                        **_json(REGISTRATION_BODY),
                    },
                    "responses": {
                        "201": {
                            "description": "Demande enregistrée (ou la même, déjà enregistrée)",
                            **_json({"$ref": "#/components/schemas/Registration"}),
                        },
                        **_errors(400, 401, 403, 404, 409, 413, 415, 422, 503),
                    },
                }
            },
            "/registrations/{registration_id}": {
                "parameters": [ID_PARAM],
                "get": {
                    "operationId": "getRegistration",
                    "summary": "Une demande de la famille",
                    "security": BEARER,
                    "responses": {
                        "200": {
                            "description": "La demande",
                            **_json({"$ref": "#/components/schemas/Registration"}),
                        },
                        **_errors(401, 403, 404, 503),
                    },
                },
                "delete": {
                    "operationId": "cancelRegistration",
                    "summary": "Annuler une demande (les places libérées sont réattribuées)",
                    "security": BEARER,
                    "responses": {
                        "200": {
                            "description": "La demande, annulée",
                            **_json({"$ref": "#/components/schemas/Registration"}),
                        },
                        **_errors(401, 403, 404, 409, 503),
                    },
                },
            },
        },
    }
