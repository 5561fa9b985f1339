"""Secrets generated on first run into GIROU_HOME/secrets.toml (mode 0600, never committed)."""

from __future__ import annotations

import secrets
import tomllib
from dataclasses import dataclass
from pathlib import Path

import tomlkit

from collab.atomic import write_private

NAMES = (
    "registration_shared_secret",
    "macaroon_secret_key",
    "form_secret",
    "flask_secret_key",
    "bot_password",
)


@dataclass(frozen=True)
class Secrets:
    registration_shared_secret: str
    macaroon_secret_key: str
    form_secret: str
    flask_secret_key: str
    bot_password: str


def secrets_path(home: Path) -> Path:
    return home / "secrets.toml"


def ensure_secrets(home: Path) -> Secrets:
    """Load the secrets, generating any that are missing; the file is only ever mode 0600."""
    path = secrets_path(home)
    values: dict[str, str] = {}
    if path.exists():
        values = {k: str(v) for k, v in tomllib.loads(path.read_text("utf-8")).items()}
    missing = [name for name in NAMES if not values.get(name)]
    if missing:
        for name in missing:
            values[name] = secrets.token_urlsafe(32)
        write_private(path, tomlkit.dumps({name: values[name] for name in NAMES}))
    return Secrets(**{name: values[name] for name in NAMES})


def load_secrets(home: Path) -> Secrets:
    """Secrets of an already initialised GIROU_HOME (services started by the supervisor)."""
    path = secrets_path(home)
    if not path.exists():
        raise FileNotFoundError(f"{path} is missing: run `girou up` or `girou init` first")
    values = tomllib.loads(path.read_text("utf-8"))
    return Secrets(**{name: str(values[name]) for name in NAMES})
