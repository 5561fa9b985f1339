"""The officials' space's manifest: the home page and directory (web), `!annuaire`, the
weekly digest (schedule), its own home panels, the demo's shared contact details."""

from __future__ import annotations

from collab.feature import Feature
from portal.officials import chat, demo, digest, panels, views


def init_app(app) -> None:
    app.register_blueprint(views.bp)


FEATURE = Feature(
    name="officials",
    web=init_app,
    commands=chat.COMMANDS,
    schedule=digest.schedule,
    demo=demo.load_demo,
    officials_home=panels.home_panels,
)
