"""The public audit log of window-mode allocations: /enfance/attributions/<period>.

Before the allocation it shows the rules and the SHA-256 of the lottery seed (committed when
the period was created); afterwards the seed and the ordered, anonymised list, which anyone can
recompute (portal.childcare.allocation.expected_order). Also as JSON (`.json`).
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

from flask import Blueprint, abort, jsonify, render_template
from sqlalchemy import select

from portal.childcare.allocation import replay
from portal.childcare.models import (
    PERIOD_KINDS,
    PRIORITY_RULES,
    SLOTS,
    WINDOW,
    ActivitySession,
    AllocationRun,
    Period,
)
from portal.childcare.programme import describe_session, french_moment, seed_commitment
from portal.state import state

bp = Blueprint("childcare_attributions", __name__, template_folder="templates")


def _load(slug: str):
    sessions = state().sessions
    with sessions() as db:
        period = db.scalars(select(Period).where(Period.slug == slug)).first()
        if period is None or period.allocation_mode != WINDOW:
            abort(404, description="Aucune attribution par tirage au sort pour cette période.")
        run = db.scalars(select(AllocationRun).where(AllocationRun.period_id == period.id)).first()
        session_ids = {
            s["session_id"] for d in (run.decisions if run else []) for s in d["sessions"]
        }
        described = {
            s.id: describe_session(s) + f" — {s.activity.title} ({s.activity.centre.name})"
            for s in db.scalars(
                select(ActivitySession).where(ActivitySession.id.in_(session_ids))
            ).unique()
        }
        db.expunge_all()
    return period, run, described


@bp.get("/enfance/attributions/<slug>")
def attribution_page(slug: str):
    period, run, described = _load(slug)
    tz_name = state().settings.get("bots", "timezone")
    tz = ZoneInfo(tz_name)
    return render_template(
        "childcare/attributions.html",
        period=period,
        kind=PERIOD_KINDS.get(period.kind, period.kind),
        run=run,
        verified=replay(run) if run else None,
        commitment=seed_commitment(period),
        closes=french_moment(period.closes_at, tz),
        rules=[(PRIORITY_RULES[r["rule"]], r["points"]) for r in period.priority_rules],
        described=described,
        slots=SLOTS,
    )


@bp.get("/enfance/attributions/<slug>.json")
def attribution_json(slug: str):
    period, run, _described = _load(slug)
    return jsonify(
        period=period.slug,
        name=period.name,
        rules=period.priority_rules,
        seed_sha256=seed_commitment(period),
        allocated=run is not None,
        seed=run.seed if run else None,
        decisions=run.decisions if run else [],
        draw="sha256(seed + ':' + code), plus petit d’abord, après les points",
    )
