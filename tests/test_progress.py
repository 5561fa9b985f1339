"""collab.progress: a bar with counts on a terminal (rich's Console, forced), plain log lines
elsewhere; `girou --help` does not load rich."""

from __future__ import annotations

import io
import logging
import re
import subprocess
import sys
import threading

import pytest
from conftest import ROOT
from rich.console import Console

from collab import progress


def terminal() -> tuple[Console, io.StringIO]:
    out = io.StringIO()
    return Console(file=out, force_terminal=True, width=100, color_system=None), out


@pytest.fixture
def lines(caplog):
    caplog.set_level(logging.INFO, logger="girou.progress")
    return lambda: [r.getMessage() for r in caplog.records if r.name == "girou.progress"]


def test_off_a_terminal_a_line_per_tenth_and_a_summary(lines, monkeypatch):
    monkeypatch.setattr(progress, "LOG_EVERY", float("inf"))  # count-driven lines only
    with progress.task("Importing parcels", total=50) as advance:
        for _ in range(50):
            advance()
    *steps, summary = lines()
    assert [re.match(r"Importing parcels: (\d+)/50 \((\d+)%\)", s).groups() for s in steps] == [
        (str(5 * k), str(10 * k)) for k in range(1, 10)
    ]
    assert all("left" in s for s in steps)
    assert re.fullmatch(r"Importing parcels: 50 done in \d+:\d\d:\d\d(, \d+/s)?", summary)


def test_unknown_total_and_advances_from_threads(lines, monkeypatch):
    monkeypatch.setattr(progress, "LOG_EVERY", 0)  # a line at every advance
    with progress.task("Checking rooms") as advance:
        workers = [threading.Thread(target=advance, args=(2,)) for _ in range(4)]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join()
    *steps, summary = lines()
    assert sorted(int(re.match(r"Checking rooms: (\d+) so far", s)[1]) for s in steps) == [
        2,
        4,
        6,
        8,
    ]
    assert summary.startswith("Checking rooms: 8 done in ")


def import_three_then_fail() -> None:
    with progress.task("Importing", total=10) as advance:
        advance(3)
        raise ValueError("bad record")


def test_a_failure_says_where_it_stopped(lines, caplog):
    with pytest.raises(ValueError, match="bad record"):
        import_three_then_fail()
    *_, record = [r for r in caplog.records if r.name == "girou.progress"]
    assert record.levelno == logging.WARNING
    assert record.getMessage().startswith("Importing: stopped after 3/10 (")


def test_counted_counts_every_turn_of_the_loop():
    seen = []
    for item in progress.counted(range(5), lambda n=1: seen.append(n)):
        if item % 2:
            continue
    assert seen == [1] * 5


def test_on_a_terminal_a_bar_with_the_final_count(lines):
    console, out = terminal()
    with progress.task("Importing parcels", total=1200, console=console) as advance:
        for _ in range(400):
            advance(3)
    text = out.getvalue()
    assert "Importing parcels" in text
    assert "━" in text  # the bar
    assert "1200/1200" in text.rsplit("\r", 1)[-1]  # the last drawing: the final count
    assert lines() == []  # no log lines as well


def test_on_a_terminal_an_unknown_total_ends_at_the_count(lines):
    console, out = terminal()
    with progress.task("Reading", console=console) as advance:
        advance(7)
    assert "7/7" in out.getvalue().rsplit("\r", 1)[-1]


def test_on_a_terminal_log_records_go_above_the_bar():
    console, out = terminal()
    handler = logging.StreamHandler(sys.stderr)
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        with progress.task("Provisioning", total=2, console=console) as advance:
            logging.getLogger("girou.test").warning("created room Bureau")
            advance(2)
        assert handler.stream is sys.stderr  # given back after the bar
    finally:
        root.removeHandler(handler)
    assert "created room Bureau" in out.getvalue()


def test_the_command_line_does_not_load_rich():
    code = (
        "import sys; from collab import cli, progress; cli.build_parser(with_importers=False); "
        "print(sorted(m for m in sys.modules if m == 'rich' or m.startswith('rich.')))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
