"""What provisioning remembers: the Matrix room of each room key, and the one lookup both ways."""

from __future__ import annotations

from sqlalchemy import String, bindparam, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from collab.db import Base


class MatrixRoom(Base):
    """A provisioned room: `instance:urbanisme`, `secretariat`, `space`… -> its room id."""

    __tablename__ = "matrix_rooms"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    room_id: Mapped[str] = mapped_column(String(255), unique=True)
    name: Mapped[str] = mapped_column(String(255))


_ROOM_ID = select(MatrixRoom.room_id).where(MatrixRoom.key == bindparam("key"))
_ROOM_KEY = select(MatrixRoom.key).where(MatrixRoom.room_id == bindparam("room_id"))


# `direct:alice.exemple`: the private chat between the bot and that person, created by the
# delivery the first time a notice is addressed to it, then remembered like any room.
DIRECT_PREFIX = "direct:"


def direct_localpart(room_key: str) -> str | None:
    """The person a direct-chat room key addresses; None for any other key."""
    if room_key.startswith(DIRECT_PREFIX) and len(room_key) > len(DIRECT_PREFIX):
        return room_key[len(DIRECT_PREFIX) :]
    return None


def remember_room(db: Session, room_key: str, room_id: str, name: str) -> None:
    """Record the room of a room key (in the caller's transaction)."""
    row = db.get(MatrixRoom, room_key)
    if row is None:
        db.add(MatrixRoom(key=room_key, room_id=room_id, name=name))
    else:
        row.room_id, row.name = room_id, name


def is_raw_room_id(room_key: str) -> bool:
    """A room key may be a raw `!room:server` id, as the outbox and the webhooks accept."""
    return room_key.startswith("!")


def room_id_of(db: Session, room_key: str) -> str | None:
    """The room id of a room key (a raw room id is its own); None until it is provisioned."""
    if is_raw_room_id(room_key):
        return room_key
    return db.scalar(_ROOM_ID, {"key": room_key})


def room_key_of(db: Session, room_id: str) -> str | None:
    """The room key of a provisioned room; None for any other room the bot is in."""
    return db.scalar(_ROOM_KEY, {"room_id": room_id})


def room_keys(db: Session) -> list[str]:
    """Every provisioned room key, sorted (not the private chats the delivery opened)."""
    keys = db.scalars(select(MatrixRoom.key).where(~MatrixRoom.key.startswith(DIRECT_PREFIX)))
    return sorted(keys)
