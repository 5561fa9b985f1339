"""The directory of associations and businesses' manifest: pages, proposals moderated in the
moderation room (✅/❌, !valider, !refuser), search, demo entries."""

from __future__ import annotations

from dataclasses import replace

from portal.directory import chat, demo, messages, search, views


def init_app(app) -> None:
    app.register_blueprint(views.bp)


FEATURE = replace(
    chat.CHAT,
    name="directory",
    web=init_app,
    templates=messages.TEMPLATES,
    demo=demo.load_demo,
    search=search.search_hits,
)
