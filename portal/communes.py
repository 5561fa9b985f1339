"""The communes: a page each with its mairie, and `girou import annuaire FILE` that fills them."""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from flask import Blueprint, abort, redirect, render_template, url_for
from sqlalchemy import JSON, DateTime, String
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Mapped, Session, mapped_column, sessionmaker

from collab import db as database
from collab import progress
from collab.config import Settings
from collab.db import utcnow
from collab.feature import Feature, Importer
from collab.french import fold, time_fr
from collab.territory import ELECTED_ROLES, Commune, Territory, load_territory
from portal import mairie_records
from portal.search_terms import SearchHit, terms
from portal.state import state

bp = Blueprint("communes", __name__)

DEMO_FILE = Path(__file__).parent / "data" / "annuaire-demo.json"


class Mairie(database.Base):
    """The mairie of a commune, as last imported from the Annuaire de l'administration."""

    __tablename__ = "mairies"

    insee: Mapped[str] = mapped_column(String(5), primary_key=True)
    name: Mapped[str] = mapped_column(String(500))
    record_id: Mapped[str] = mapped_column(String(500), default="")
    addresses: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    phones: Mapped[list[dict[str, str]]] = mapped_column(JSON, default=list)
    emails: Mapped[list[str]] = mapped_column(JSON, default=list)
    websites: Mapped[list[dict[str, str]]] = mapped_column(JSON, default=list)
    hours: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    modified: Mapped[str] = mapped_column(String(500), default="")
    imported_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    @property
    def modified_date(self) -> dt.date | None:
        """The record's date_modification ('15/01/2025 10:00:00' or ISO), when readable."""
        text = (self.modified or "").strip()
        for pattern, size in (("%d/%m/%Y", 10), ("%Y-%m-%d", 10)):
            try:
                return dt.datetime.strptime(text[:size], pattern).date()
            except ValueError:
                continue
        return None

    def hour_rows(self) -> list[tuple[str, str, str]]:
        """(days, times, comment) in French: ('Du lundi au vendredi', '9 h à 12 h, …', '')."""
        rows = []
        for entry in self.hours:
            start, end = entry["day_start"], entry["day_end"]
            days = f"Du {start} au {end}" if end else start.capitalize()
            times = " et ".join(
                f"de {time_fr(dt.time.fromisoformat(a))} à {time_fr(dt.time.fromisoformat(b))}"
                for a, b in entry["slots"]
            )
            rows.append((days, times, entry["comment"]))
        return rows


_FIELDS = ("name", "record_id", "addresses", "phones", "emails", "websites", "hours", "modified")


def store_mairie(db: Session, data: mairie_records.MairieData) -> str:
    """Write one mairie; returns 'created', 'updated' or 'unchanged'."""
    mairie = db.get(Mairie, data.insee)
    values = {name: getattr(data, name) for name in _FIELDS}
    if mairie is None:
        db.add(Mairie(insee=data.insee, imported_at=utcnow(), **values))
        return "created"
    if all(getattr(mairie, name) == value for name, value in values.items()):
        return "unchanged"
    for name, value in values.items():
        setattr(mairie, name, value)
    mairie.imported_at = utcnow()
    return "updated"


def mairie_for(db: Session, insee: str) -> Mairie | None:
    """The mairie of a commune (for co-branded pages: render it with communes/_mairie.html)."""
    return db.get(Mairie, insee)


# --- import --------------------------------------------------------------------------------------


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: list[str] = field(default_factory=list)
    broken: list[str] = field(default_factory=list)

    def summary(self) -> str:
        imported = self.created + self.updated + self.unchanged
        return (
            f"{imported} mairies imported ({self.created} new, {self.updated} updated, "
            f"{self.unchanged} unchanged), {len(self.skipped)} skipped, "
            f"{len(self.broken)} broken"
        )


def import_records(
    sessions: sessionmaker[Session],
    territory: Territory,
    records: list[Any],
    advance: progress.Advance = progress.silent,
) -> ImportReport:
    """Import each record whole or not at all; a broken record is reported, the others go on.
    `advance` is told of each record done."""
    report = ImportReport()
    communes = {commune.insee for commune in territory.communes}
    seen: dict[str, str] = {}
    for index, record in enumerate(progress.counted(records, advance)):
        label = mairie_records.record_label(index, record)
        try:
            if isinstance(record, dict) and not mairie_records.is_mairie(record):
                report.skipped.append(f"{label}: not a mairie")
                continue
            data = mairie_records.read_mairie(record)
        except mairie_records.RecordError as exc:
            report.broken.append(f"{label}: {exc}")
            continue
        if data.insee not in communes:
            report.skipped.append(f"{label}: commune {data.insee} is not in the territory")
            continue
        if data.insee in seen:
            report.skipped.append(
                f"{label}: commune {data.insee} already has a mairie in this file "
                f"({seen[data.insee]})"
            )
            continue
        seen[data.insee] = label
        try:
            with sessions.begin() as db:
                outcome = store_mairie(db, data)
        except SQLAlchemyError as exc:
            report.broken.append(f"{label}: not stored: {exc.__class__.__name__}: {exc}"[:500])
            continue
        setattr(report, outcome, getattr(report, outcome) + 1)
    return report


def import_annuaire_command(settings: Settings, args: argparse.Namespace) -> int:
    """`girou import annuaire FILE`: 0 if every record was usable, 1 if some were broken, 2 if
    the file itself was (then nothing changed)."""
    territory = load_territory(settings.territory_path(Path.cwd()))
    try:
        records = mairie_records.read_records(Path(args.file))
    except mairie_records.AnnuaireFileError as exc:
        print(f"girou import annuaire: {exc}; nothing imported", file=sys.stderr)
        return 2
    engine = database.make_engine(settings.database_url)
    try:
        with progress.task("Importing Annuaire records", total=len(records)) as advance:
            report = import_records(database.make_sessionmaker(engine), territory, records, advance)
    finally:
        engine.dispose()
    for line in report.skipped:
        print(f"skipped {line}")
    for line in report.broken:
        print(f"broken {line}", file=sys.stderr)
    print(f"annuaire: {len(records)} records read; {report.summary()}")
    return 1 if report.broken else 0


def load_demo(settings: Settings, sessions: sessionmaker[Session], territory: Territory) -> str:
    """The fictitious mairies written for the demo (one per commune of the territory)."""
    report = import_records(sessions, territory, mairie_records.read_records(DEMO_FILE))
    return f"annuaire: {report.summary()}"


# --- pages ----------------------------------------------------------------------------------------


def commune_slug(commune: Commune) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(commune.name)).strip("-")


def _sorted(communes) -> list[Commune]:
    return sorted(communes, key=lambda commune: fold(commune.name))


@bp.get("/communes")
def commune_list():
    return render_template(
        "communes/list.html", communes=_sorted(state().territory.communes), slug=commune_slug
    )


@bp.get("/communes/<slug>")
def commune_page(slug: str):
    territory = state().territory
    commune = next((c for c in territory.communes if commune_slug(c) == slug), None)
    if commune is None:
        by_code = next((c for c in territory.communes if c.insee == slug), None)
        if by_code is None:
            abort(404, description="Cette commune ne fait pas partie de l’intercommunalité.")
        return redirect(url_for("communes.commune_page", slug=commune_slug(by_code)), 301)
    with state().sessions() as db:
        mairie = mairie_for(db, commune.insee)
    officials = [
        person
        for person in territory.people
        if person.commune == commune.insee and person.role in ELECTED_ROLES
    ]
    return render_template(
        "communes/detail.html", commune=commune, mairie=mairie, officials=officials
    )


def search_hits(db: Session, query: str, limit: int) -> list[SearchHit]:
    """Communes whose name or postal code contains every word of the query."""
    words = terms(query)
    if not words:
        return []
    hits = []
    for commune in _sorted(state().territory.communes):
        haystack = fold(f"{commune.name} {' '.join(commune.postal_codes)} {commune.insee}")
        if all(word in haystack for word in words):
            postal = ", ".join(commune.postal_codes)
            hits.append(
                SearchHit(
                    title=commune.name,
                    url=url_for("communes.commune_page", slug=commune_slug(commune)),
                    excerpt=f"Commune de {commune.population} habitants ({postal}) : "
                    "mairie, horaires, élus.",
                    kind="commune",
                )
            )
    return hits[:limit]


def init_app(app) -> None:
    app.register_blueprint(bp)


def _import_arguments(parser) -> None:
    parser.add_argument("file", help="JSON file of Annuaire records")


# The communes' pages, their mairies from the Annuaire de l'administration (`girou import
# annuaire`), searched by the site search.
FEATURE = Feature(
    name="communes",
    web=init_app,
    demo=load_demo,
    importers={
        "annuaire": Importer(
            "mairies from the Annuaire de l'administration",
            _import_arguments,
            import_annuaire_command,
        )
    },
    search=search_hits,
)
