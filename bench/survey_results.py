"""Benchmark: the results page of a survey campaign with 1,255 respondents (as if every EPCI of
France answered), under gunicorn with concurrent clients, against the portal benchmark's
baseline route (a minimal Flask app returning a short text, same gunicorn, same workers, same
machine, same run: bench/portal_pages.py's BASELINE_APP).

A territory file of N synthetic communes, one campaign on the default questionnaire where each
commune submitted plausible answers (portal.survey.demo), a second one to compare with. Pages:
the results (charts, tables, the per-commune table of N rows), the same compared with the
other campaign, and the CSV export; each measured right after a baseline run. Also one request
at a time (p50/p95). The page is a staff page: the clients carry a staff session cookie.

    .venv/bin/python bench/survey_results.py [--respondents 1255] [--seconds 6]
                                             [--connections 8] [--workers 2]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import httpx
from portal_pages import (
    BASELINE_APP,
    WRK_REPORT,
    gunicorn,
    sequential_latency,
    threaded_clients,
    wrk,
)

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from conftest import free_port  # noqa: E402

from collab import config, credentials, db, migrations  # noqa: E402
from collab.territory import load_territory  # noqa: E402
from portal.app import create_app  # noqa: E402
from portal.survey import campaigns  # noqa: E402
from portal.survey.demo import plausible_answers  # noqa: E402
from portal.survey.models import SUBMITTED, SurveyCampaign, SurveyResponse  # noqa: E402

STAFF = "karine.fictive"


def territory_file(path: Path, communes: int) -> None:
    """The default territory's people and instances, with `communes` synthetic communes."""
    text = (ROOT / "territory.toml").read_text("utf-8")
    head, rest = text.split("\n[[communes]]\n", 1)
    tail = rest[rest.index("\n[[centres]]\n") :]
    rng = random.Random(1255)
    blocks, centre_commune = [], None
    for n in range(communes):
        insee = f"{10 + n // 1000:02d}{n % 1000:03d}"
        centre_commune = centre_commune or insee
        blocks.append(
            f'[[communes]]\ninsee = "{insee}"\nname = "Commune {n + 1}"\n'
            f'postal_codes = ["{insee}"]\npopulation = {rng.randint(80, 30000)}\n'
        )
    path.write_text(
        head + "\n" + "\n".join(blocks) + "\n" + _local_references(tail, centre_commune), "utf-8"
    )


def _local_references(text: str, insee: str) -> str:
    """Centres and people point to communes that no longer exist: to the first one."""
    return re.sub(r'commune = "\d{5}"', f'commune = "{insee}"', text)


def prepare(home: Path, communes: int) -> tuple[config.Settings, int, int]:
    home.mkdir(parents=True, exist_ok=True)
    territory_file(home / "territory.toml", communes)
    (home / "girou.toml").write_text(f'[girou]\nterritory = "{home / "territory.toml"}"\n')
    credentials.ensure_secrets(home)
    settings = config.load(home, environ={})
    territory = load_territory(home / "territory.toml")
    engine = db.make_engine(settings.database_url)
    migrations.upgrade(engine)
    sessions = db.make_sessionmaker(engine)
    today = campaigns.today(settings)
    ids = []
    with sessions.begin() as s:
        version = campaigns.ensure_questionnaire(s)
        questionnaire = campaigns.parsed(version)
        for year, title in ((0, "Enquête de l’an dernier"), (1, "Enquête de cette année")):
            campaign = SurveyCampaign(
                title=title,
                questionnaire_id=version.id,
                opens_on=today.replace(year=today.year - 1 + year, day=1),
                closes_on=today.replace(year=today.year - 1 + year, day=28),
            )
            s.add(campaign)
            s.flush()
            ids.append(campaign.id)
            for commune in territory.communes:
                rng = random.Random(f"{commune.insee}-{year}")
                s.add(
                    SurveyResponse(
                        campaign_id=campaign.id,
                        insee=commune.insee,
                        status=SUBMITTED,
                        answers=plausible_answers(questionnaire, commune, year, rng),
                        sections_done=[x.id for x in questionnaire.sections],
                    )
                )
    engine.dispose()
    return settings, ids[1], ids[0]


def staff_cookie(settings: config.Settings) -> str:
    """The session cookie of a logged-in staff member, signed with the portal's key."""
    app = create_app(
        settings, load_territory(settings.territory_path(ROOT)), credentials.ensure_secrets(
            settings.home
        )
    )  # fmt: skip
    serializer = app.session_interface.get_signing_serializer(app)
    return f"session={serializer.dumps({'localpart': STAFF, 'csrf_token': 'x'})}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--respondents", type=int, default=1255)
    parser.add_argument("--seconds", type=int, default=6)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    load_before = round(os.getloadavg()[0], 2)
    work = Path(tempfile.mkdtemp(prefix="girou-bench-survey-"))
    try:
        started = time.perf_counter()
        settings, campaign, other = prepare(work / "home", args.respondents)
        setup_seconds = round(time.perf_counter() - started, 1)
        cookie = {"Cookie": staff_cookie(settings)}
        (work / "baseline_app.py").write_text(BASELINE_APP, "utf-8")
        script = work / "report.lua"
        script.write_text(WRK_REPORT, "utf-8")
        env = {**os.environ, "GIROU_HOME": str(settings.home)}
        use_wrk = shutil.which("wrk") is not None

        def load(url: str, headers: dict[str, str]) -> dict:
            if use_wrk:
                return wrk(url, args.seconds, args.connections, headers, script)
            return threaded_clients(url, args.seconds, args.connections, headers)

        pages = {
            "results": f"/gestion/enquetes/{campaign}/resultats",
            "results_compared": f"/gestion/enquetes/{campaign}/resultats?comparer={other}",
            "export_csv": f"/gestion/enquetes/{campaign}/reponses.csv",
        }
        runs: dict[str, list[dict]] = {name: [] for name in ["baseline", *pages]}
        ratios: dict[str, list[float]] = {name: [] for name in pages}
        with (
            gunicorn(
                "baseline_app:app", port=free_port(), workers=args.workers, cwd=work,
                env=os.environ.copy(),
            ) as baseline,
            gunicorn(
                "portal.wsgi:app", port=free_port(), workers=args.workers, cwd=ROOT, env=env
            ) as portal,
        ):  # fmt: skip
            sizes: dict[str, int] = {}
            first_ms = {}  # each worker renders a page once, then while the answers stay
            for name, path in pages.items():
                start = time.perf_counter()
                response = httpx.get(portal + path, headers=cookie, timeout=120)
                first_ms[name] = round((time.perf_counter() - start) * 1000, 1)
                assert response.status_code == 200, (path, response.status_code)
                assert f"{args.respondents} mairies sur {args.respondents}" in response.text or (
                    "csv" in path
                )
                sizes[name] = len(response.content)
            for _round in range(args.rounds):
                for name, path in pages.items():
                    runs["baseline"].append(load(baseline + "/", {}))
                    runs[name].append(load(portal + path, cookie))
                    ratios[name].append(runs[name][-1]["rps"] / runs["baseline"][-1]["rps"])
            with httpx.Client(headers=cookie, timeout=120) as client:
                one_at_a_time = {}
                for name, path in pages.items():
                    times = []
                    for _ in range(10):
                        start = time.perf_counter()
                        assert client.get(portal + path).status_code == 200
                        times.append((time.perf_counter() - start) * 1000)
                    times.sort()
                    one_at_a_time[name] = {
                        "p50_ms": round(statistics.median(times), 1),
                        "p95_ms": round(times[int(0.95 * (len(times) - 1))], 1),
                    }
            baseline_latency = sequential_latency(baseline, ["/"], 200, ["/"] * 5)["warm"]
    finally:
        shutil.rmtree(work, ignore_errors=True)

    base_rps = statistics.median(r["rps"] for r in runs["baseline"])
    report = {
        "setup": {
            "respondents": args.respondents,
            "gunicorn_workers": args.workers,
            "connections": args.connections,
            "seconds_per_run": args.seconds,
            "rounds": args.rounds,
            "load_generator": "wrk" if use_wrk else "httpx threads",
            "cpus": os.cpu_count(),
            "load_average_before_after": [load_before, round(os.getloadavg()[0], 2)],
            "setup_seconds": setup_seconds,
        },
        "baseline": {"rps": base_rps, "sequential": baseline_latency},
        "pages": {
            name: {
                "rps": statistics.median(r["rps"] for r in runs[name]),
                "ratio_to_baseline": round(statistics.median(ratios[name]), 4),
                "ratios_of_each_pair": [round(r, 4) for r in ratios[name]],
                "one_at_a_time": one_at_a_time[name],
                "first_request_ms": first_ms[name],
                "bytes": sizes[name],
                "errors": sum(r["errors"] + r["non2xx"] for r in runs[name]),
            }
            for name in pages
        },
    }
    print(json.dumps(report, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
