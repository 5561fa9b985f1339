"""The séances' manifest: back-office and answer pages, the convocation messages, answers from
chat, the calendar, proof and reminder jobs, the demo séances."""

from __future__ import annotations

from dataclasses import replace

from portal.seances import chat, demo, home, jobs, messages, web

FEATURE = replace(
    chat.CHAT,
    name="seances",
    web=web.init_app,
    templates=messages.TEMPLATES,
    schedule=jobs.schedule,
    demo=demo.load_demo,
    receipts=jobs.record_receipts,
    officials_home=home.home_panels,
)
