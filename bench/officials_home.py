"""Benchmark: an official's home page (/espace-elus, logged in) on the real servers: its rooms'
unread counts (one sync as the person), agenda (CalDAV), documents (WebDAV) and panels.

Baseline, measured in the same run: the public officials page (/intercommunalite/elus), which
reads only the territory file. Prints the median and 90th percentile of each, and the ratio.
"""

from __future__ import annotations

import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from conftest import log_in_staff, make_settings  # noqa: E402

from collab import credentials, provision, schema  # noqa: E402
from collab import db as database  # noqa: E402
from collab.supervisor import Supervisor  # noqa: E402
from collab.territory import load_territory  # noqa: E402
from portal.app import create_app  # noqa: E402

ROUNDS = 30
OFFICIAL = "gaelle.exemple"


def timed(client, path: str) -> list[float]:
    client.get(path)  # warm-up
    times = []
    for _round in range(ROUNDS):
        started = time.perf_counter()
        response = client.get(path)
        times.append(time.perf_counter() - started)
        assert response.status_code == 200, (path, response.status_code)
    return times


def describe(name: str, times: list[float]) -> str:
    p90 = statistics.quantiles(times, n=10)[-1]
    return f"{name:<28} median {statistics.median(times) * 1000:7.1f} ms   p90 {p90 * 1000:7.1f} ms"


def main() -> None:
    home = Path(tempfile.mkdtemp(prefix="girou-bench-home-"))
    shutil.copy(ROOT / "territory.toml", home / "territory.toml")
    settings = make_settings(home)
    secrets = credentials.ensure_secrets(home)
    supervisor = Supervisor(settings)
    names = ["synapse", "radicale", "webdav"]
    try:
        for name in names:
            supervisor.start(name)
        supervisor.wait_healthy(names)
        engine = database.make_engine(settings.database_url)
        schema.create_schema(engine)
        engine.dispose()
        territory = load_territory(home / "territory.toml")
        provision.provision(settings, secrets, territory, demo=True)
        app = create_app(settings, territory, secrets)
        visitor, official = app.test_client(), app.test_client()
        log_in_staff(official, OFFICIAL)
        baseline = timed(visitor, "/intercommunalite/elus")
        home_page = timed(official, "/espace-elus")
        print(f"{ROUNDS} requests each, in-process portal, real Synapse/Radicale/WsgiDAV")
        print(describe("baseline /intercommunalite/elus", baseline))
        print(describe("/espace-elus (logged in)", home_page))
        ratio = statistics.median(home_page) / statistics.median(baseline)
        print(f"ratio to baseline (median): {ratio:.1f}x")
    finally:
        supervisor.stop()
        shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    main()
