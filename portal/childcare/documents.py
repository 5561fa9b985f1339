"""Family documents (proof of family quotient, insurance, vaccinations): stored in the
secretariat's WebDAV share with the bot account, never served by the portal; the table only
says which ones a family has sent, for the completeness of its file.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Collection

from sqlalchemy import (
    ColumnElement,
    DateTime,
    ForeignKey,
    Integer,
    Label,
    Row,
    String,
    bindparam,
    exists,
    select,
)
from sqlalchemy.orm import Mapped, Session, mapped_column

from collab.db import Base, utcnow
from collab.webdav import DavShares
from portal.childcare.errors import ChildcareError
from portal.childcare.models import Family

SHARE = "secretariat"
FOLDER = "inscriptions-enfance"
MAX_BYTES = 5 * 1024 * 1024
KINDS = {
    "quotient": "justificatif de quotient familial (CAF ou MSA)",
    "assurance": "attestation d’assurance (responsabilité civile, activités extrascolaires)",
    "vaccins": "pages de vaccination du carnet de santé",
}
# What a file is, from its first bytes: a file's name or announced type proves nothing.
SIGNATURES = ((b"%PDF-", "pdf"), (b"\x89PNG\r\n\x1a\n", "png"), (b"\xff\xd8\xff", "jpg"))


class FamilyDocument(Base):
    """One document a family sent; the file itself is in the secretariat's share."""

    __tablename__ = "childcare_documents"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    family_id: Mapped[int] = mapped_column(
        ForeignKey("childcare_families.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(20))  # a key of KINDS
    path: Mapped[str] = mapped_column(String(300))  # inside the share
    size: Mapped[int] = mapped_column(Integer)
    uploaded_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


def file_type(data: bytes) -> str | None:
    return next((ext for magic, ext in SIGNATURES if data.startswith(magic)), None)


def check_upload(kind: str, data: bytes) -> str:
    """The file's extension, or ChildcareError (French) for a bad kind, size or type."""
    if kind not in KINDS:
        raise ChildcareError("Choisissez le type de document.", "invalid_document")
    if not data:
        raise ChildcareError("Choisissez un fichier à envoyer.", "invalid_document")
    if len(data) > MAX_BYTES:
        raise ChildcareError("Le fichier dépasse 5 Mo.", "invalid_document")
    ext = file_type(data)
    if ext is None:
        raise ChildcareError("Formats acceptés : PDF, JPEG ou PNG.", "invalid_document")
    return ext


def store(dav: DavShares, family_id: int, kind: str, data: bytes) -> tuple[str, int]:
    """Upload to the secretariat's share (`dav`: the bot account's session); the (path, size)
    to record. Checked first."""
    ext = check_upload(kind, data)
    stamp = utcnow().strftime("%Y%m%d-%H%M%S")
    folder = f"{FOLDER}/famille-{family_id}"
    path = f"{folder}/{kind}-{stamp}-{secrets.token_hex(4)}.{ext}"
    for part in (f"{SHARE}/{FOLDER}", f"{SHARE}/{folder}"):
        if not dav.client.exists(part):
            dav.client.mkdir(part)
    dav.upload(SHARE, path, data)
    return path, len(data)


def remove_files(dav: DavShares, paths: list[str]) -> None:
    """Delete documents from the share (account deletion)."""
    for path in paths:
        if dav.client.exists(f"{SHARE}/{path}"):
            dav.client.remove(f"{SHARE}/{path}")


def documents_of(db: Session, family_id: int) -> list[FamilyDocument]:
    return list(
        db.scalars(
            select(FamilyDocument)
            .where(FamilyDocument.family_id == family_id)
            .order_by(FamilyDocument.uploaded_at)
        )
    )


DOCUMENTS = FamilyDocument.__table__
SENT_KINDS = select(DOCUMENTS.c.kind).where(DOCUMENTS.c.family_id == bindparam("family_id"))


def sent_flags(family_id: ColumnElement[int]) -> list[Label[bool]]:
    """One column per kind, `sent_<kind>`: whether the family `family_id` sent one; for a
    query that reads the family anyway (`kinds_flagged` reads them back)."""
    return [
        exists()
        .where(DOCUMENTS.c.family_id == family_id, DOCUMENTS.c.kind == kind)
        .label(f"sent_{kind}")
        for kind in KINDS
    ]


def kinds_flagged(row: Row) -> frozenset[str]:
    """The kinds a row with the `sent_flags` columns says were sent."""
    return frozenset(kind for kind in KINDS if row._mapping[f"sent_{kind}"])


def documents_missing(sent: Collection[str]) -> list[str]:
    """The documents not among the kinds `sent`, as the family's file lists them."""
    return [f"{label} manquant(e)" for kind, label in KINDS.items() if kind not in sent]


def sent_kinds(db: Session, family_id: int) -> set[str]:
    db.flush()  # a document just added is sent (Core statements do not flush)
    return set(db.scalars(SENT_KINDS, {"family_id": family_id}))


def missing_documents(db: Session, family: Family) -> list[str]:
    """The documents the family has not sent."""
    return documents_missing(sent_kinds(db, family.id))
