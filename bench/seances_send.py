"""Benchmark: sending a convocation to 60 members (a large community council) on the real
stack, until every member's Matrix message is in the room (the homeserver accepted it), their
e-mail is sent (no SMTP host: written to GIROU_HOME/mail) and their calendar event exists
(CalDAV, their own calendar). Baseline, measured in the same run against the same bots and
room: the same number of plain `girou notify` notices (the same outbox rows it writes),
until each is in the room.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import func, select

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from conftest import make_settings  # noqa: E402

from collab import credentials, db, migrations, outbox, provision  # noqa: E402
from collab.outbox import OutboxMessage  # noqa: E402
from collab.supervisor import Supervisor  # noqa: E402
from collab.territory import load_territory  # noqa: E402
from portal.mail import QueuedMail  # noqa: E402
from portal.seances import service  # noqa: E402
from portal.seances.models import Recipient  # noqa: E402

MEMBERS = 60
ROOM_KEY = "instance:conseil"


def territory_of_60(home: Path) -> Path:
    """The demo territory with conseillers added until the conseil has 60 members."""
    text = (ROOT / "territory.toml").read_text(encoding="utf-8")
    base = load_territory(ROOT / "territory.toml")
    extra = MEMBERS - len(base.members("conseil"))
    communes = [c.insee for c in base.communes]
    for n in range(extra):
        text += (
            f'\n[[people]]\nlocalpart = "bench.conseiller{n:02d}"\n'
            f'name = "Conseiller{n:02d} Exemple"\ncommune = "{communes[n % len(communes)]}"\n'
            f'role = "conseiller"\ninstances = ["conseil"]\n'
            f'email = "bench.conseiller{n:02d}@elus.exemple.fr"\n'
        )
    path = home / "territory.toml"
    path.write_text(text, encoding="utf-8")
    return path


def wait(condition, what: str, seconds: float = 600) -> float:
    started = time.perf_counter()
    while not condition():
        if time.perf_counter() - started > seconds:
            raise SystemExit(f"not within {seconds} s: {what}")
        time.sleep(0.02)
    return time.perf_counter() - started


def send_convocation(settings, territory, sessions) -> dict:
    start = dt.datetime.combine(dt.date.today() + dt.timedelta(days=10), dt.time(18, 30))
    started = time.perf_counter()
    with sessions.begin() as s:
        seance = service.create_seance(
            s,
            territory,
            instance_key="conseil",
            starts_at=start,
            place="Siège",
            tz=settings.timezone,
        )
        for n in range(8):
            service.add_item(s, territory, seance, title=f"Point {n + 1}", note="Note de synthèse.")
        sending = service.send(s, settings, territory, seance, actor="bench")
        seance_id = seance.id
    queued = time.perf_counter() - started
    assert sending.recipients >= MEMBERS

    def count(*where) -> int:
        with sessions() as s:
            return s.scalar(
                select(func.count())
                .select_from(Recipient)
                .where(Recipient.seance_id == seance_id, *where)
            )

    def matrix_done() -> bool:
        with sessions() as s:
            return not s.scalar(
                select(func.count())
                .select_from(OutboxMessage)
                .where(
                    OutboxMessage.source_id.like(f"seance:{seance_id}:%"),
                    OutboxMessage.status != outbox.SENT,
                )
            )

    def mail_done() -> bool:
        with sessions() as s:
            return not s.scalar(
                select(func.count()).select_from(QueuedMail).where(QueuedMail.sent_at.is_(None))
            )

    marks = {}
    begun = time.perf_counter()
    pending = {
        "matrix": matrix_done,
        "mail": mail_done,
        "calendar": lambda: count(Recipient.calendar_at.is_(None)) == 0,
    }
    while pending:
        for name, done in list(pending.items()):
            if done():
                marks[name] = time.perf_counter() - begun + queued
                del pending[name]
        if time.perf_counter() - begun > 600:
            raise SystemExit(f"not within 600 s: {sorted(pending)}")
        time.sleep(0.02)
    return {
        "recipients": sending.recipients,
        "seconds_to_queue (one transaction)": round(queued, 2),
        "seconds_until_matrix_messages": round(marks["matrix"], 2),
        "seconds_until_mails": round(marks["mail"], 2),
        "seconds_until_calendar_events": round(marks["calendar"], 2),
        "seconds_until_everything": round(max(marks.values()), 2),
    }


def plain_notices(sessions, count: int) -> float:
    """What `girou notify instance:conseil TEXT` writes, `count` times; until all are sent."""
    tag = f"notify:bench-{time.time_ns()}"
    started = time.perf_counter()
    for number in range(count):
        with sessions.begin() as s:
            outbox.enqueue(
                s,
                kind="notice",
                room_key=ROOM_KEY,
                payload={"text": f"Avis {number}"},
                source_id=f"{tag}-{number}",
            )
    query = (
        select(func.count())
        .select_from(OutboxMessage)
        .where(OutboxMessage.source_id.like(f"{tag}-%"), OutboxMessage.status != outbox.SENT)
    )

    def done() -> bool:
        with sessions() as s:
            return not s.scalar(query)

    wait(done, "the plain notices")
    return time.perf_counter() - started


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp) / "home"
        home.mkdir()
        path = territory_of_60(home)
        # 60 notices of one kind in one room would rightly become a digest; not here.
        settings = make_settings(home, bridges__digest_threshold=1_000_000)
        secrets = credentials.ensure_secrets(home)
        supervisor = Supervisor(settings)
        try:
            servers = ["synapse", "radicale", "webdav"]
            for name in servers:
                supervisor.start(name)
            supervisor.wait_healthy(servers)
            engine = db.make_engine(settings.database_url)
            migrations.upgrade(engine)
            territory = load_territory(path)
            provision.provision(settings, secrets, territory, demo=False)
            supervisor.start("bots")
            supervisor.wait_healthy(["bots"])
            sessions = db.make_sessionmaker(engine)
            members = len(territory.members("conseil"))
            plain_notices(sessions, 20)  # warm-up (the bots' first sync, connections): not counted
            baseline_before = plain_notices(sessions, members)
            convocation = send_convocation(settings, territory, sessions)
            baseline_after = plain_notices(sessions, members)
            engine.dispose()
        finally:
            supervisor.stop()
    baseline = (baseline_before + baseline_after) / 2
    results = {
        "convocation to the conseil (60 members)": convocation,
        f"baseline: {members} plain `girou notify` notices in the room": {
            "seconds_before": round(baseline_before, 2),
            "seconds_after": round(baseline_after, 2),
        },
        "ratio_matrix_messages_to_baseline": round(
            convocation["seconds_until_matrix_messages"] / baseline, 2
        ),
        "ratio_everything_to_baseline": round(
            convocation["seconds_until_everything"] / baseline, 2
        ),
    }
    print(json.dumps(results, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
