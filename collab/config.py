"""Girou settings: one schema, the girou.toml file generated from it, environment overrides."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


def _bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in {"1", "true", "yes", "on"}:
        return True
    if text in {"0", "false", "no", "off"}:
        return False
    raise ValueError(f"expected true or false, got {value!r}")


def _choice(*allowed: str):
    def convert(value: Any) -> str:
        text = str(value).strip().lower()
        if text not in allowed:
            raise ValueError(f"expected one of {', '.join(allowed)}, got {value!r}")
        return text

    return convert


def _names(value: Any) -> frozenset[str]:
    """A comma-separated list (or a TOML array) of names."""
    items = value if isinstance(value, list | tuple | frozenset | set) else str(value).split(",")
    return frozenset(str(item).strip() for item in items if str(item).strip())


def _zone(value: Any) -> str:
    """An IANA time zone name (Europe/Paris, America/Cayenne, Indian/Reunion...)."""
    name = str(value).strip()
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValueError(
            f"unknown time zone {value!r} (an IANA name such as Europe/Paris)"
        ) from exc
    return name


def _port(value: Any) -> int:
    port = int(value)
    if not 0 < port < 65536:
        raise ValueError(f"port out of range: {port}")
    return port


# The embedded stack's HTTP services, in the order `girou status` checks them: the girou.toml
# section of each one's address, and the path that answers below 500 once it is up (the DAV
# servers answer 401 to a request without credentials, without asking the homeserver).
# collab.servers starts and probes them; bridges.health checks them for /statut.
HTTP_SERVICES: dict[str, tuple[str, str]] = {
    "synapse": ("matrix", "/health"),
    "radicale": ("caldav", "/"),
    "webdav": ("webdav", "/"),
    "portal": ("portal", "/healthz"),
}

HOST_HELP = "Host the other services reach it at (empty: the bind address; docker: its name)."
PUBLIC_URL_HELP = "URL people type in their clients (empty: the internal URL)."

# section -> key -> (default, converter, help). Every setting lives here and nowhere else.
SCHEMA: dict[str, dict[str, tuple[Any, Any, str]]] = {
    "girou": {
        "bind": ("127.0.0.1", str, "Address every embedded service listens on."),
        "territory": (
            "territory.toml",
            str,
            "Territory file, relative to the project directory or absolute.",
        ),
        "demo": (True, _bool, "Load the demo data (fictitious accounts) on start-up."),
    },
    "matrix": {
        "port": (8008, _port, "Synapse client listener port."),
        "host": ("", str, HOST_HELP),
        "public_url": ("", str, PUBLIC_URL_HELP),
        "server_name": ("girou.localhost", str, "Matrix server name (the part after ':')."),
        "database": (
            "",
            str,
            "Synapse database: empty for SQLite in GIROU_HOME/synapse, or a postgresql:// URL.",
        ),
        "bcrypt_rounds": (12, int, "Password hashing cost; only tests lower it."),
        "relaxed_rate_limits": (
            False,
            _bool,
            "Raise every rc_* rate limit (tests and benchmarks only).",
        ),
        "bot_localpart": ("girou-bot", str, "Localpart of the bot (and service) account."),
        "element_url": (
            "https://app.element.io",
            str,
            "Element web client that the officials' home page opens rooms in.",
        ),
    },
    "caldav": {
        "port": (5232, _port, "Radicale (CalDAV + CardDAV) port."),
        "host": ("", str, HOST_HELP),
        "public_url": ("", str, PUBLIC_URL_HELP),
    },
    "webdav": {
        "port": (8090, _port, "WsgiDAV (WebDAV shares) port."),
        "host": ("", str, HOST_HELP),
        "public_url": ("", str, PUBLIC_URL_HELP),
    },
    "portal": {
        "port": (8000, _port, "Portal (gunicorn) port."),
        "host": ("", str, HOST_HELP),
        "public_url": ("", str, PUBLIC_URL_HELP),
        "workers": (2, int, "gunicorn worker processes."),
        "page_cache_check_seconds": (
            1.0,
            float,
            "How long a worker trusts its cached pages before checking the data version again "
            "(a change shows on every page within this delay; 0: at once).",
        ),
    },
    "database": {
        "url": (
            "",
            str,
            "Portal and bots database: empty for SQLite GIROU_HOME/portal.db, or a SQLAlchemy URL.",
        ),
        "auto_upgrade": (
            True,
            _bool,
            "Upgrade the database's schema at start-up when it is behind this release (false: "
            "refuse to start until `girou db upgrade`, run after a backup; production).",
        ),
    },
    "mail": {
        "smtp_host": ("", str, "SMTP server; empty: mails are written to GIROU_HOME/mail/."),
        "smtp_port": (587, _port, "SMTP port."),
        "smtp_user": ("", str, "SMTP user name (empty: no authentication)."),
        "smtp_password": ("", str, "SMTP password."),
        "smtp_starttls": (True, _bool, "Use STARTTLS."),
        "sender": ("Girou <ne-pas-repondre@girou.localhost>", str, "From: address of the mails."),
        "max_attempts": (
            10,
            int,
            "A mail the server refuses for a while (4xx) is given up after this many tries...",
        ),
        "give_up_after_hours": (
            24,
            int,
            "...and once the server has refused it for this long (greylisting lasts minutes, a "
            "full mailbox hours). A 5xx refusal gives the mail up at once.",
        ),
    },
    "identity": {
        "cache_seconds": (
            600,
            int,
            "How long CalDAV, WebDAV and the portal remember a person's successful Matrix login "
            "(one check for the whole stack): a deactivated account or a changed password is "
            "refused at most this long after. Keep it well above 333 s, the pace at which "
            "Synapse lets one account log in (rc_login.account).",
        ),
    },
    "bridges": {
        "max_attempts": (10, int, "Delivery attempts before a notification is dead-lettered."),
        "digest_threshold": (
            10,
            int,
            "More notifications than this of one kind in one room within a minute: one digest.",
        ),
        "admin_room": ("moderation", str, "Room key where dead-letter alerts are posted."),
        "retry_base_ms": (1000, int, "First retry delay of a failed delivery (doubles each try)."),
        "retry_max_ms": (300_000, int, "Longest delay between two delivery tries."),
        "resend_check_events": (
            200,
            int,
            "Recent room events searched for a notification before sending it again.",
        ),
        "poll_interval_ms": (50, int, "How often the delivery worker looks for new rows."),
        "watch_interval": (10, int, "Seconds between two looks at the CalDAV and WebDAV changes."),
        "watch_max_backoff": (
            300,
            int,
            "Longest wait, in seconds, before a watcher looks again at a server that answered "
            "503 or 429 or refused the connection (Retry-After is honoured up to it).",
        ),
        "alert_after_seconds": (
            300,
            int,
            "A watcher or job failing this long raises one alert in admin_room, and one notice "
            "when it works again.",
        ),
    },
    "bots": {
        "timezone": (
            "Europe/Paris",
            _zone,
            "The territory's local time: opening hours, dates shown, scheduled jobs, reminders.",
        ),
        "misfire_grace_seconds": (
            21600,
            int,
            "How late a scheduled job missed while the bots were down may still run.",
        ),
        "catch_up_limit": (
            500,
            int,
            "Most events per room read back after a restart or a gap (bounded catch-up).",
        ),
    },
    "childcare": {
        "require_email_verification": (
            "auto",
            _choice("auto", "true", "false"),
            "Families confirm their e-mail before registering: auto = not in the demo, else yes.",
        ),
        "password_scrypt_n": (
            32768,
            int,
            "scrypt cost of family passwords; only tests and benchmarks lower it.",
        ),
        "api_token_days": (30, int, "Lifetime of a JSON API bearer token, in days."),
        "retention_days": (
            730,
            int,
            "Days children's data is kept after their last session, then anonymised; sent mails and"
            " delivered notifications older than this are deleted.",
        ),
    },
    "procedures": {
        "sources": (
            "",
            str,
            "Where the daily job re-imports service-public.fr sheets: directories, zip files or "
            "URLs of DILA zips, separated by spaces (empty: no scheduled re-import).",
        ),
        "refresh_hour": (4, int, "Local hour of the daily re-import (0-23)."),
        "refresh_minute": (30, int, "Minute of the daily re-import (0-59)."),
    },
    "gis": {
        "basemap": (
            "ign",
            _choice("ign", "osm", "none"),
            "Basemap of the public map: ign (Plan IGN), osm (OpenStreetMap) or none (offline).",
        ),
        "room": ("instance:urbanisme", str, "Room key where new GIS layer versions are announced."),
        "restricted_layers": (
            "",
            _names,
            "Comma-separated layers served only to logged-in officials and staff (e.g. parcels).",
        ),
    },
    "supervisor": {
        "start_timeout": (60, int, "Seconds a service may take to become healthy."),
        "max_backoff": (30, int, "Longest wait, in seconds, before restarting a dead service."),
    },
}


class ConfigError(Exception):
    """A setting that cannot be used; the message names the file or variable and the key."""


@dataclass(frozen=True)
class Settings:
    """All settings, typed, read once by an entrypoint and passed down."""

    home: Path
    values: dict[str, dict[str, Any]] = field(default_factory=dict)

    def get(self, section: str, key: str) -> Any:
        return self.values[section][key]

    def with_overrides(self, **overrides: Any) -> Settings:
        """Return a copy with `section__key=value` overrides (tests, benchmarks)."""
        values = {section: dict(keys) for section, keys in self.values.items()}
        for name, value in overrides.items():
            section, key = name.split("__", 1)
            values[section][key] = SCHEMA[section][key][1](value)
        return Settings(self.home, values)

    # Derived locations and URLs, so that nobody rebuilds them by hand.
    @property
    def bind(self) -> str:
        return self.values["girou"]["bind"]

    def url(self, service: str) -> str:
        """Where the other services reach `service` (matrix, caldav, webdav or portal)."""
        section = self.values[service]
        host = section["host"] or ("127.0.0.1" if self.bind in ("0.0.0.0", "") else self.bind)
        return f"http://{host}:{section['port']}"

    def public_url(self, service: str) -> str:
        """The URL people put in Element, Thunderbird or a file manager."""
        return (self.values[service]["public_url"] or self.url(service)).rstrip("/")

    @property
    def database_url(self) -> str:
        return self.values["database"]["url"] or f"sqlite:///{self.home / 'portal.db'}"

    @property
    def timezone(self) -> ZoneInfo:
        """The territory's local time; every local date or hour is computed in it."""
        return ZoneInfo(self.values["bots"]["timezone"])

    @property
    def server_name(self) -> str:
        return self.values["matrix"]["server_name"]

    @property
    def bot_user_id(self) -> str:
        return f"@{self.values['matrix']['bot_localpart']}:{self.server_name}"

    @property
    def run_dir(self) -> Path:
        return self.home / "run"

    def territory_path(self, project_dir: Path) -> Path:
        path = Path(self.values["girou"]["territory"])
        return path if path.is_absolute() else project_dir / path


def defaults() -> dict[str, dict[str, Any]]:
    return {s: {k: spec[1](spec[0]) for k, spec in keys.items()} for s, keys in SCHEMA.items()}


def load(home: Path, environ: dict[str, str] | None = None) -> Settings:
    """Read GIROU_HOME/girou.toml (if any), then GIROU_<SECTION>_<KEY> environment overrides."""
    environ = os.environ if environ is None else environ
    values = defaults()
    path = home / "girou.toml"
    if path.exists():
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{path}: {exc}") from exc
        for section, keys in data.items():
            if section not in SCHEMA or not isinstance(keys, dict):
                raise ConfigError(f"{path}: unknown section [{section}]")
            for key, raw in keys.items():
                values[section][key] = _convert(section, key, raw, f"{path}: [{section}] {key}")
    for section, keys in SCHEMA.items():
        for key in keys:
            name = f"GIROU_{section.upper()}_{key.upper()}"
            if name in environ:
                values[section][key] = _convert(section, key, environ[name], name)
    return Settings(home=home.resolve(), values=values)


def _convert(section: str, key: str, raw: Any, where: str) -> Any:
    if key not in SCHEMA[section]:
        raise ConfigError(f"{where}: unknown key")
    try:
        return SCHEMA[section][key][1](raw)
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"{where}: {exc}") from exc


def render_toml() -> str:
    """The commented girou.toml written on first run: every key, its default and its help."""
    import tomlkit

    doc = tomlkit.document()
    doc.add(tomlkit.comment("Girou configuration. Every key shows its default."))
    doc.add(tomlkit.comment("Environment variables GIROU_<SECTION>_<KEY> override this file."))
    for section, keys in SCHEMA.items():
        table = tomlkit.table()
        for key, (default, _conv, help_text) in keys.items():
            table.add(tomlkit.comment(help_text))
            table.add(key, default)
        doc.add(tomlkit.nl())
        doc.add(section, table)
    return tomlkit.dumps(doc)


def ensure_config_file(home: Path) -> Path:
    home.mkdir(parents=True, exist_ok=True)
    path = home / "girou.toml"
    if not path.exists():
        path.write_text(render_toml(), encoding="utf-8")
    return path
