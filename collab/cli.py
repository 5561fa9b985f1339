"""The `girou` command: the one entrypoint that reads the environment and the config file.

Each command imports what it needs when it runs: `girou up`'s supervisor lives as long as the
stack and holds none of the features' libraries (Flask, SQLAlchemy, Shapely…); only
`girou import` reads the list of features, for its kinds.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import signal
import sys
from dataclasses import asdict
from pathlib import Path

log = logging.getLogger("girou")


def girou_home() -> Path:
    return Path(os.environ.get("GIROU_HOME", "var")).resolve()


def load_settings():
    from collab import config

    home = girou_home()
    config.ensure_config_file(home)
    return config.load(home)


def load_territory(settings):
    from collab.territory import load_territory as load

    return load(settings.territory_path(Path.cwd()))


# --- commands ---------------------------------------------------------------------------------
def cmd_up(args: argparse.Namespace) -> int:
    """Start the whole embedded stack in the foreground until Ctrl-C or SIGTERM."""
    import time

    from collab import credentials
    from collab.supervisor import StartupError, Supervisor

    started = time.monotonic()
    settings = load_settings()
    if args.no_demo:
        settings = settings.with_overrides(girou__demo=False)
    load_territory(settings)  # a malformed file stops here, before anything starts
    credentials.ensure_secrets(settings.home)
    supervisor = Supervisor(settings)
    upgrade = settings.get("database", "auto_upgrade")

    def request_stop(signum, _frame):
        log.info("received %s, stopping", signal.Signals(signum).name)
        supervisor.stopping.set()

    signal.signal(signal.SIGINT, request_stop)
    signal.signal(signal.SIGTERM, request_stop)
    try:
        # The schema first, once and in a child process, before anything that uses the
        # database starts (the portal's workers, the bots): none of them migrates, nor races to.
        supervisor.run_once("db", "upgrade" if upgrade else "check")
        servers_first = ["synapse", "radicale", "webdav", "portal"]
        supervisor.check_ports(servers_first)
        for name in servers_first:
            supervisor.start(name)
        supervisor.wait_healthy(servers_first)
        # Provisioning and the demo run as child processes: the supervisor, which lives as
        # long as the stack, never holds their libraries and data in memory.
        supervisor.run_once("provision")
        if settings.get("girou", "demo"):
            supervisor.run_once("demo")
        supervisor.start("bots")
        supervisor.wait_healthy(["bots"])
        supervisor.write_endpoints()
        print(welcome(settings, demo_logins(settings), time.monotonic() - started), flush=True)
        supervisor.run_until_stopped()
    except StartupError as exc:
        print(f"girou up: {exc}", file=sys.stderr)
        return 1
    finally:
        supervisor.stop()
        log.info("all services stopped")
    return 0


def demo_logins(settings) -> list[dict]:
    path = settings.home / "demo-logins.json"
    if not settings.get("girou", "demo") or not path.exists():
        return []
    return json.loads(path.read_text("utf-8"))


def format_logins(logins: list[dict]) -> str:
    width = max((len(login["user_id"]) for login in logins), default=10)
    rows = [f"  {lg['user_id']:<{width}}  {lg['password']}  {lg['role']}" for lg in logins]
    return "Demo accounts (fictitious people):\n" + "\n".join(rows)


def welcome(settings, logins: list[dict], seconds: float) -> str:
    lines = [
        "",
        f"Girou is up ({seconds:.1f} s). Ctrl-C stops everything.",
        f"  Portal            {settings.url('portal')}/",
        f"  Matrix homeserver {settings.url('matrix')}  (server name {settings.server_name})",
        f"  CalDAV / CardDAV  {settings.url('caldav')}/",
        f"  WebDAV shares     {settings.url('webdav')}/",
        f"  State             {settings.home}",
    ]
    if logins:
        lines += ["", format_logins(logins), f"  (also in {settings.home / 'demo-logins.json'})"]
        lines.append("  Demo families (childcare): see the `girou demo` lines in log/demo.log")
    return "\n".join(lines) + "\n"


def cmd_serve(args: argparse.Namespace) -> int:
    """Run one service in the foreground (what the supervisor and docker-compose start)."""
    from collab import credentials, servers

    settings = load_settings()
    server = servers.load(args.service, settings)
    if server.uses_database:
        ensure_schema(settings)
    server.prepare(credentials.ensure_secrets(settings.home))
    command = server.command()
    sys.stdout.flush()
    os.execv(command[0], command)
    return 0  # not reached


def cmd_demo(args: argparse.Namespace) -> int:
    """Load the demo content (idempotent); `girou up` runs it in a child process so that the
    supervisor does not keep the demo's data in memory for the life of the stack."""
    from portal import demo

    settings = load_settings()
    ensure_schema(settings)
    for summary in demo.load_all(settings, load_territory(settings)):
        print(summary)
    return 0


def cmd_provision(args: argparse.Namespace) -> int:
    from collab import credentials, provision

    settings = load_settings()
    territory = load_territory(settings)
    secrets = credentials.ensure_secrets(settings.home)
    ensure_schema(settings)
    logins = provision.provision(settings, secrets, territory, demo=settings.get("girou", "demo"))
    print(
        f"provisioned {territory.name}: {len(territory.instances)} rooms, "
        f"{len(territory.people)} people"
    )
    if logins:
        print(format_logins([asdict(login) for login in logins]))
    return 0


def cmd_territory_init(args: argparse.Namespace) -> int:
    from collab.territory import default_data_dir, epci_territory_toml

    text = epci_territory_toml(args.epci, default_data_dir(Path.cwd()))
    if args.output in (None, "-"):
        sys.stdout.write(text)
    else:
        out = Path(args.output)
        if out.exists() and not args.force:
            print(f"girou territory init: {out} exists (use --force to overwrite)", file=sys.stderr)
            return 1
        out.write_text(text, encoding="utf-8")
        print(f"wrote {out}")
    return 0


def cmd_territory_import_elus(args: argparse.Namespace) -> int:
    """The elected people of the territory file from the national register (RNE): the change
    is printed; written only with --write, all or nothing."""
    from collab import progress, rne
    from collab.atomic import write_atomic
    from collab.territory import load_territory as load

    path = Path(args.territory) if args.territory else load_settings().territory_path(Path.cwd())
    territory = load(path)
    files = [Path(args.file), *([Path(args.municipal)] if args.municipal else [])]
    with progress.task("Reading the RNE files", total=len(files)) as advance:
        community = rne.read_community(files[0], territory)
        advance()
        municipal = rne.read_municipal(files[1], territory) if args.municipal else None
        if municipal is not None:
            advance()
    plan = rne.plan_import(territory, community, municipal)
    print(f"{path}: {len(community)} community councillors of {territory.siren} in {files[0]}")
    for line in plan.describe():
        print(line)
    if plan.empty:
        print("the territory file already says what the register says: nothing to write")
        return 0
    if not args.write:
        print("nothing written (add --write to update the territory file)")
        return 0
    write_atomic(path, rne.apply_plan(path, plan))
    print(f"wrote {path}; run `girou provision` to apply it")
    return 0


def cmd_init(args: argparse.Namespace) -> int:
    from collab import config, credentials

    home = girou_home()
    path = config.ensure_config_file(home)
    credentials.ensure_secrets(home)
    print(f"configuration: {path}\nsecrets: {credentials.secrets_path(home)} (mode 0600)")
    return 0


# --- the database's schema ------------------------------------------------------------------
class Refusal(Exception):
    """A command that cannot go on: `main` prints `girou COMMAND: message`, exit code 2."""


def ensure_schema(settings) -> None:
    """The database at this release's schema before a command or a service uses it: upgraded
    when [database] auto_upgrade is on, else refused with the command to run."""
    from collab import db, migrations

    engine = db.make_engine(settings.database_url)
    try:
        migrations.ensure_current(engine, auto_upgrade=settings.get("database", "auto_upgrade"))
    except migrations.SchemaError as exc:
        raise Refusal(str(exc)) from None
    finally:
        engine.dispose()


def _schema_command(args: argparse.Namespace, action) -> int:
    """Run `action(migrations, engine)` on the configured database; a SchemaError refuses."""
    from alembic.util import CommandError

    from collab import db, migrations

    engine = db.make_engine(load_settings().database_url)
    try:
        return action(migrations, engine)
    except (migrations.SchemaError, CommandError) as exc:
        return _refuse(f"db {args.db_command}", str(exc))
    finally:
        engine.dispose()


def cmd_db_current(args: argparse.Namespace) -> int:
    def show(migrations, engine) -> int:
        print(migrations.where(engine).describe())
        return 0

    return _schema_command(args, show)


def cmd_db_check(args: argparse.Namespace) -> int:
    """0 when the database is at this release's schema, else 1 (what `girou up` runs first
    when [database] auto_upgrade is off)."""

    def check(migrations, engine) -> int:
        found = migrations.where(engine)
        if found.up_to_date:
            print(found.describe())
            return 0
        print(f"girou db check: {found.describe()}", file=sys.stderr)
        return 1

    return _schema_command(args, check)


def cmd_db_upgrade(args: argparse.Namespace) -> int:
    def upgrade(migrations, engine) -> int:
        before, after = migrations.upgrade(engine)
        if before.up_to_date:
            print(f"the database is already at revision {after} (head): nothing to do")
        else:
            was = before.current or ("empty" if not before.has_tables else "no revision")
            print(f"the database is upgraded from {was} to revision {after} (head)")
        return 0

    return _schema_command(args, upgrade)


def cmd_db_revision(args: argparse.Namespace) -> int:
    """For developers: a new revision from what the models changed (the database at head)."""

    def revision(migrations, engine) -> int:
        for path in migrations.revision(engine, args.message):
            print(f"wrote {path}: read it (a rename comes out as a drop and an add), then commit")
        return 0

    return _schema_command(args, revision)


# --- webhooks, notices, the outbox ---------------------------------------------------------
OUTBOX_STATUSES = ("pending", "failed", "dead", "sent", "digested", "all")


def _database(settings):
    """Engine and sessionmaker on the release's schema (these commands may run before `up`)."""
    from collab import db

    ensure_schema(settings)
    engine = db.make_engine(settings.database_url)
    return engine, db.make_sessionmaker(engine)


def _refuse(command: str, message: str) -> int:
    print(f"girou {command}: {message}", file=sys.stderr)
    return 2


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a positive number, got {text}")
    return value


def cmd_hook_create(args: argparse.Namespace) -> int:
    from sqlalchemy import select

    from portal.webhooks.tokens import HookToken, create_hook, token_hash

    settings = load_settings()
    engine, sessions = _database(settings)
    try:
        with sessions.begin() as s:
            token = create_hook(s, args.room_key, args.label)
            hook_id = s.scalar(
                select(HookToken.id).where(HookToken.token_hash == token_hash(token))
            )
    except ValueError as exc:
        return _refuse("hook create", str(exc))
    finally:
        engine.dispose()
    label = f" ({args.label})" if args.label else ""
    print(f"hook {hook_id} created for room {args.room_key}{label}.")
    print("Keep the URL secret: anyone who has it can post in the room.")
    print('POST JSON {"text": "...", "html": optional, "source_id": optional} to:')
    print(f"{settings.public_url('portal')}/hooks/{token}")
    return 0


def cmd_hook_revoke(args: argparse.Namespace) -> int:
    from portal.webhooks.tokens import revoke_hook

    engine, sessions = _database(load_settings())
    try:
        with sessions.begin() as s:
            revoked = revoke_hook(s, args.token_or_id)
    finally:
        engine.dispose()
    if not revoked:
        return _refuse("hook revoke", "no active hook has that token or id (see `girou hook list`)")
    print("hook revoked: its URL now answers 404")
    return 0


def cmd_hook_list(args: argparse.Namespace) -> int:
    from portal.webhooks.tokens import list_hooks

    engine, sessions = _database(load_settings())
    try:
        with sessions() as s:
            hooks = list_hooks(s)
    finally:
        engine.dispose()
    if not hooks:
        print("no hooks (create one with `girou hook create ROOM_KEY`)")
        return 0
    print(f"{'ID':>4}  {'ROOM':<28} {'CREATED (UTC)':<19}  {'STATE':<27} LABEL")
    for hook in hooks:
        state = f"revoked {hook.revoked_at:%Y-%m-%d %H:%M:%S}" if hook.revoked_at else "active"
        print(
            f"{hook.id:>4}  {hook.room_key:<28} {hook.created_at:%Y-%m-%d %H:%M:%S}  "
            f"{state:<27} {hook.label}"
        )
    return 0


def cmd_notify(args: argparse.Namespace) -> int:
    import uuid

    from collab import outbox
    from portal.webhooks.tokens import MAX_TEXT, check_room_key

    text = args.text.strip()
    if not text:
        return _refuse("notify", "the text is empty")
    if len(text) > MAX_TEXT:
        return _refuse(
            "notify", f"the text is too long ({len(text)} characters, at most {MAX_TEXT})"
        )
    source_id = f"notify:{args.source_id or uuid.uuid4().hex}"
    engine, sessions = _database(load_settings())
    try:
        with sessions.begin() as s:
            check_room_key(s, args.room_key)
            created = outbox.enqueue(
                s,
                kind="notice",
                room_key=args.room_key,
                payload={"text": text},
                source_id=source_id,
            )
    except ValueError as exc:
        return _refuse("notify", str(exc))
    finally:
        engine.dispose()
    if created:
        print(f"queued for {args.room_key} (source id {source_id})")
    else:
        print(f"already queued earlier (source id {source_id}): not queued again")
    return 0


def cmd_seances_delai(args: argparse.Namespace) -> int:
    """The convocation's deadline: the rule applied, then the last day to send (ISO)."""
    import datetime as dt

    from portal.seances import rules

    settings = load_settings()
    territory = load_territory(settings)
    try:
        instance = territory.instance(args.instance)
    except KeyError:
        keys = ", ".join(i.key for i in territory.instances if i.kind != "service")
        return _refuse("seances delai", f"unknown instance {args.instance!r} (one of: {keys})")
    if instance.kind == "service":
        return _refuse("seances delai", f"{args.instance!r} is a service, it holds no séances")
    try:
        day = dt.date.fromisoformat(args.date)
    except ValueError:
        return _refuse("seances delai", f"{args.date!r} is not a date (expected YYYY-MM-DD)")
    deadline = rules.send_deadline(day, rules.jours_francs(instance), urgency=args.urgence)
    print(f"{instance.name}, meeting on {day.isoformat()} ({day.strftime('%A')})")
    print(f"rule: {deadline.rule}")
    print(deadline.last_day.isoformat())
    return 0


def cmd_seances_verify(args: argparse.Namespace) -> int:
    """Check the hash chain of a séance's proof log: 0 intact, 1 broken, 2 no such séance."""
    from portal.seances import proof
    from portal.seances.models import Seance

    engine, sessions = _database(load_settings())
    try:
        with sessions() as s:
            if s.get(Seance, args.seance_id) is None:
                return _refuse("seances verify", f"no séance {args.seance_id}")
            result = proof.verify(s, args.seance_id)
    finally:
        engine.dispose()
    for problem in result.problems:
        print(problem)
    if not result.ok:
        print(
            f"séance {args.seance_id}: the proof log is BROKEN ({len(result.problems)} problem(s))"
        )
        return 1
    print(f"séance {args.seance_id}: {result.entries} entries, the chain is intact")
    return 0


def cmd_outbox(args: argparse.Namespace) -> int:
    from sqlalchemy import func, select

    from collab.outbox import DEAD, PENDING, OutboxMessage

    engine, sessions = _database(load_settings())
    query = select(OutboxMessage)
    if args.status is None:
        query = query.where(OutboxMessage.status.in_((PENDING, DEAD)))
    elif args.status == "failed":
        query = query.where(OutboxMessage.status == PENDING, OutboxMessage.attempts > 0)
    elif args.status != "all":
        query = query.where(OutboxMessage.status == args.status)
    try:
        with sessions() as s:
            rows = list(s.scalars(query.order_by(OutboxMessage.id.desc()).limit(args.limit)))
            counts = dict(
                s.execute(
                    select(OutboxMessage.status, func.count()).group_by(OutboxMessage.status)
                ).all()
            )
            failed = s.scalar(
                select(func.count()).where(
                    OutboxMessage.status == PENDING, OutboxMessage.attempts > 0
                )
            )
    finally:
        engine.dispose()
    if rows:
        print(f"{'ID':>6}  {'KIND':<16} {'ROOM':<24} {'STATUS':<9} {'TRIES':>5}  LAST ERROR")
    for row in rows:
        status = "failed" if row.status == PENDING and row.attempts else row.status
        error = (row.last_error or "").replace("\n", " ")
        error = error if len(error) <= 70 else error[:69] + "…"
        print(
            f"{row.id:>6}  {row.kind:<16} {row.room_key:<24} {status:<9} {row.attempts:>5}  {error}"
        )
    summary = ", ".join(f"{name} {counts.get(name, 0)}" for name in ("dead", "sent", "digested"))
    shown = "no matching rows" if not rows else f"{len(rows)} shown"
    print(f"{shown}; outbox: pending {counts.get(PENDING, 0)} (failed {failed}), {summary}")
    return 0


def cmd_outbox_retry(args: argparse.Namespace) -> int:
    from collab.db import utcnow
    from collab.outbox import DEAD, PENDING, OutboxMessage

    engine, sessions = _database(load_settings())
    try:
        with sessions.begin() as s:
            row = s.get(OutboxMessage, args.id)
            if row is None:
                return _refuse("outbox retry", f"no outbox row {args.id}")
            if row.status not in (PENDING, DEAD) or (row.status == PENDING and not row.attempts):
                state = {
                    "sent": f"was sent (event {row.event_id})",
                    "digested": "went out in a digest",
                }
                return _refuse(
                    "outbox retry",
                    f"row {row.id} {state.get(row.status, 'is queued and not tried yet')}: "
                    "nothing to retry",
                )
            was = "dead" if row.status == DEAD else "failed"
            row.status = PENDING
            # Keep 'tried before' (attempts > 0): the room is checked before sending again.
            # Reset to 1 so that the row gets a full new series of attempts.
            row.attempts = 1
            row.next_attempt_at = utcnow()
    finally:
        engine.dispose()
    print(f"row {args.id} ({was}) is due again; the bots deliver it within a few seconds")
    return 0


def cmd_mail_retry(args: argparse.Namespace) -> int:
    from portal.mail import retry_dead_mail

    engine, sessions = _database(load_settings())
    try:
        if not retry_dead_mail(sessions, args.id):
            return _refuse("mail retry", f"no given-up mail {args.id} (see `girou status`)")
    finally:
        engine.dispose()
    print(f"mail {args.id} is queued again; the bots send it within a few seconds")
    return 0


def _utc(moment) -> str:
    return "-" if moment is None else f"{moment:%Y-%m-%d %H:%M:%S}"


def format_status(report) -> str:
    """`girou status` as plain tables: services, watchers and jobs, backlogs, problems."""
    width = max((len(s.name) for s in report.services), default=7)
    lines = [f"{'SERVICE':<{width}}  {'STATE':<5}  CHECK"]
    for service in report.services:
        state = "up" if service.up else "DOWN"
        lines.append(f"{service.name:<{width}}  {state:<5}  {service.detail}")
    lines.append("")
    if report.components:
        width = max(len(c.component) for c in report.components)
        lines.append(
            f"{'COMPONENT':<{width}}  {'STATE':<7}  {'LAST SUCCESS (UTC)':<19}  "
            f"{'LAST ERROR (UTC)':<19}  ERROR"
        )
        for record in report.components:
            state = "up" if record.ok else "FAILING"
            error = record.last_error or ""
            error = error if len(error) <= 80 else error[:79] + "…"
            lines.append(
                f"{record.component:<{width}}  {state:<7}  {_utc(record.last_success_at):<19}  "
                f"{_utc(record.last_failure_at):<19}  {error}".rstrip()
            )
    else:
        lines.append("no watcher or job has run yet (are the bots started?)")
    outbox, mail = report.outbox, report.mail
    mail_dead = mail.dead if report.mail_dead_known else "not tracked"
    lines += [
        "",
        f"outbox: pending {outbox.pending}, failed {outbox.failed} (to be tried again), "
        f"dead letters {outbox.dead}",
        f"mail:   pending {mail.pending}, failed {mail.failed} (to be tried again), "
        f"dead {mail_dead}",
    ]
    problems = report.problems
    if problems:
        lines += ["", f"{len(problems)} problem(s):", *(f"  {line}" for line in problems)]
    else:
        lines += ["", "all services up, no watcher or job failing"]
    return "\n".join(lines)


def cmd_status(args: argparse.Namespace) -> int:
    """Print the health of the services, watchers, jobs and queues; 1 when something is
    down or failing (dead letters alone do not count: they wait for `girou outbox retry`)."""
    from portal.status import build_report

    logging.getLogger("httpx").setLevel(logging.WARNING)  # the report says what was asked
    settings = load_settings()
    engine, sessions = _database(settings)
    try:
        report = build_report(sessions, settings)
    finally:
        engine.dispose()
    print(format_status(report))
    return 1 if report.problems else 0


# --- the survey of the mairies ---------------------------------------------------------------
def cmd_survey_init(args: argparse.Namespace) -> int:
    from portal.survey.questionnaire import default_text

    text = default_text()
    if args.output in (None, "-"):
        sys.stdout.write(text)
        return 0
    out = Path(args.output)
    if out.exists() and not args.force:
        print(f"girou survey init: {out} exists (use --force to overwrite)", file=sys.stderr)
        return 1
    out.write_text(text, encoding="utf-8")
    print(f"wrote {out}")
    return 0


def cmd_survey_check(args: argparse.Namespace) -> int:
    from portal.survey.questionnaire import QuestionnaireError, load

    try:
        questionnaire = load(args.file)
    except QuestionnaireError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return 1
    count = len(questionnaire.questions())
    print(f"{args.file}: ok ({len(questionnaire.sections)} sections, {count} questions)")
    return 0


def cmd_survey_list(args: argparse.Namespace) -> int:
    from portal.survey.campaigns import list_campaigns, status_of, today

    settings = load_settings()
    territory = load_territory(settings)
    engine, sessions = _database(settings)
    try:
        with sessions() as db:
            rows = list_campaigns(db)
    finally:
        engine.dispose()
    on = today(settings)
    for campaign, answered in rows:
        print(
            f"{campaign.id}\t{campaign.title}\t{status_of(campaign, on)}\t"
            f"{answered}/{len(territory.communes)}"
        )
    return 0


def cmd_survey_export(args: argparse.Namespace) -> int:
    from portal.survey.campaigns import SurveyError, campaign, questionnaire_of
    from portal.survey.exports import export

    settings = load_settings()
    territory = load_territory(settings)
    engine, sessions = _database(settings)
    try:
        with sessions() as db:
            try:
                found = campaign(db, args.campaign)
            except SurveyError:
                raise Refusal(f"no campaign {args.campaign} (see `girou survey list`)") from None
            data = export(db, found, questionnaire_of(db, found), territory, args.format)
    finally:
        engine.dispose()
    if args.output in (None, "-"):
        sys.stdout.buffer.write(data)
    else:
        Path(args.output).write_bytes(data)
        print(f"wrote {args.output}", file=sys.stderr)
    return 0


# `girou import KIND ...`: each importer lives with its feature, as "module:function"; the
# function takes (settings, args) and returns the exit code.


def cmd_import(args: argparse.Namespace) -> int:
    settings = load_settings()
    ensure_schema(settings)
    return args.importer.run(settings, args)


def _add_importers(imports: argparse.ArgumentParser) -> None:
    from portal.features import FEATURES

    isub = imports.add_subparsers(dest="kind", required=True)
    for feature in FEATURES:
        for kind, importer in feature.importers.items():
            parser_of_kind = isub.add_parser(kind, help=importer.help)
            importer.arguments(parser_of_kind)
            parser_of_kind.set_defaults(importer=importer)


def build_parser(with_importers: bool = True) -> argparse.ArgumentParser:
    """The command line; `with_importers=False` leaves out the kinds of `girou import` (and
    the features they live in) for every other command."""
    parser = argparse.ArgumentParser(prog="girou", description="Girou e-administration platform")
    sub = parser.add_subparsers(dest="command", required=True)

    up = sub.add_parser("up", help="start the whole embedded stack (foreground)")
    up.add_argument("--no-demo", action="store_true", help="do not load the demo data")
    up.set_defaults(func=cmd_up)

    serve = sub.add_parser("serve", help="run one service in the foreground")
    serve.add_argument("service", choices=["synapse", "radicale", "webdav", "portal", "bots"])
    serve.set_defaults(func=cmd_serve)

    sub.add_parser(
        "provision", help="create rooms, calendars, shares from the territory"
    ).set_defaults(func=cmd_provision)
    sub.add_parser("init", help="write girou.toml and the secrets").set_defaults(func=cmd_init)
    sub.add_parser("demo", help="load the demo content (fictitious)").set_defaults(func=cmd_demo)

    database = sub.add_parser("db", help="the database's schema: where it stands, its upgrade")
    dsub = database.add_subparsers(dest="db_command", required=True)
    dsub.add_parser(
        "current", help="the database's revision, and whether it is behind this release"
    ).set_defaults(func=cmd_db_current)
    dsub.add_parser(
        "check", help="exit code 1 when the database is behind this release"
    ).set_defaults(func=cmd_db_check)
    dsub.add_parser(
        "upgrade", help="bring the database to this release's schema (back it up first)"
    ).set_defaults(func=cmd_db_upgrade)
    revision = dsub.add_parser(
        "revision", help="developers: write a migration from what the models changed"
    )
    revision.add_argument("-m", "--message", required=True, help="what the migration changes")
    revision.set_defaults(func=cmd_db_revision)

    imports = sub.add_parser("import", help="import data (`girou import --help` lists the kinds)")
    if with_importers:
        _add_importers(imports)
    imports.set_defaults(func=cmd_import)

    territory = sub.add_parser("territory", help="territory file tools")
    tsub = territory.add_subparsers(dest="territory_command", required=True)
    init = tsub.add_parser("init", help="write a territory file for any French EPCI")
    init.add_argument("--epci", required=True, help="SIREN of the EPCI (9 digits)")
    init.add_argument("-o", "--output", help="file to write (default: standard output)")
    init.add_argument("--force", action="store_true", help="overwrite an existing file")
    init.set_defaults(func=cmd_territory_init)
    elus = tsub.add_parser(
        "import-elus",
        help="the elected officials from the national register (RNE) of community councillors",
    )
    elus.add_argument("file", help="elus-conseillers-communautaires-epci.csv (data.gouv.fr)")
    elus.add_argument(
        "--municipal",
        metavar="FILE",
        help="elus-conseillers-municipaux-cm.csv: maires and "
        "municipal councillors of the member communes too",
    )
    elus.add_argument(
        "-t", "--territory", metavar="FILE", help="territory file (default: the configured one)"
    )
    elus.add_argument("--write", action="store_true", help="write the change (default: show it)")
    elus.set_defaults(func=cmd_territory_import_elus)

    survey = sub.add_parser("survey", help="the survey of the mairies' digital equipment")
    ssub = survey.add_subparsers(dest="survey_command", required=True)
    sinit = ssub.add_parser("init", help="write the default questionnaire (TOML)")
    sinit.add_argument("-o", "--output", help="file to write (default: standard output)")
    sinit.add_argument("--force", action="store_true", help="overwrite an existing file")
    sinit.set_defaults(func=cmd_survey_init)
    ssub.add_parser("list", help="one campaign a line: id, title, status, answers").set_defaults(
        func=cmd_survey_list
    )
    check = ssub.add_parser("check", help="check a questionnaire file (exit code 1: errors)")
    check.add_argument("file", help="the questionnaire (TOML)")
    check.set_defaults(func=cmd_survey_check)
    sexport = ssub.add_parser("export", help="one row per mairie, one column per question")
    sexport.add_argument("campaign", type=int, help="campaign id (see `girou survey list`)")
    sexport.add_argument("--format", choices=["csv", "ods"], required=True)
    sexport.add_argument("-o", "--output", help="file to write (default: standard output)")
    sexport.set_defaults(func=cmd_survey_export)

    hook = sub.add_parser("hook", help="webhooks that post into a room")
    hsub = hook.add_subparsers(dest="hook_command", required=True)
    create = hsub.add_parser("create", help="create a webhook for a room (prints its URL last)")
    create.add_argument("room_key", help="room key, e.g. instance:urbanisme or secretariat")
    create.add_argument("--label", default="", help="what the hook is for")
    create.set_defaults(func=cmd_hook_create)
    revoke = hsub.add_parser("revoke", help="revoke a webhook (its URL then answers 404)")
    revoke.add_argument("token_or_id", help="the token (last part of the URL) or the hook id")
    revoke.set_defaults(func=cmd_hook_revoke)
    hsub.add_parser("list", help="list webhooks").set_defaults(func=cmd_hook_list)

    notify = sub.add_parser("notify", help="post a notice in a room (through the outbox)")
    notify.add_argument("room_key", help="room key, e.g. instance:urbanisme")
    notify.add_argument("text", help="the text to post")
    notify.add_argument("--source-id", help="makes a repeated call post once")
    notify.set_defaults(func=cmd_notify)

    seances = sub.add_parser("seances", help="séances of the instances: deadline, proof log")
    ssub = seances.add_subparsers(dest="seances_command", required=True)
    delai = ssub.add_parser(
        "delai", help="the last day to send a convocation (the rule, then the ISO date)"
    )
    delai.add_argument("instance", help="instance key, e.g. conseil")
    delai.add_argument("date", help="the meeting's date, YYYY-MM-DD")
    delai.add_argument("--urgence", action="store_true", help="urgency: one jour franc")
    delai.set_defaults(func=cmd_seances_delai)
    verify = ssub.add_parser("verify", help="check the hash chain of a séance's proof log")
    verify.add_argument("seance_id", type=_positive, help="the séance number")
    verify.set_defaults(func=cmd_seances_verify)

    box = sub.add_parser(
        "outbox", help="list notifications not delivered yet (pending, failed, dead), retry one"
    )
    box.add_argument(
        "--status",
        choices=OUTBOX_STATUSES,
        help="rows to list (default: pending and dead; failed = pending after a failed try)",
    )
    box.add_argument("--limit", type=_positive, default=50, help="most rows to list (newest)")
    box.set_defaults(func=cmd_outbox)
    bsub = box.add_subparsers(dest="outbox_command")
    retry = bsub.add_parser("retry", help="put a dead or failed row back in the queue, due now")
    retry.add_argument("id", type=int, help="outbox row id (see `girou outbox`)")
    retry.set_defaults(func=cmd_outbox_retry)

    mail = sub.add_parser("mail", help="mail to residents: queue a given-up mail again")
    msub = mail.add_subparsers(dest="mail_command", required=True)
    mail_retry = msub.add_parser(
        "retry", help="queue a given-up (dead) mail again, for a full new series of tries"
    )
    mail_retry.add_argument("id", type=int, help="mail id (in its dead-letter alert)")
    mail_retry.set_defaults(func=cmd_mail_retry)

    sub.add_parser(
        "status",
        help="health of the services, watchers, jobs and queues (exit code 1: something is wrong)",
    ).set_defaults(func=cmd_status)
    return parser


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(
        level=logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    # Alembic's own steps (plug-ins, context); collab.migrations says what it upgraded.
    logging.getLogger("alembic").setLevel(logging.WARNING)
    argv = sys.argv[1:] if argv is None else argv
    args = build_parser(with_importers=argv[:1] == ["import"]).parse_args(argv)
    from collab.config import ConfigError
    from collab.territory import TerritoryError

    try:
        return args.func(args)
    except (ConfigError, TerritoryError) as exc:
        print(f"girou: {exc}", file=sys.stderr)
        return 2
    except Refusal as exc:
        return _refuse(args.command, str(exc))


if __name__ == "__main__":
    sys.exit(main())
