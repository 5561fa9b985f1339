"""The generic webhook: tokens bound to a room, and a POST body turned into an outbox row."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import secrets
import uuid
from typing import Any

from sqlalchemy import DateTime, Integer, String, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from collab import outbox
from collab.db import Base, utcnow
from collab.models import is_raw_room_id, room_keys

HOOK_KIND = "hook"
FIELDS = ("text", "html", "source_id")
MAX_TEXT = 10_000  # characters
MAX_HTML = 20_000  # characters
# A Matrix event is at most 64 KiB; leave room for the rest of the event.
MAX_CONTENT_BYTES = 48_000
MAX_SOURCE_ID = 200
MAX_LABEL = 200


class HookError(Exception):
    """A request the webhook refuses: `status` 404 (token) or 400 (body), `reason` in English."""

    def __init__(self, status: int, reason: str) -> None:
        super().__init__(f"{status}: {reason}")
        self.status = status
        self.reason = reason


class HookToken(Base):
    """A webhook bound to one room. Only the token's SHA-256 is stored, never the token."""

    __tablename__ = "hook_tokens"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    room_key: Mapped[str] = mapped_column(String(255))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    label: Mapped[str] = mapped_column(String(MAX_LABEL), default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    revoked_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)


def token_hash(token: str) -> str:
    # Tokens are 256 random bits: a fast hash is enough, no salt or stretching needed.
    return hashlib.sha256(token.encode()).hexdigest()


def check_room_key(session: Session, room_key: str) -> None:
    """Raise ValueError (English, lists the known keys) unless the room key is provisioned."""
    if is_raw_room_id(room_key):
        return
    known = room_keys(session)
    if room_key not in known:
        hint = ", ".join(known) if known else "none: run `girou provision` first"
        raise ValueError(f"unknown room key {room_key!r} (known room keys: {hint})")


def create_hook(session: Session, room_key: str, label: str = "") -> str:
    """A new token for `room_key`, returned once: only its hash is kept."""
    check_room_key(session, room_key)
    if len(label) > MAX_LABEL:
        raise ValueError(f"label is too long ({len(label)} characters, at most {MAX_LABEL})")
    token = secrets.token_urlsafe(32)
    session.add(HookToken(room_key=room_key, token_hash=token_hash(token), label=label))
    session.flush()
    return token


def _find(session: Session, token_or_id: str) -> HookToken | None:
    if token_or_id.isdigit() and len(token_or_id) < 12:
        return session.get(HookToken, int(token_or_id))
    return session.scalars(
        select(HookToken).where(HookToken.token_hash == token_hash(token_or_id))
    ).first()


def revoke_hook(session: Session, token_or_id: str) -> bool:
    """Revoke by token or id; False when no active hook matches."""
    hook = _find(session, token_or_id)
    if hook is None or hook.revoked_at is not None:
        return False
    hook.revoked_at = utcnow()
    return True


def list_hooks(session: Session) -> list[HookToken]:
    return list(session.scalars(select(HookToken).order_by(HookToken.id)))


def accept_hook(session: Session, token: str, body: bytes | dict[str, Any]) -> tuple[str, bool]:
    """Validate a webhook call and add its outbox row to the caller's transaction.

    Returns (source id, created); created is False when that source id was already accepted
    (a retried call). Raises HookError(404) for an unknown or revoked token, HookError(400)
    with the reason for a malformed body; nothing is written then.
    """
    hook = session.scalars(
        select(HookToken).where(
            HookToken.token_hash == token_hash(token), HookToken.revoked_at.is_(None)
        )
    ).first()
    if hook is None:
        raise HookError(404, "unknown or revoked hook token")
    data = _parse(body)
    given = data.get("source_id")
    source_id = f"hook:{hook.id}:{given if given is not None else uuid.uuid4().hex}"
    payload = {"text": data["text"], "html": data.get("html"), "hook_id": hook.id}
    created = outbox.enqueue(
        session, kind=HOOK_KIND, room_key=hook.room_key, payload=payload, source_id=source_id
    )
    return source_id, created


def _parse(body: bytes | dict[str, Any]) -> dict[str, Any]:
    if isinstance(body, bytes | bytearray):
        try:
            data = json.loads(body.decode("utf-8"))
        except UnicodeDecodeError:
            raise HookError(400, "body is not UTF-8 text") from None
        except ValueError as exc:
            raise HookError(400, f"body is not valid JSON ({exc})") from None
    else:
        data = body
    if not isinstance(data, dict):
        raise HookError(400, 'body must be a JSON object, e.g. {"text": "..."}')
    unknown = sorted(set(data) - set(FIELDS))
    if unknown:
        raise HookError(
            400, f"unknown field(s): {', '.join(unknown)} (allowed: {', '.join(FIELDS)})"
        )
    text = data.get("text")
    if text is None:
        raise HookError(400, '"text" is missing')
    if not isinstance(text, str) or not text.strip():
        raise HookError(400, '"text" must be a non-empty string')
    if len(text) > MAX_TEXT:
        raise HookError(400, f'"text" is too long ({len(text)} characters, at most {MAX_TEXT})')
    html = data.get("html")
    if html is not None:
        if not isinstance(html, str):
            raise HookError(400, '"html" must be a string')
        if len(html) > MAX_HTML:
            raise HookError(400, f'"html" is too long ({len(html)} characters, at most {MAX_HTML})')
    size = len(json.dumps([text, html]).encode())
    if size > MAX_CONTENT_BYTES:
        raise HookError(
            400,
            f'"text" and "html" are too large together ({size} bytes, at most {MAX_CONTENT_BYTES})',
        )
    source_id = data.get("source_id")
    if source_id is not None and (
        not isinstance(source_id, str) or not source_id or len(source_id) > MAX_SOURCE_ID
    ):
        raise HookError(
            400, f'"source_id" must be a non-empty string of at most {MAX_SOURCE_ID} characters'
        )
    return data
