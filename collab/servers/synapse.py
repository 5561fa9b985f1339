"""Synapse, the Matrix homeserver: homeserver.yaml written from girou.toml."""

from __future__ import annotations

import subprocess
import sys
from urllib.parse import unquote, urlsplit

import yaml

from collab.atomic import write_private
from collab.credentials import Secrets
from collab.servers import BaseServer

# Synapse's own defaults apply, in production and in the tests, except the login limit per
# address: the people's logins that Radicale, WsgiDAV and the portal check (once per person
# and server every few minutes, collab/identity.py) all come from the one address of those
# servers. Per-account and failed-attempt limits keep their defaults. RELAXED is only for a
# test or benchmark that must exceed the limits on purpose.
DAV_LOGIN_LIMIT = {"per_second": 20, "burst_count": 100}
RELAXED = {"per_second": 1000, "burst_count": 10000}
RELAXED_KEYS = (
    "rc_message",
    "rc_room_creation",
    "rc_joins_per_room",
    "rc_3pid_validation",
    "rc_admin_redaction",
    "rc_media_create",
    "rc_delayed_event_mgmt",
    "rc_reports",
    "rc_key_requests",
    "rc_third_party_invite",
    "rc_user_directory",
    "rc_profile",
    "rc_registration",
)


def database_section(url: str, data_dir) -> dict:
    if not url:
        return {"name": "sqlite3", "args": {"database": str(data_dir / "homeserver.db")}}
    parts = urlsplit(url)
    if parts.scheme not in {"postgresql", "postgres"}:
        raise ValueError(f"matrix.database: expected a postgresql:// URL, got {parts.scheme!r}")
    args = {"database": parts.path.lstrip("/"), "host": parts.hostname or "localhost"}
    if parts.port:
        args["port"] = parts.port
    if parts.username:
        args["user"] = unquote(parts.username)
    if parts.password:
        args["password"] = unquote(parts.password)
    return {"name": "psycopg2", "args": {**args, "cp_min": 2, "cp_max": 10}}


class Server(BaseServer):
    name = "synapse"
    port_key = ("matrix", "port")

    @property
    def config_path(self):
        return self.data_dir / "homeserver.yaml"

    def homeserver_config(self, secrets: Secrets) -> dict:
        matrix = self.settings.values["matrix"]
        data = self.data_dir
        config = {
            "server_name": matrix["server_name"],
            "public_baseurl": self.settings.public_url("matrix") + "/",
            "report_stats": False,
            "listeners": [
                {
                    "port": self.port,
                    "bind_addresses": [self.settings.bind],
                    "type": "http",
                    "tls": False,
                    "x_forwarded": True,
                    "resources": [{"names": ["client"], "compress": False}],
                }
            ],
            "database": database_section(matrix["database"], data),
            "log_config": str(data / "log.yaml"),
            "media_store_path": str(data / "media_store"),
            "signing_key_path": str(data / "signing.key"),
            "registration_shared_secret": secrets.registration_shared_secret,
            "macaroon_secret_key": secrets.macaroon_secret_key,
            "form_secret": secrets.form_secret,
            "enable_registration": False,
            "bcrypt_rounds": matrix["bcrypt_rounds"],
            # No federation: a client listener only, no key servers, nobody to talk to.
            "trusted_key_servers": [],
            "suppress_key_server_warning": True,
            "federation_domain_whitelist": [],
            "allow_public_rooms_over_federation": False,
            "url_preview_enabled": False,
            "enable_metrics": False,
            "presence": {"enabled": False},
            "default_room_version": "12",
            "rc_login": {"address": DAV_LOGIN_LIMIT},
        }
        if matrix["relaxed_rate_limits"]:
            for key in RELAXED_KEYS:
                config[key] = dict(RELAXED)
            config["rc_login"] = {
                "address": RELAXED,
                "account": RELAXED,
                "failed_attempts": RELAXED,
            }
            config["rc_joins"] = {"local": RELAXED, "remote": RELAXED}
            config["rc_presence"] = {"per_user": RELAXED}
            config["rc_invites"] = {"per_room": RELAXED, "per_user": RELAXED, "per_issuer": RELAXED}
        return config

    def prepare(self, secrets: Secrets) -> None:
        data = self.data_dir
        (data / "media_store").mkdir(parents=True, exist_ok=True)
        log_config = {
            "version": 1,
            "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
            "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
            "root": {"level": "WARNING", "handlers": ["console"]},
            "disable_existing_loggers": False,
        }
        (data / "log.yaml").write_text(yaml.safe_dump(log_config), encoding="utf-8")
        write_private(self.config_path, yaml.safe_dump(self.homeserver_config(secrets)))
        if not (data / "signing.key").exists():
            subprocess.run(
                [*self._homeserver(), "--generate-keys"],
                check=True,
                stdout=subprocess.DEVNULL,
            )

    def _homeserver(self) -> list[str]:
        return [sys.executable, "-m", "synapse.app.homeserver", "-c", str(self.config_path)]

    def command(self) -> list[str]:
        return self._homeserver()
