"""Benchmark: portal pages under gunicorn with concurrent clients, against a minimal Flask route.

The portal runs as in production (gunicorn `portal.wsgi:app`, sync workers) on a database
holding every feature's demo content plus 10,000 directory entries; the baseline is a minimal
Flask app (one route returning a short text) served by the same gunicorn, same workers, same
machine, in the same run. Load: `wrk` (apt package `wrk`) with N concurrent connections, or
threads of httpx clients when wrk is absent. Pages: the home page, a procedure sheet (with and
without a chosen commune, whose mairie is then shown), and a directory search. Also the
directory search latency, one request at a time over a mix of queries (p50/p95/p99).
Targets (issue 4): each page >= 0.5 x the baseline's requests/s; directory search p95 < 25 ms.

    .venv/bin/python bench/portal.py [--entries 10000] [--seconds 8] [--connections 32]
                                     [--workers 2] [--database sqlite|postgresql]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from conftest import free_port, fresh_pg_database  # noqa: E402

from collab import config, credentials, db  # noqa: E402
from collab.territory import load_territory  # noqa: E402
from portal import demo  # noqa: E402
from portal.directory.forms import CATEGORIES  # noqa: E402
from portal.directory.models import DirectoryEntry  # noqa: E402
from portal.directory.moderation import search_text  # noqa: E402

BASELINE_APP = """
from flask import Flask

app = Flask(__name__)


@app.get("/")
def hello():
    return "<!doctype html><title>ok</title><p>ok</p>"
"""
# wrk prints what it measured as one JSON line, latency percentiles included.
WRK_REPORT = """
done = function(summary, latency, requests)
  io.write(string.format(
    'RESULT {"requests": %d, "seconds": %.3f, "errors": %d, "non2xx": %d, '
    .. '"p50_ms": %.2f, "p95_ms": %.2f, "p99_ms": %.2f}\\n',
    summary.requests, summary.duration / 1e6,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000))
end
"""
# Words of each category's trade, so that a search matches what it would in a real directory
# (a few hundred entries for a trade, not a third of them); the rest of the text is made of
# pseudo-words from a large vocabulary.
TRADE_WORDS = {
    "Sport": "club sport football tennis judo rugby pétanque gym natation cyclisme",
    "Culture": "culture théâtre musique chorale école danse cinéma lecture peinture",
    "Loisirs": "loisirs jeux randonnée couture cartes photo voyage jardinage atelier",
    "Solidarité": "solidarité entraide aide alimentaire transport visites bénévoles",
    "Enfance et jeunesse": "enfants jeunes parents école périscolaire ludothèque scouts",
    "Environnement": "nature environnement jardin compost haies rivière oiseaux vélo",
    "Patrimoine et mémoire": "patrimoine histoire mémoire église château archives moulin",
    "Comité des fêtes": "fête comité bal repas feu vide-greniers marché village",
    "Alimentation": "boulangerie pâtisserie boucherie épicerie fromagerie primeur caviste",
    "Restauration": "restaurant pizzeria traiteur café bar crêperie brasserie snack",
    "Artisanat et bâtiment": "plombier électricien menuisier maçon peintre couvreur plaquiste",
    "Santé et bien-être": "kinésithérapie infirmier ostéopathe pharmacie coiffure esthétique",
    "Commerce": "librairie fleuriste quincaillerie vêtements chaussures bijouterie tabac",
    "Services": "garage informatique nettoyage déménagement taxi assurance banque",
    "Producteurs et agriculture": "ferme miel légumes vin fruits œufs volailles fromages",
    "Hébergement": "gîte chambres hôtes camping hôtel location séjour piscine",
}
SYLLABLES = (
    "ba be bi bo bu ca ce ci co da de di do fa fe fi la le li lo lu ma me mi mo mu "
    "na ne ni no pa pe pi po ra re ri ro ru sa se si so ta te ti to va ve vi vo"
)
SEARCHES = (
    "boulangerie",
    "club",
    "école musique",
    "plomb",
    "tennis",
    "solidarité",
    "jardin",
    "électricien",
    "Verfeil",
    "gîte",
    "enfants",
    "fromagerie",
)


def directory_entries(territory, count: int, seed: int = 4) -> Iterator[DirectoryEntry]:
    """Fictitious entries: trade words of their category, pseudo-words, every commune."""
    rng = random.Random(seed)
    syllables = SYLLABLES.split()
    vocabulary = sorted({"".join(rng.choices(syllables, k=rng.randint(2, 4))) for _ in range(6000)})
    communes = [c.insee for c in territory.communes]
    for number in range(count):
        kind = rng.choice(("association", "entreprise"))
        category = rng.choice(CATEGORIES[kind])
        trade = TRADE_WORDS[category].split()
        words = rng.sample(trade, 3) + rng.choices(vocabulary, k=rng.randint(10, 30))
        rng.shuffle(words)
        entry = DirectoryEntry(
            name=f"{rng.choice(trade).capitalize()} {rng.choice(vocabulary).capitalize()}",
            kind=kind,
            category=category,
            commune=rng.choice(communes),
            address=f"{rng.randint(1, 99)} rue {rng.choice(vocabulary)}",
            email=f"contact{number}@example.org",
            phone="05 36 49 00 00",
            website="",
            description=" ".join(words).capitalize() + ".",
            lon=1.45 + rng.random() * 0.25,
            lat=43.6 + rng.random() * 0.2,
        )
        entry.search_title, entry.search_body = search_text(entry, territory)
        yield entry


def prepare(home: Path, database_url: str | None, entries: int) -> config.Settings:
    home.mkdir(parents=True, exist_ok=True)
    if database_url:
        (home / "girou.toml").write_text(f'[database]\nurl = "{database_url}"\n', "utf-8")
    credentials.ensure_secrets(home)
    settings = config.load(home, environ={})
    territory = load_territory(settings.territory_path(ROOT))
    engine = db.make_engine(settings.database_url)
    db.create_schema(engine)
    demo.load_all(settings, territory)
    sessions = db.make_sessionmaker(engine)
    batch: list[DirectoryEntry] = []
    for entry in directory_entries(territory, entries):
        batch.append(entry)
        if len(batch) == 1000:
            with sessions.begin() as session:
                session.add_all(batch)
            batch = []
    if batch:
        with sessions.begin() as session:
            session.add_all(batch)
    engine.dispose()
    return settings


@contextlib.contextmanager
def gunicorn(app: str, *, port: int, workers: int, cwd: Path, env: dict) -> Iterator[str]:
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--log-level",
        "warning",
        app,
    ]
    process = subprocess.Popen(command, cwd=cwd, env=env, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        for _attempt in range(300):
            try:
                if httpx.get(url + "/", timeout=2).status_code < 500:
                    break
            except httpx.HTTPError:
                time.sleep(0.1)
        else:
            raise RuntimeError(f"{app} did not start")
        yield url
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)


def wrk(url: str, seconds: int, connections: int, headers: dict[str, str], script: Path) -> dict:
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "-s", str(script)]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    output = subprocess.run(
        [*command, url], capture_output=True, text=True, check=True, timeout=seconds + 60
    ).stdout
    line = next(line for line in output.splitlines() if line.startswith("RESULT "))
    result = json.loads(line.removeprefix("RESULT "))
    result["rps"] = round(result["requests"] / result["seconds"], 1)
    return result


def threaded_clients(url: str, seconds: int, connections: int, headers: dict[str, str]) -> dict:
    """Without wrk: `connections` threads of httpx clients (the client then weighs more)."""
    stop = time.perf_counter() + seconds
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()

    def run() -> None:
        with httpx.Client(headers=headers, timeout=30) as client:
            while time.perf_counter() < stop:
                start = time.perf_counter()
                try:
                    ok = client.get(url).status_code == 200
                except httpx.HTTPError:
                    ok = False
                with lock:
                    latencies.append(time.perf_counter() - start)
                    errors[0] += 0 if ok else 1

    threads = [threading.Thread(target=run) for _ in range(connections)]
    begin = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - begin
    ms = sorted(x * 1000 for x in latencies)
    return {
        "requests": len(ms),
        "seconds": round(elapsed, 3),
        "errors": errors[0],
        "non2xx": 0,
        "rps": round(len(ms) / elapsed, 1),
        "p50_ms": round(percentile(ms, 50), 2),
        "p95_ms": round(percentile(ms, 95), 2),
        "p99_ms": round(percentile(ms, 99), 2),
    }


def percentile(values: list[float], pct: int) -> float:
    if len(values) < 2:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[pct - 1]


def sequential_latency(base: str, paths: list[str], rounds: int, warm_up: list[str]) -> dict:
    """One request at a time (no queueing): what a request costs the server. `paths` are
    each asked once first (cold: no worker has that page cached), then `rounds` times."""
    cold: list[float] = []
    warm: list[float] = []
    with httpx.Client(timeout=30) as client:
        for path in warm_up:  # the workers' connections and compiled statements
            client.get(base + path)
        for samples, repeat in ((cold, 1), (warm, rounds)):
            for _round in range(repeat):
                for path in paths:
                    start = time.perf_counter()
                    response = client.get(base + path)
                    samples.append((time.perf_counter() - start) * 1000)
                    assert response.status_code == 200, (path, response.status_code)
    return {"cold": summary(cold), "warm": summary(warm)}


def summary(ms: list[float]) -> dict:
    return {
        "requests": len(ms),
        "p50_ms": round(percentile(ms, 50), 2),
        "p95_ms": round(percentile(ms, 95), 2),
        "p99_ms": round(percentile(ms, 99), 2),
        "max_ms": round(max(ms), 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--seconds", type=int, default=8)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=2, help="measurements of each page")
    parser.add_argument("--database", choices=("sqlite", "postgresql"), default="sqlite")
    args = parser.parse_args()

    load_before = round(os.getloadavg()[0], 2)
    work = Path(tempfile.mkdtemp(prefix="girou-bench-portal-"))
    pg = fresh_pg_database() if args.database == "postgresql" else contextlib.nullcontext(None)
    try:
        with pg as database_url:
            started = time.perf_counter()
            settings = prepare(work / "home", database_url, args.entries)
            setup_seconds = round(time.perf_counter() - started, 1)
            (work / "baseline_app.py").write_text(BASELINE_APP, "utf-8")
            script = work / "report.lua"
            script.write_text(WRK_REPORT, "utf-8")
            env = {**os.environ, "GIROU_HOME": str(settings.home)}
            use_wrk = shutil.which("wrk") is not None

            def load(url: str, headers: dict[str, str] | None = None) -> dict:
                if use_wrk:
                    return wrk(url, args.seconds, args.connections, headers or {}, script)
                return threaded_clients(url, args.seconds, args.connections, headers or {})

            pages = {
                "home": ("/", {}),
                "procedure_sheet": ("/demarches/F90001", {}),
                "procedure_sheet_with_commune": (
                    "/demarches/F90001",
                    {"Cookie": "girou_commune=31573"},
                ),
                "directory_search": ("/annuaire?q=boulangerie", {}),
            }
            runs: dict[str, list[dict]] = {name: [] for name in ["baseline", *pages]}
            with (
                gunicorn(
                    "baseline_app:app",
                    port=free_port(),
                    workers=args.workers,
                    cwd=work,
                    env=os.environ.copy(),
                ) as baseline,
                gunicorn(
                    "portal.wsgi:app", port=free_port(), workers=args.workers, cwd=ROOT, env=env
                ) as portal,
            ):
                for path, headers in pages.values():  # every page answers, then warm up
                    response = httpx.get(portal + path, headers=headers, timeout=30)
                    assert response.status_code == 200, (path, response.status_code)
                # Each page right after a baseline run: the ratio of the pair is what counts
                # (other work on the machine changes both alike).
                ratios: dict[str, list[float]] = {name: [] for name in pages}
                for _round in range(args.rounds):
                    for name, (path, headers) in pages.items():
                        runs["baseline"].append(load(baseline + "/"))
                        runs[name].append(load(portal + path, headers))
                        ratios[name].append(runs[name][-1]["rps"] / runs["baseline"][-1]["rps"])
                # Distinct searches (each cold once): words, prefixes, filters, pages.
                search_paths = [
                    f"/annuaire?q={q}{extra}"
                    for q in SEARCHES
                    for extra in ("", "&type=association", "&commune=31358", "&page=2")
                ] + [
                    "/annuaire",
                    "/annuaire?categorie=Sport",
                    "/annuaire?commune=31573&type=entreprise",
                    "/annuaire?q=club&categorie=Sport&commune=31228",
                    "/api/annuaire?q=boulangerie",
                    "/api/annuaire?q=plomb&commune=31573",
                ]
                warm_up = [f"/annuaire?q=ferme{n}" for n in range(20)]
                latency = sequential_latency(portal, search_paths, 5, warm_up)
                baseline_latency = sequential_latency(baseline, ["/"], 200, ["/"] * 5)["warm"]
    finally:
        shutil.rmtree(work, ignore_errors=True)

    def best(name: str) -> dict:
        return max(runs[name], key=lambda r: r["rps"])

    base_rps = statistics.median(r["rps"] for r in runs["baseline"])
    report = {
        "setup": {
            "database": args.database,
            "directory_entries": args.entries,
            "gunicorn_workers": args.workers,
            "connections": args.connections,
            "seconds_per_run": args.seconds,
            "rounds": args.rounds,
            "load_generator": "wrk" if use_wrk else "httpx threads",
            "cpus": os.cpu_count(),
            # Other work on the machine during the run (it shows in the spread of the ratios).
            "load_average_before_after": [load_before, round(os.getloadavg()[0], 2)],
            "setup_seconds": setup_seconds,
        },
        "baseline": {"rps": base_rps, "runs": runs["baseline"]},
        "pages": {},
        "directory_search_latency_sequential": latency,
        "baseline_latency_sequential": baseline_latency,
    }
    for name in pages:
        rps = statistics.median(r["rps"] for r in runs[name])
        report["pages"][name] = {
            "rps": rps,
            "ratio_to_baseline": round(statistics.median(ratios[name]), 3),
            "ratios_of_each_pair": [round(r, 3) for r in ratios[name]],
            "target_ratio": 0.5,
            "under_load": {k: best(name)[k] for k in ("p50_ms", "p95_ms", "p99_ms")},
            "errors": sum(r["errors"] + r["non2xx"] for r in runs[name]),
        }
    report["targets_met"] = {
        "ratios": all(p["ratio_to_baseline"] >= 0.5 for p in report["pages"].values()),
        "directory_search_p95_under_25_ms": latency["cold"]["p95_ms"] < 25,
    }
    print(json.dumps(report, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
