"""The procedures' manifest: service-public.fr sheets imported (`girou import dila`), refreshed
every night, rendered and searched."""

from __future__ import annotations

from collab.feature import Feature, Importer
from portal.procedures import demo, importer, jobs, search, views


def init_app(app) -> None:
    app.register_blueprint(views.bp)


def arguments(parser) -> None:
    parser.add_argument("path", help="directory or zip of F*.xml, N*.xml, R*.xml files")


FEATURE = Feature(
    name="procedures",
    web=init_app,
    schedule=jobs.schedule,
    demo=demo.load_demo,
    importers={
        "dila": Importer(
            "service-public.fr sheets (DILA vosdroits XML)", arguments, importer.import_dila_command
        )
    },
    search=search.search_hits,
)
