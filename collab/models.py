"""What provisioning remembers: the Matrix room of each room key."""

from __future__ import annotations

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from collab.db import Base


class MatrixRoom(Base):
    """A provisioned room: `instance:urbanisme`, `secretariat`, `space`… -> its room id."""

    __tablename__ = "matrix_rooms"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    room_id: Mapped[str] = mapped_column(String(255), unique=True)
    name: Mapped[str] = mapped_column(String(255))
