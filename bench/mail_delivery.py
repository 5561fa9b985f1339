"""Benchmark: queued mails to a real SMTP server, one connection per round (`Postbox`).

500 mails go through `deliver_pending_mail` (rounds of 20, as the bots send them) to a local
SMTP server (the tests' small RFC 5321 server, plain TCP: no TLS, no authentication, so the
cost of a connection is at its lowest here). Reported: mails/s, SMTP connections opened.
Baseline, measured in the same run on the same mails: one SMTP connection per mail, as mails
were sent before.

    python bench/mail_delivery.py [--mails 500]
"""

from __future__ import annotations

import argparse
import json
import smtplib
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# This script's own folder first on sys.path would let bench/*.py shadow the packages.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench"]
sys.path.insert(0, str(ROOT / "tests"))

from conftest import make_settings  # noqa: E402
from sqlalchemy import select  # noqa: E402
from test_mail import smtp_server, through  # noqa: E402

from collab import db  # noqa: E402
from portal import mail  # noqa: E402


def queue(sessions, count: int, tag: str) -> None:
    with sessions.begin() as s:
        for n in range(count):
            mail.queue_mail(
                s,
                f"famille{n}@exemple.fr",
                f"Demande d’inscription reçue — {tag} {n}",
                "Bonjour,\n\nNous avons bien reçu votre demande d’inscription.\n" * 5,
            )


def one_connection_per_mail(settings, sessions) -> int:
    """The baseline: each pending mail sent over a connection of its own, then marked sent."""
    host, port = settings.get("mail", "smtp_host"), settings.get("mail", "smtp_port")
    with sessions.begin() as s:
        pending = s.scalars(select(mail.QueuedMail).where(mail.QueuedMail.sent_at.is_(None)))
        count = 0
        for queued in pending:
            with smtplib.SMTP(host, port, timeout=30) as smtp:
                smtp.send_message(mail._message(settings, queued))
            queued.sent_at = mail.utcnow()
            count += 1
    return count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mails", type=int, default=500)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as home, smtp_server() as server:
        settings = make_settings(Path(home)).with_overrides(**through(server))
        engine = db.make_engine(f"sqlite:///{Path(home) / 'mail.db'}")
        db.create_schema(engine)
        sessions = db.make_sessionmaker(engine)

        queue(sessions, args.mails, "baseline")
        started = time.perf_counter()
        assert one_connection_per_mail(settings, sessions) == args.mails
        baseline_s = time.perf_counter() - started
        baseline_connections = server.connections

        queue(sessions, args.mails, "postbox")
        started, sent, rounds = time.perf_counter(), 0, 0
        while sent < args.mails:
            sent += mail.deliver_pending_mail(sessions, settings, limit=20)
            rounds += 1
        postbox_s = time.perf_counter() - started
        engine.dispose()
        assert len(server.received) == 2 * args.mails
        result = {
            "mails": args.mails,
            "rounds of 20": rounds,
            "postbox (one connection per round)": {
                "mails_per_s": round(args.mails / postbox_s, 1),
                "smtp_connections": server.connections - baseline_connections,
            },
            "baseline (one connection per mail)": {
                "mails_per_s": round(args.mails / baseline_s, 1),
                "smtp_connections": baseline_connections,
            },
            "ratio_mails_per_s_to_baseline": round(baseline_s / postbox_s, 2),
        }
    print(json.dumps(result, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
