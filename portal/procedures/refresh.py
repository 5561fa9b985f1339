"""The scheduled re-import of the sheets from configured sources, skipping unchanged data.

A source is a directory, a zip file, or the URL of a zip (the DILA publishes one per
audience). A URL is asked with `If-None-Match` / `If-Modified-Since` from its last answer
(304: nothing to do); a directory or zip file is skipped when the names, sizes and
modification times of its files are those seen last time. Within an import, a sheet whose
bytes did not change is not written again.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy.orm import Session, sessionmaker

from collab import db as database
from collab.config import Settings
from portal.procedures.importer import ImportReport, SourceError, import_path
from portal.procedures.models import SourceState

log = logging.getLogger("girou.procedures")

MAX_DOWNLOAD_BYTES = 1_000_000_000
HTTP_TIMEOUT = 60.0


def configured_sources(settings: Settings) -> list[str]:
    return [s for s in re.split(r"[\s,]+", settings.get("procedures", "sources")) if s]


@dataclass
class RefreshResult:
    source: str
    status: str  # "unchanged", "imported", "failed"
    report: ImportReport | None = None
    error: str = ""

    def line(self) -> str:
        if self.status == "imported" and self.report is not None:
            return f"{self.source}: {self.report.summary()}"
        if self.status == "failed":
            return f"{self.source}: failed: {self.error}"
        return f"{self.source}: unchanged"


def refresh_sources(settings: Settings) -> list[str]:
    """The scheduled job: every configured source, one after the other (one line each)."""
    engine = database.make_engine(settings.database_url)
    try:
        sessions = database.make_sessionmaker(engine)
        with httpx.Client(timeout=HTTP_TIMEOUT, follow_redirects=True) as http:
            lines = [
                refresh_source(sessions, s, http=http).line() for s in configured_sources(settings)
            ]
    finally:
        engine.dispose()
    for line in lines:
        log.info("dila refresh: %s", line)
    return lines


def refresh_source(
    sessions: sessionmaker[Session], source: str, *, http: httpx.Client | None = None
) -> RefreshResult:
    """Look at one source; import it only if it changed since the last look."""
    try:
        if source.startswith(("http://", "https://")):
            own = http is None
            http = http or httpx.Client(timeout=HTTP_TIMEOUT, follow_redirects=True)
            try:
                return _refresh_url(sessions, source, http)
            finally:
                if own:
                    http.close()
        return _refresh_path(sessions, source)
    except (httpx.HTTPError, SourceError, OSError) as exc:
        _remember(sessions, source, result=f"failed: {exc}")
        log.warning("dila refresh of %s failed: %s", source, exc)
        return RefreshResult(source, "failed", error=str(exc))


def _state(sessions: sessionmaker[Session], source: str) -> SourceState | None:
    with sessions() as db:
        return db.get(SourceState, source)


def _remember(sessions: sessionmaker[Session], source: str, **values: Any) -> None:
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    with sessions.begin() as db:
        state = db.get(SourceState, source)
        if state is None:
            state = SourceState(source=source)
            db.add(state)
        state.checked_at = now
        if "result" in values:
            state.last_result = values.pop("result")[:1000]
        if values.pop("imported", False):
            state.imported_at = now
        for key, value in values.items():
            setattr(state, key, value)


def _refresh_url(sessions: sessionmaker[Session], url: str, http: httpx.Client) -> RefreshResult:
    state = _state(sessions, url)
    headers = {}
    if state is not None and state.etag:
        headers["If-None-Match"] = state.etag
    if state is not None and state.last_modified:
        headers["If-Modified-Since"] = state.last_modified
    with tempfile.TemporaryDirectory(prefix="girou-dila-") as folder:
        target = Path(folder) / "sheets.zip"
        with http.stream("GET", url, headers=headers) as response:
            if response.status_code == 304:
                _remember(sessions, url, result="unchanged")
                return RefreshResult(url, "unchanged")
            response.raise_for_status()
            size = 0
            with target.open("wb") as out:
                for chunk in response.iter_bytes():
                    size += len(chunk)
                    if size > MAX_DOWNLOAD_BYTES:
                        raise SourceError(f"larger than {MAX_DOWNLOAD_BYTES} bytes")
                    out.write(chunk)
            etag = response.headers.get("ETag")
            last_modified = response.headers.get("Last-Modified")
        report = import_path(sessions, target)
    _remember(
        sessions,
        url,
        etag=etag,
        last_modified=last_modified,
        imported=True,
        result=report.summary(),
    )
    return RefreshResult(url, "imported", report)


def fingerprint(path: Path) -> str:
    """What changes when a file is added, removed or rewritten in a directory (or a zip)."""
    if not path.exists():
        raise SourceError(f"{path}: no such file or directory")
    digest = hashlib.sha256()
    files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file())
    for file in files:
        stat = file.stat()
        name = file.name if file == path else str(file.relative_to(path))
        digest.update(f"{name}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def _refresh_path(sessions: sessionmaker[Session], source: str) -> RefreshResult:
    path = Path(source)
    seen = fingerprint(path)
    state = _state(sessions, source)
    if state is not None and state.fingerprint == seen:
        _remember(sessions, source, result="unchanged")
        return RefreshResult(source, "unchanged")
    report = import_path(sessions, path)
    _remember(sessions, source, fingerprint=seen, imported=True, result=report.summary())
    return RefreshResult(source, "imported", report)
