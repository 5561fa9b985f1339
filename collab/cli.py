"""The `girou` command: the one entrypoint that reads the environment and the config file."""

from __future__ import annotations

import argparse
import logging
import os
import signal
import sys
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

    from collab import credentials, provision
    from collab.supervisor import StartupError, Supervisor

    started = time.monotonic()
    settings = load_settings()
    if args.no_demo:
        settings = settings.with_overrides(girou__demo=False)
    territory = load_territory(settings)
    secrets = credentials.ensure_secrets(settings.home)
    supervisor = Supervisor(settings)

    def request_stop(signum, _frame):
        log.info("received %s, stopping", signal.Signals(signum).name)
        supervisor.stopping.set()

    signal.signal(signal.SIGINT, request_stop)
    signal.signal(signal.SIGTERM, request_stop)
    try:
        servers_first = ["synapse", "radicale", "webdav", "portal"]
        supervisor.check_ports(servers_first)
        provision.prepare_database(settings)
        for name in servers_first:
            supervisor.start(name)
        supervisor.wait_healthy(servers_first)
        logins = provision.provision(
            settings, secrets, territory, demo=settings.get("girou", "demo")
        )
        supervisor.start("bots")
        supervisor.wait_healthy(["bots"])
        supervisor.write_endpoints()
        print(provision.welcome(settings, logins, time.monotonic() - started), flush=True)
        supervisor.run_until_stopped()
    except StartupError as exc:
        print(f"girou up: {exc}", file=sys.stderr)
        return 1
    finally:
        supervisor.stop()
        log.info("all services stopped")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    """Run one service in the foreground (what the supervisor and docker-compose start)."""
    from collab import credentials, servers

    settings = load_settings()
    server = servers.load(args.service, settings)
    server.prepare(credentials.ensure_secrets(settings.home))
    command = server.command()
    sys.stdout.flush()
    os.execv(command[0], command)
    return 0  # not reached


def cmd_provision(args: argparse.Namespace) -> int:
    from collab import credentials, provision

    settings = load_settings()
    territory = load_territory(settings)
    secrets = credentials.ensure_secrets(settings.home)
    logins = provision.provision(settings, secrets, territory, demo=settings.get("girou", "demo"))
    print(
        f"provisioned {territory.name}: {len(territory.instances)} rooms, "
        f"{len(territory.people)} people"
    )
    if logins:
        print(provision.format_logins(logins))
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


def cmd_init(args: argparse.Namespace) -> int:
    from collab import config, credentials

    home = girou_home()
    path = config.ensure_config_file(home)
    credentials.ensure_secrets(home)
    print(f"configuration: {path}\nsecrets: {credentials.secrets_path(home)} (mode 0600)")
    return 0


def build_parser() -> argparse.ArgumentParser:
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

    territory = sub.add_parser("territory", help="territory file tools")
    tsub = territory.add_subparsers(dest="territory_command", required=True)
    init = tsub.add_parser("init", help="write a territory file for any French EPCI")
    init.add_argument("--epci", required=True, help="SIREN of the EPCI (9 digits)")
    init.add_argument("-o", "--output", help="file to write (default: standard output)")
    init.add_argument("--force", action="store_true", help="overwrite an existing file")
    init.set_defaults(func=cmd_territory_init)
    return parser


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(
        level=logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    args = build_parser().parse_args(argv)
    from collab.config import ConfigError
    from collab.territory import TerritoryError

    try:
        return args.func(args)
    except (ConfigError, TerritoryError) as exc:
        print(f"girou: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
