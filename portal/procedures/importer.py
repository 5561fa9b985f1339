"""`girou import dila DIR|ZIP`: service-public.fr sheets into the database, each whole or not."""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
import zipfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.exc import OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from collab import db as database
from collab import progress
from collab.config import Settings
from portal.procedures.models import Sheet
from portal.procedures.render import (
    MAX_SHEET_BYTES,
    RENDERER_VERSION,
    ParsedSheet,
    SheetError,
    parse_sheet,
)

SHEET_FILE_RE = re.compile(r"([FNR][0-9]{1,9})\.xml")
COMMIT_EVERY = 200
_DECLARATION_RE = re.compile(r"\A\s*<\?xml[^>]*\?>\s*")


class SourceError(Exception):
    """The directory or zip itself is unusable (then nothing is imported)."""


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    broken: list[tuple[str, str]] = field(default_factory=list)  # (file name, reason)
    skipped: list[str] = field(default_factory=list)  # files that are not sheets

    @property
    def imported(self) -> int:
        return self.created + self.updated

    def summary(self) -> str:
        return (
            f"{self.created} new, {self.updated} updated, {self.unchanged} unchanged, "
            f"{len(self.broken)} broken, {len(self.skipped)} other files skipped"
        )


# A file of the source: its name and how to read its bytes (bounded).
SourceFile = tuple[str, Callable[[], bytes]]


@contextmanager
def source_files(path: Path) -> Iterator[list[SourceFile]]:
    """The files of a directory (recursively) or of a zip, in name order (a zip is read while
    the `with` lasts); SourceError if the path is neither."""
    if path.is_dir():
        yield [
            (file.name, _file_reader(file))
            for file in sorted(p for p in path.rglob("*") if p.is_file())
            if not any(part.startswith(".") for part in file.relative_to(path).parts)
        ]
        return
    if not path.is_file():
        raise SourceError(f"{path}: no such file or directory")
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise SourceError(f"{path}: not a directory nor a readable zip file ({exc})") from exc
    with archive:
        yield [
            (Path(info.filename).name, _zip_reader(archive, info))
            for info in sorted(archive.infolist(), key=lambda i: i.filename)
            if not info.is_dir()
        ]


def _file_reader(file: Path) -> Callable[[], bytes]:
    def read() -> bytes:
        if file.stat().st_size > MAX_SHEET_BYTES:
            raise SheetError(f"file too large ({file.stat().st_size} bytes)")
        return file.read_bytes()

    return read


def _zip_reader(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> Callable[[], bytes]:
    def read() -> bytes:
        if info.file_size > MAX_SHEET_BYTES:
            raise SheetError(f"file too large ({info.file_size} bytes)")
        with archive.open(info) as stream:  # read bounded: the size in the zip may lie
            data = stream.read(MAX_SHEET_BYTES + 1)
        if len(data) > MAX_SHEET_BYTES:
            raise SheetError("file too large")
        return data

    return read


def import_files(
    sessions: sessionmaker[Session],
    files: Iterable[SourceFile],
    *,
    on_broken: Callable[[str, str], None] | None = None,
    advance: progress.Advance = progress.silent,
) -> ImportReport:
    """Import each sheet in its own savepoint; a broken file is reported and the others go on.
    `advance` is told of each file done."""
    report = ImportReport()
    with sessions() as db:
        known = {
            sheet_id: (content_hash, version)
            for sheet_id, content_hash, version in db.execute(
                select(Sheet.id, Sheet.content_hash, Sheet.renderer_version)
            )
        }
        pending = 0
        for name, read in progress.counted(files, advance):
            match = SHEET_FILE_RE.fullmatch(name)
            if match is None:
                report.skipped.append(name)
                continue
            try:
                data = read()
                parsed = parse_sheet(data, expected_id=match[1])
            except (SheetError, OSError, zipfile.BadZipFile, EOFError) as exc:
                _broken(report, name, str(exc), on_broken)
                continue
            if known.get(parsed.id) == (parsed.content_hash, RENDERER_VERSION):
                report.unchanged += 1
                continue
            try:
                with db.begin_nested():
                    created = _store(db, parsed, data)
            except OperationalError:
                raise  # the database itself is failing: stop, do not call every file broken
            except SQLAlchemyError as exc:
                _broken(report, name, f"not stored: {type(exc).__name__}", on_broken)
                continue
            known[parsed.id] = (parsed.content_hash, RENDERER_VERSION)
            if created:
                report.created += 1
            else:
                report.updated += 1
            pending += 1
            if pending >= COMMIT_EVERY:
                db.commit()
                pending = 0
        db.commit()
    return report


def _broken(
    report: ImportReport, name: str, reason: str, on_broken: Callable[[str, str], None] | None
) -> None:
    report.broken.append((name, reason))
    if on_broken is not None:
        on_broken(name, reason)


def _store(db: Session, parsed: ParsedSheet, data: bytes) -> bool:
    """Insert or update one sheet; True if it is new."""
    sheet = db.scalars(select(Sheet).where(Sheet.id == parsed.id)).first()
    created = sheet is None
    if sheet is None:
        sheet = Sheet(id=parsed.id)
        db.add(sheet)
    first_theme = parsed.themes[0] if parsed.themes else [None, None]
    sheet.type = parsed.type
    sheet.sp_url = parsed.sp_url
    sheet.title = parsed.title
    sheet.description = parsed.description
    sheet.modified = parsed.modified
    sheet.audience = parsed.audience
    sheet.audiences = parsed.audiences
    sheet.theme_id, sheet.theme_title = first_theme[0], first_theme[1]
    sheet.themes = parsed.themes
    sheet.folder_id = parsed.folder_id
    sheet.folder_title = parsed.folder_title
    sheet.siblings = parsed.siblings
    sheet.breadcrumb = parsed.breadcrumb
    sheet.links = parsed.links
    sheet.body_html = parsed.body_html
    sheet.xml = _xml_text(data)
    sheet.content_hash = parsed.content_hash
    sheet.renderer_version = RENDERER_VERSION
    sheet.imported_at = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    sheet.search_title = parsed.search_title
    sheet.search_body = parsed.search_body
    db.flush()
    return created


def _xml_text(data: bytes) -> str:
    """The XML as text without its declaration (so that it reads back as UTF-8 whatever its
    original encoding said)."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
    return _DECLARATION_RE.sub("", text)


def import_path(sessions: sessionmaker[Session], path: Path, **kwargs) -> ImportReport:
    """Import a directory or a zip of sheets; SourceError if it cannot be read at all."""
    with source_files(Path(path)) as files:
        return import_files(sessions, files, **kwargs)


def import_dila_command(settings: Settings, args: argparse.Namespace) -> int:
    """`girou import dila PATH`: 0 if every sheet was imported (or unchanged), 1 if some files
    were broken (the others are imported), 2 if the path itself is unusable (nothing changed)."""
    path = Path(args.path)
    if not path.exists():
        print(
            f"girou import dila: {path}: no such file or directory; nothing imported",
            file=sys.stderr,
        )
        return 2
    engine = database.make_engine(settings.database_url)
    try:
        with (
            source_files(path) as files,
            progress.task("Importing service-public sheets", total=len(files)) as advance,
        ):
            report = import_files(
                database.make_sessionmaker(engine),
                files,
                on_broken=lambda name, reason: print(f"broken {name}: {reason}", file=sys.stderr),
                advance=advance,
            )
    except SourceError as exc:
        print(f"girou import dila: {exc}; nothing imported", file=sys.stderr)
        return 2
    finally:
        engine.dispose()
    print(f"dila: {report.imported + report.unchanged} sheets from {path}: {report.summary()}")
    return 1 if report.broken else 0
