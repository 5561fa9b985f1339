"""`girou import gis LAYER FILE [--by WHO]`: a new version of a layer, all or nothing."""

from __future__ import annotations

import argparse
import sys
import time
from contextlib import AbstractContextManager
from pathlib import Path

from sqlalchemy.exc import IntegrityError

from collab import db as database
from collab import progress
from collab.config import Settings
from portal.gis.checks import GisImportError
from portal.gis.layers import LAYERS
from portal.gis.versions import ImportResult, import_layer

# Below this many features an import is quick: no progress shown.
PROGRESS_FROM = 5000


class StageProgress:
    """The import's stages ("reading", "checking geometries", "writing"), told as (stage, done,
    total), shown one after the other as progress tasks; use it as a context manager."""

    def __init__(self, layer: str) -> None:
        self.layer = layer
        self.stage: str | None = None
        self.done = 0
        self.task: AbstractContextManager[progress.Advance] | None = None
        self.advance: progress.Advance = progress.silent

    def __call__(self, stage: str, done: int, total: int) -> None:
        if total < PROGRESS_FROM:
            return
        if stage != self.stage:
            self._end(None, None, None)
            self.task = progress.task(f"{self.layer}: {stage}", total=total)
            self.advance = self.task.__enter__()
            self.stage, self.done = stage, 0
        self.advance(done - self.done)
        self.done = done

    def __enter__(self) -> StageProgress:
        return self

    def __exit__(self, *exc_info) -> None:
        self._end(*exc_info)

    def _end(self, *exc_info) -> None:
        task, self.task, self.advance = self.task, None, progress.silent
        if task is not None:
            task.__exit__(*exc_info)


def describe(result: ImportResult) -> str:
    version = result.version
    if version is None:
        previous = result.previous
        return f"unchanged: this file is already version {previous.number} of {previous.layer}"
    diff, manifest = version.diff, version.manifest
    text = (
        f"{version.layer}: version {version.number} ({manifest['file_features']} features in the "
        f"file, {version.feature_count} in the layer; sha256 {version.sha256[:12]}…): "
        f"{diff['added']} added, {diff['changed']} changed, {diff['removed']} removed"
    )
    if manifest.get("idurba"):
        text += f"; IDURBA {', '.join(manifest['idurba'])}"
    if diff.get("parcels_changing_zone"):
        transitions = ", ".join(f"{k}: {v}" for k, v in diff["zone_transitions"].items())
        text += f"; {diff['parcels_changing_zone']} parcels change zone type ({transitions})"
    return text + "; announced in the urbanism room"


def _territory(settings: Settings):
    from collab.territory import TerritoryError, load_territory

    try:
        return load_territory(settings.territory_path(Path.cwd()))
    except (OSError, TerritoryError):
        return None  # commune names then come from the communes layer alone


def run_import(settings: Settings, layer: str, path: Path, by: str, territory=None) -> ImportResult:
    """Import in one transaction (the version, its features and its announcement)."""
    engine = database.make_engine(settings.database_url)
    try:
        sessions = database.make_sessionmaker(engine)
        with sessions.begin() as db, StageProgress(layer) as stages:
            return import_layer(
                db, layer, path, by, settings=settings, territory=territory, progress=stages
            )
    finally:
        engine.dispose()


def import_gis_command(settings: Settings, args: argparse.Namespace) -> int:
    """Entry point of `girou import gis`; exit code 0 on success, 1 when nothing was changed."""
    layer, path, by = args.layer, Path(args.file), getattr(args, "by", None) or "cli"
    if layer not in LAYERS:
        print(f"girou import gis: unknown layer {layer!r} ({', '.join(LAYERS)})", file=sys.stderr)
        return 2
    if not path.is_file():
        print(f"girou import gis: {path}: no such file", file=sys.stderr)
        return 1
    started = time.monotonic()
    try:
        result = run_import(settings, layer, path, by, _territory(settings))
    except GisImportError as exc:
        print(f"girou import gis: {path}: {exc}; nothing was imported", file=sys.stderr)
        return 1
    except IntegrityError:
        print(
            f"girou import gis: another import of {layer} ran at the same time; nothing was "
            "imported, run the command again",
            file=sys.stderr,
        )
        return 1
    print(f"{describe(result)} ({time.monotonic() - started:.1f} s)")
    return 0
