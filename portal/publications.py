"""Publications: the documents of the WebDAV `publications` share, listed and downloadable."""

# The portal reads the share with the bot (service) account; residents never see its address
# or credentials, and only files listed in the share can be fetched through the portal.

from __future__ import annotations

import logging
import mimetypes
import posixpath
from io import BytesIO

from flask import Blueprint, abort, render_template, send_file

from collab.feature import Feature
from collab.webdav import PUBLICATIONS, SHARE_ERRORS, Document, is_noise
from portal.state import state

log = logging.getLogger(__name__)

bp = Blueprint("publications", __name__)

UNAVAILABLE = (
    "Les publications sont momentanément indisponibles. Merci de réessayer dans quelques minutes."
)


class ShareUnavailable(Exception):
    """The publications share could not be read."""


def list_publications() -> list[Document]:
    """The published documents, newest first (office lock files and hidden files left out)."""
    try:
        documents = state().shares().list_documents(PUBLICATIONS)
    except SHARE_ERRORS as exc:
        log.warning("publications share unreadable: %s: %s", exc.__class__.__name__, exc)
        raise ShareUnavailable(str(exc)) from exc
    documents = [document for document in documents if not is_noise(document.path)]
    return sorted(documents, key=lambda d: (d.modified is not None, d.modified), reverse=True)


def _unavailable():
    return render_template("publications/list.html", documents=None, message=UNAVAILABLE), 503


@bp.get("/publications")
def publication_list():
    try:
        documents = list_publications()
    except ShareUnavailable:
        return _unavailable()
    return render_template("publications/list.html", documents=documents, message=None)


def _is_safe(path: str) -> bool:
    """A plain relative path inside the share: no '..', no empty or odd segment."""
    if not path or "\\" in path or "\x00" in path:
        return False
    return all(part not in ("", ".", "..") for part in path.split("/"))


@bp.get("/publications/<path:path>")
def download(path: str):
    if not _is_safe(path) or is_noise(path):
        abort(404)
    try:
        documents = {document.path: document for document in list_publications()}
        document = documents.get(path)
        if document is None:
            abort(404, description="Ce document n’est pas (ou plus) publié.")
        data = state().shares().download(PUBLICATIONS, path)
    except (ShareUnavailable, *SHARE_ERRORS):
        return _unavailable()
    name = posixpath.basename(path)
    response = send_file(
        BytesIO(data),
        mimetype=mimetypes.guess_type(name)[0] or "application/octet-stream",
        as_attachment=True,  # never rendered by the portal's origin (no HTML from the share)
        download_name=name,
        last_modified=document.modified,
        etag=document.etag or False,
        max_age=60,
    )
    return response


def init_app(app) -> None:
    app.register_blueprint(bp)


# The council's published acts, read from its WebDAV share.
FEATURE = Feature(name="publications", web=init_app)
