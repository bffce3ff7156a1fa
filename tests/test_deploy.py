"""What the administrator installs: the systemd unit and the Makefile's two kinds of venv."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]
UNIT = ROOT / "deploy" / "reflectiebot.service"
INSTALLED_AT = "/opt/reflectiebot/.venv/bin/reflectiebot"
MOST_EXPOSURE = 4.0  # systemd-analyze security: below 4 is "OK"; an unhardened unit scores 9.6


def unit_here(tmp_path: Path) -> Path:
    """The unit with ExecStart at this venv's real console script (verify checks it exists)."""
    script = Path(sys.executable).parent / "reflectiebot"
    if not script.exists():
        pytest.skip(f"no console script at {script}: run `make install` first")
    text = UNIT.read_text(encoding="utf-8")
    assert f"ExecStart={INSTALLED_AT} run" in text
    copy = tmp_path / "reflectiebot.service"
    copy.write_text(text.replace(INSTALLED_AT, str(script)), encoding="utf-8")
    return copy


def systemd_analyze() -> str:
    found = shutil.which("systemd-analyze")
    if found is None:
        pytest.skip("systemd-analyze is not installed (Debian/Ubuntu: apt-get install systemd)")
    return found


def test_the_unit_passes_systemd_analyze_verify(tmp_path: Path) -> None:
    result = subprocess.run(
        [systemd_analyze(), "verify", "--man=no", str(unit_here(tmp_path))],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    # Unknown keys and bad values are only warnings: any line about the file fails the test.
    complaints = [line for line in (result.stdout + result.stderr).splitlines() if line.strip()]
    assert complaints == []


def test_the_unit_is_hardened(tmp_path: Path) -> None:
    text = UNIT.read_text(encoding="utf-8")
    for setting in (
        "User=reflectiebot", "NoNewPrivileges=yes", "ProtectSystem=strict",
        "ReadWritePaths=/var/lib/reflectiebot", "ProtectHome=yes", "PrivateTmp=yes",
        "EnvironmentFile=/etc/reflectiebot/env", "Restart=on-failure",
    ):  # fmt: skip
        assert re.search(rf"^{re.escape(setting)}$", text, flags=re.MULTILINE), setting
    result = subprocess.run(
        [systemd_analyze(), "security", "--offline=yes", "--man=no", str(unit_here(tmp_path))],
        capture_output=True,
        text=True,
        timeout=60,
    )
    if "--offline" in result.stderr:
        pytest.skip(f"this systemd-analyze has no offline security check: {result.stderr[:80]}")
    found = re.search(r"Overall exposure level for \S+: ([0-9.]+)", result.stdout)
    assert found, result.stdout[-500:] + result.stderr
    assert float(found.group(1)) < MOST_EXPOSURE, result.stdout[-300:]


def make_dry_run(target: str) -> str:
    """What `make TARGET` would run in a fresh clone (-B: as if nothing were built yet)."""
    make = shutil.which("make")
    if make is None:
        pytest.skip("make is not installed")
    result = subprocess.run(
        [make, "-n", "-B", target], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.mark.parametrize("target", ["run", "demo", "install"])
def test_the_service_venv_gets_no_developer_tools(target: str) -> None:
    installs = [line for line in make_dry_run(target).splitlines() if "pip install" in line]
    assert any(line.rstrip().endswith("pip install --quiet -e .") for line in installs), installs
    assert not any("[dev]" in line for line in installs), installs


@pytest.mark.parametrize("target", ["test", "dev"])
def test_the_developer_targets_add_the_tools_and_build_the_model(target: str) -> None:
    planned = make_dry_run(target)
    assert "pip install --quiet -e '.[dev]'" in planned
    assert "reflectiebot train --output build/knelpuntmodel.npz" in planned
