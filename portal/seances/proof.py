"""The proof log of a séance: append-only entries chained by hash, and the check of the chain.

Each entry's hash covers its own fields (kind, time, actor, details, the hash of the documents
sent) and the previous entry's hash, as SHA-256 over canonical JSON: changing, removing or
reordering any entry breaks every hash after it, which `verify` reports.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from collab.db import utcnow
from portal.seances.models import GENESIS, ProofEntry


def documents_hash(documents: Iterable[tuple[str, bytes | str]]) -> str:
    """One hash for (name, content) documents, in name order (the convocation, annexes…)."""
    digest = hashlib.sha256()
    for name, content in sorted(documents, key=lambda pair: pair[0]):
        data = content.encode() if isinstance(content, str) else content
        digest.update(hashlib.sha256(name.encode()).digest())
        digest.update(hashlib.sha256(data).digest())
    return digest.hexdigest()


def _entry_hash(
    *,
    seance_id: int,
    sequence: int,
    kind: str,
    recorded_at: dt.datetime,
    actor: str | None,
    details: dict[str, Any],
    documents: str,
    previous: str,
) -> str:
    canonical = json.dumps(
        {
            "seance": seance_id,
            "sequence": sequence,
            "kind": kind,
            "at": recorded_at.isoformat(timespec="microseconds"),
            "actor": actor,
            "details": details,
            "documents": documents,
            "previous": previous,
        },
        sort_keys=True,
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256(canonical.encode()).hexdigest()


def append(
    db: Session,
    seance_id: int,
    kind: str,
    details: dict[str, Any],
    *,
    actor: str | None = None,
    documents: str = GENESIS,
) -> ProofEntry:
    """Add an entry to the séance's chain, in the caller's transaction."""
    last = db.scalars(
        select(ProofEntry)
        .where(ProofEntry.seance_id == seance_id)
        .order_by(ProofEntry.sequence.desc())
        .limit(1)
        .with_for_update()
    ).first()
    sequence = last.sequence + 1 if last else 1
    previous = last.entry_hash if last else GENESIS
    recorded_at = utcnow()
    details = json.loads(json.dumps(details))  # what the JSON column gives back
    entry = ProofEntry(
        seance_id=seance_id,
        sequence=sequence,
        kind=kind,
        recorded_at=recorded_at,
        actor=actor,
        details=details,
        documents_hash=documents,
        previous_hash=previous,
        entry_hash=_entry_hash(
            seance_id=seance_id,
            sequence=sequence,
            kind=kind,
            recorded_at=recorded_at,
            actor=actor,
            details=details,
            documents=documents,
            previous=previous,
        ),
    )
    db.add(entry)
    db.flush()
    return entry


@dataclass(frozen=True)
class Verification:
    entries: int
    problems: tuple[str, ...]  # English, one per broken entry

    @property
    def ok(self) -> bool:
        return not self.problems


def verify(db: Session, seance_id: int) -> Verification:
    """Recompute the chain of the séance's entries, in order."""
    entries = db.scalars(
        select(ProofEntry).where(ProofEntry.seance_id == seance_id).order_by(ProofEntry.sequence)
    ).all()
    problems = []
    previous = GENESIS
    for expected, entry in enumerate(entries, start=1):
        if entry.sequence != expected:
            problems.append(f"entry {expected} is missing (found {entry.sequence} next)")
        if entry.previous_hash != previous:
            problems.append(f"entry {entry.sequence}: does not follow the previous entry's hash")
        recomputed = _entry_hash(
            seance_id=entry.seance_id,
            sequence=entry.sequence,
            kind=entry.kind,
            recorded_at=entry.recorded_at,
            actor=entry.actor,
            details=entry.details,
            documents=entry.documents_hash,
            previous=entry.previous_hash,
        )
        if recomputed != entry.entry_hash:
            problems.append(f"entry {entry.sequence} ({entry.kind}): its content was changed")
        previous = entry.entry_hash
    return Verification(entries=len(entries), problems=tuple(problems))
