"""WsgiDAV, the WebDAV document shares: Matrix logins, per-share access from access.json."""

from __future__ import annotations

import json
import logging
import os
import posixpath
import signal
import sys
import threading
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from cheroot import wsgi
from wsgidav.dc.base_dc import BaseDomainController
from wsgidav.error_printer import ErrorPrinter
from wsgidav.fs_dav_provider import FileResource, FilesystemProvider, FolderResource
from wsgidav.http_authenticator import HTTPAuthenticator
from wsgidav.mw.base_mw import BaseMiddleware
from wsgidav.request_resolver import RequestResolver
from wsgidav.wsgidav_app import WsgiDAVApp

from collab.config import Settings, load
from collab.credentials import Secrets, load_secrets
from collab.dav_access import access_path, shares_dir
from collab.identity import USER_KEY, LoginGate, MatrixIdentity, service_identity
from collab.servers import BaseServer

READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "PROPFIND"})

log = logging.getLogger(__name__)


class ShareAccess:
    """The rules of access.json, re-read whenever the file changes."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._stamp: tuple[int, int, int] | None = None
        self._shares: dict[str, dict[str, list[str]]] = {}

    def _current(self) -> dict[str, dict[str, list[str]]]:
        try:
            stat = os.stat(self.path)
            # The inode too: write_share_access replaces the file; two rewrites may share an mtime.
            stamp = (stat.st_ino, stat.st_mtime_ns, stat.st_size)
        except FileNotFoundError:
            stamp = None
        if stamp != self._stamp:
            with self._lock:
                if stamp != self._stamp:
                    try:
                        shares = json.loads(self.path.read_text("utf-8"))["shares"] if stamp else {}
                    except (OSError, ValueError, KeyError) as exc:
                        # Keep the rules in force rather than lock everyone out on a bad file.
                        log.error("Keeping the previous share access: %s: %s", self.path, exc)
                        shares = self._shares
                    self._shares, self._stamp = shares, stamp
        return self._shares

    def level(self, share: str, user: str) -> str | None:
        """ "rw", "ro" or None (no access, or no such share)."""
        levels = self._current().get(share, {})
        if user in levels.get("rw", ()):
            return "rw"
        if user in levels.get("ro", ()):
            return "ro"
        return None

    def readable_shares(self, user: str) -> set[str]:
        return {share for share in self._current() if self.level(share, user)}


class MatrixDomainController(BaseDomainController):
    """Basic authentication: trusts the localpart the login gate in front has checked."""

    def get_domain_realm(self, path_info: str, environ: dict[str, Any] | None) -> str:
        return "Girou"

    def require_authentication(self, realm: str, environ: dict[str, Any] | None) -> bool:
        return True

    def is_share_anonymous(self, path_info: str) -> bool:
        return False

    def basic_auth_user(
        self, realm: str, user_name: str, password: str, environ: dict[str, Any]
    ) -> bool:
        # LoginGate put the checked localpart in the environ, where no request header can
        # reach, and as the Basic user name; anything else is refused.
        user = environ.get(USER_KEY, "")
        return bool(user) and user == user_name

    def supports_http_digest_auth(self) -> bool:
        return False


def _share_of(path: str) -> str:
    """First segment of a normalized path ("" for the root), as the provider will resolve it."""
    parts = [p for p in posixpath.normpath("/" + path).split("/") if p]
    return parts[0] if parts else ""


class ShareAccessMiddleware(BaseMiddleware):
    """Refuses, after authentication, what the user's level on the share does not allow.

    WsgiDAV itself knows no per-share roles. Runs before the request resolver, so on the full
    path; paths are normalized first, so that "/a/../b" is judged as "/b".
    """

    def __init__(self, wsgidav_app: WsgiDAVApp, next_app: Any, config: dict[str, Any]) -> None:
        super().__init__(wsgidav_app, next_app, config)
        self.access: ShareAccess = config["girou"]["access"]

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Any:
        user = environ.get(USER_KEY, "")
        method = environ["REQUEST_METHOD"].upper()
        share = _share_of(environ["PATH_INFO"])
        if not user:
            allowed = False
        elif not share:
            # The root lists the shares; FilteredRootFolder shows only the user's own.
            allowed = method in READ_METHODS
        else:
            level = self.access.level(share, user)
            need = "ro" if method in READ_METHODS or method == "COPY" else "rw"
            allowed = level == "rw" or (level == "ro" and need == "ro")
            if allowed and method in ("COPY", "MOVE"):
                allowed = self._destination_writable(environ, user)
        if allowed:
            return self.next_app(environ, start_response)
        body = b"403 Forbidden\n"
        start_response(
            "403 Forbidden",
            [("Content-Type", "text/plain; charset=utf-8"), ("Content-Length", str(len(body)))],
        )
        return [body]

    def _destination_writable(self, environ: dict[str, Any], user: str) -> bool:
        destination = environ.get("HTTP_DESTINATION")
        if not destination:
            return True  # WsgiDAV answers 400 itself
        # Decoded as WsgiDAV decodes it (request_server.do_COPY/do_MOVE).
        share = _share_of(urlparse(unquote(destination), allow_fragments=False).path)
        return bool(share) and self.access.level(share, user) == "rw"


class NanosecondFileResource(FileResource):
    """A file whose ETag changes on every rewrite.

    The stock ETag uses whole-second mtimes, so a same-size rewrite within a second kept its
    ETag and clients (and our watchers) missed the change.
    """

    def get_etag(self) -> str:
        stat = self.file_stat
        return f"{stat.st_ino:x}-{stat.st_mtime_ns:x}-{stat.st_size:x}"


class FilteredRootFolder(FolderResource):
    """The root collection, listing only the shares the authenticated user may open."""

    def get_member_names(self) -> list[str]:
        user = self.environ.get(USER_KEY, "")
        readable = self.provider.access.readable_shares(user) if user else set()
        return [name for name in super().get_member_names() if name in readable]


class SharesProvider(FilesystemProvider):
    """All shares from one folder, so that a share added by provisioning is served at once."""

    def __init__(self, root_folder: Path, access: ShareAccess, fs_opts: dict[str, Any]) -> None:
        super().__init__(str(root_folder), fs_opts=fs_opts)
        self.access = access

    def get_resource_inst(self, path: str, environ: dict[str, Any]) -> Any:
        resource = super().get_resource_inst(path, environ)
        if isinstance(resource, FileResource):
            return NanosecondFileResource(resource.path, environ, resource._file_path)
        if isinstance(resource, FolderResource) and resource.path.strip("/") == "":
            return FilteredRootFolder(resource.path, environ, resource._file_path)
        return resource


def create_app(settings: Settings, identity: MatrixIdentity) -> LoginGate:
    """The shares behind the login gate: WsgiDAV never sees a password."""
    root = shares_dir(settings)
    root.mkdir(parents=True, exist_ok=True)
    access = ShareAccess(access_path(settings))
    fs_opts = {"follow_symlinks": False, "shadow_map": {}}
    config = {
        "provider_mapping": {"/": SharesProvider(root, access, fs_opts)},
        "fs_dav_provider": fs_opts,
        "girou": {"access": access},
        "http_authenticator": {
            "domain_controller": MatrixDomainController,
            "accept_basic": True,
            "accept_digest": False,
            "default_to_digest": False,
        },
        # No HTML directory browser: the shares are for DAV clients (file managers, office
        # suites, our watchers), and one fewer page to keep in line with the access rules.
        "dir_browser": {"enable": False},
        "middleware_stack": [
            ErrorPrinter,
            HTTPAuthenticator,
            ShareAccessMiddleware,
            RequestResolver,
        ],
        "property_manager": True,
        "lock_storage": True,
        "verbose": 2,
        "logging": {"enable": True},
    }
    return LoginGate(WsgiDAVApp(config), identity)


class Server(BaseServer):
    name = "webdav"
    port_key = ("webdav", "port")

    def prepare(self, secrets: Secrets) -> None:
        shares_dir(self.settings).mkdir(parents=True, exist_ok=True)

    def command(self) -> list[str]:
        return [sys.executable, "-m", "collab.servers.webdav"]


def main() -> None:
    """Serve the shares on cheroot until SIGTERM (entrypoint: reads GIROU_HOME)."""
    settings = load(Path(os.environ.get("GIROU_HOME", "var")))
    logging.basicConfig(stream=sys.stderr, level=logging.WARNING)
    identity = service_identity(settings, load_secrets(settings.home))
    app = create_app(settings, identity)
    server = wsgi.Server((settings.bind, settings.get("webdav", "port")), app, numthreads=10)

    def stop(signum: int, frame: Any) -> None:
        raise SystemExit(0)

    # On SIGTERM let requests in flight finish, so that no upload is cut half-written.
    signal.signal(signal.SIGTERM, stop)
    try:
        server.start()
    except (KeyboardInterrupt, SystemExit):
        pass
    finally:
        server.stop()
        identity.close()


if __name__ == "__main__":
    main()
