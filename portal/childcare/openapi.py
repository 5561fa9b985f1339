"""The OpenAPI 3 description of the childcare JSON API (served at /api/v1/openapi.json)."""

from __future__ import annotations

from typing import Any

from portal.childcare.models import SLOTS, STATUSES

ERROR = {"$ref": "#/components/schemas/Error"}


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
ID_PARAM = {
    "name": "registration_id",
    "in": "path",
    "required": True,
    "schema": {"type": "integer", "minimum": 1},
}


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
                        **_json(
                            {
                                "type": "object",
                                "required": ["email", "password", "name", "commune_insee"],
                                "properties": {
                                    "email": {"type": "string", "format": "email"},
                                    "password": {"type": "string", "minLength": 10},
                                    "name": {"type": "string", "minLength": 1, "maxLength": 200},
                                    "commune_insee": {
                                        "type": "string",
                                        "pattern": "^([0-9]{2}|2[AB])[0-9]{3}$",
                                    },
                                    "quotient": {"type": ["integer", "null"], "minimum": 0},
                                    "single_parent": {"type": "boolean"},
                                    "parent1_works": {"type": "boolean"},
                                    "parent2_works": {"type": "boolean"},
                                },
                            }
                        ),
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
                        **_errors(400, 409, 413, 415, 422),
                    },
                }
            },
            "/token": {
                "post": {
                    "operationId": "createToken",
                    "summary": "Obtenir un jeton d’accès (Authorization: Bearer …)",
                    "requestBody": {
                        "required": True,
                        **_json(
                            {
                                "type": "object",
                                "required": ["email", "password"],
                                "properties": {
                                    "email": {"type": "string"},
                                    "password": {"type": "string"},
                                },
                            }
                        ),
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
                        **_errors(400, 401, 403, 413, 415, 422),
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
                        **_json(
                            {
                                "type": "object",
                                "required": ["first_name", "last_name", "birth_date"],
                                "properties": {
                                    "first_name": {"type": "string", "maxLength": 100},
                                    "last_name": {"type": "string", "maxLength": 100},
                                    "birth_date": {"type": "string", "format": "date"},
                                    "school_level": {"type": ["string", "null"]},
                                    "pai": {
                                        "type": "boolean",
                                        "description": "PAI / allergie : voir avec le centre",
                                    },
                                },
                            }
                        ),
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
                        **_errors(400, 401, 403, 413, 415, 422),
                    },
                }
            },
            "/programme": {
                "get": {
                    "operationId": "getProgramme",
                    "summary": "Séances (places restantes comprises), par centre et par période",
                    "parameters": [
                        {"name": "centre", "in": "query", "schema": {"type": "string"}},
                        {
                            "name": "period",
                            "in": "query",
                            "schema": {"type": "string"},
                            "description": "Identifiant numérique ou slug de la période",
                        },
                    ],
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
                        **_errors(400, 404),
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
                            "schema": {"type": "string", "minLength": 1, "maxLength": 255},
                        }
                    ],
                    "requestBody": {
                        "required": True,
                        **_json(
                            {
                                "type": "object",
                                "required": ["child_id", "session_ids"],
                                "properties": {
                                    "child_id": {"type": "integer"},
                                    "session_ids": {
                                        "type": "array",
                                        "items": {"type": "integer"},
                                        "minItems": 1,
                                    },
                                },
                            }
                        ),
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
                        **_errors(401, 403, 404),
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
