"""The soak benchmark, short: two minutes of the simulated clients on a `girou up` stack with
its default settings (Synapse's default rate limits), and the same checks as the full run."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.stack  # a whole `girou up` stack of its own, for two minutes

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))


def test_soak_two_minutes(tmp_path):
    if not (ROOT / ".venv" / "bin" / "girou").exists():
        pytest.skip("the virtualenv's `girou` command is missing (make run / make test install it)")
    from soak import KINDS, SERVICES, soak

    report = soak(minutes=2, home=tmp_path / "home")
    print("\n".join(report.lines()))

    for kind in KINDS:
        assert report.made.get(kind, 0) >= 2, (kind, report.failed_changes)
        assert report.announced.get(kind, 0) == report.made[kind], kind
    for service in SERVICES:
        bad = report.bad[service]
        assert (bad["401"], bad["429"], bad["5xx"], bad["errors"]) == (0, 0, 0, 0), (
            service,
            bad,
            report.notes,
        )
    assert report.family_uploads >= 2
    assert report.family_uploads_failed == 0
    assert report.devices_end, "no device count"
    for account, count in report.devices_end.items():
        assert count is not None, account
        assert report.devices_start[account] is not None, account
        assert count <= report.devices_start[account], (account, report.devices_start, count)
