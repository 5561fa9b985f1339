"""The séances' manifest: back-office and answer pages, the convocation messages, answers from
chat, the calendar, proof and reminder jobs, the demo séances; and the day and publication
(portal.seances.hold_publish: the sitting's pages, the public pages, acts and feed, their demo)."""

from __future__ import annotations

from dataclasses import replace

from portal.seances import chat, demo, hold_publish, home, jobs, messages, web


def init_app(app) -> None:
    web.init_app(app)
    hold_publish.init_app(app)


def load_demo(settings, sessions, territory) -> str:
    loaded = (demo.load_demo, hold_publish.load_demo)
    return "; ".join(load(settings, sessions, territory) for load in loaded)


FEATURE = replace(
    chat.CHAT,
    name="seances",
    web=init_app,
    templates=messages.TEMPLATES,
    schedule=jobs.schedule,
    demo=load_demo,
    receipts=jobs.record_receipts,
    officials_home=home.home_panels,
)
