"""French error pages, without stack traces."""

from __future__ import annotations

from flask import Flask, redirect, render_template, request
from werkzeug.exceptions import HTTPException

from collab.identity import IdentityUnavailable

TITLES = {
    400: "Demande incorrecte",
    401: "Connexion nécessaire",
    403: "Accès refusé",
    404: "Page introuvable",
    405: "Méthode non autorisée",
    410: "Lien expiré",
    413: "Envoi trop volumineux",
    429: "Trop de demandes",
    500: "Erreur du serveur",
}
MESSAGES = {
    400: "La demande n'a pas pu être traitée. Vérifiez les informations saisies.",
    401: "Connectez-vous pour accéder à cette page.",
    404: "La page demandée n'existe pas ou a été déplacée.",
    403: "Vous n'avez pas accès à cette page.",
    405: "Cette adresse ne s'utilise pas de cette façon.",
    410: "Cette adresse n'est plus valable.",
    413: "L'envoi dépasse la taille autorisée.",
    429: "Trop de demandes. Merci de réessayer dans un moment.",
    500: "Une erreur inattendue s'est produite. Elle a été enregistrée ; réessayez plus tard.",
}

UNAVAILABLE_LOGIN = (
    "La connexion est momentanément impossible (serveur de messagerie indisponible). "
    "Réessayez dans quelques instants."
)


def _wants_json() -> bool:
    return request.path.startswith(("/api/", "/hooks/", "/ogc/"))


def _without_trailing_slash(app: Flask) -> str | None:
    """The page an address typed with a trailing "/" means ("/enfance" for "/enfance/")."""
    path = request.path
    if request.method not in ("GET", "HEAD") or len(path) < 2 or not path.endswith("/"):
        return None
    page = path.rstrip("/")
    if page.startswith("//"):  # another site's address, never redirected to
        return None
    try:
        app.create_url_adapter(request).match(page, method=request.method)
    except HTTPException:  # no such page (or a redirect of its own)
        return None
    query = request.query_string.decode("latin-1")
    return f"{request.script_root}{page}?{query}" if query else f"{request.script_root}{page}"


def exception_headers(exc: HTTPException) -> list[tuple[str, str]]:
    """The headers werkzeug gives the error (Allow for a 405, WWW-Authenticate, Retry-After),
    less its Content-Type: the page or JSON body we answer instead sets its own."""
    return [(key, value) for key, value in exc.get_headers() if key.lower() != "content-type"]


def init_app(app: Flask) -> None:
    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException):
        code = exc.code or 500
        if code == 404 and not _wants_json() and (page := _without_trailing_slash(app)):
            return redirect(page, 308)
        # A specific French message given with abort(code, description=...) wins over the
        # generic one; server errors never show details.
        specific = exc.description if exc.description != type(exc).description else None
        if code >= 500:
            message = MESSAGES[500]
        else:
            message = specific or MESSAGES.get(code, MESSAGES[400])
        if _wants_json():
            body = {"error": TITLES.get(code, "Erreur").lower(), "message": message}
            return body, code, exception_headers(exc)
        return (
            render_template(
                "errors/error.html", code=code, title=TITLES.get(code, "Erreur"), message=message
            ),
            code,
            exception_headers(exc),
        )

    @app.errorhandler(IdentityUnavailable)
    def login_not_checked(exc: IdentityUnavailable):
        # Not a wrong password: clients retry after Retry-After instead of asking for another.
        app.logger.warning("login not checked on %s: %s", request.path, exc)
        message = UNAVAILABLE_LOGIN
        if _wants_json():
            body = {"error": "indisponible", "message": message}
        else:
            body = render_template(
                "errors/error.html", code=503, title="Service indisponible", message=message
            )
        response = app.make_response((body, 503))
        response.headers["Retry-After"] = str(exc.retry_after)
        return response

    @app.errorhandler(Exception)
    def unexpected(exc: Exception):
        app.logger.exception("unhandled error on %s %s", request.method, request.path)
        if _wants_json():
            return {"error": "internal", "message": MESSAGES[500]}, 500
        return render_template(
            "errors/error.html", code=500, title=TITLES[500], message=MESSAGES[500]
        ), 500
