"""bench.ack_latency --sweep at tiny settings: one row per rate, each configuration's p50/p99
and its ratio to bare Bolt, and a knee line per Reflectiebot configuration."""

from __future__ import annotations

import re

import pytest

from bench import ack_latency
from bench.ack_latency import Summary
from bench.ack_sweep import Step, highest_within, knee


def test_the_sweep_prints_a_row_per_rate_and_the_knee_of_1_and_2_processes(
    capsys: pytest.CaptureFixture[str],
) -> None:
    argv = ["--sweep", "--rates", "20,10", "--seconds", "1", "--clients", "2", "--processes", "2"]
    assert ack_latency.main(argv) == 0
    out = capsys.readouterr().out
    header = next(line for line in out.splitlines() if line.lstrip().startswith("req/s"))
    assert [part.split()[0] for part in header.split("|")[1:4]] == ["bare", "1", "2"]
    latency, cpu = out.split("CPU per second of load")
    rows = [line for line in latency.splitlines() if re.match(r"\s*\d+ \|", line)]
    assert [int(row.split("|")[0]) for row in rows] == [10, 20]  # ascending
    cpu_rows = [line for line in cpu.splitlines() if re.match(r"\s*\d+ \|", line)]
    assert [len(row.split("|")) for row in cpu_rows] == [4, 4]  # the three, at each rate
    for row in rows:
        cells = row.split("|")
        bare = [float(x) for x in cells[1].split()]
        one, two = ([float(x) for x in cell.split()] for cell in cells[2:4])
        assert len(bare) == 2 and len(one) == len(two) == 3  # p50 p99 (x bare)
        assert 0 < bare[0] <= bare[1] < 3000  # ms, answered well within Slack's 3 s
        for own in (one, two):  # the ratio of the p99s, as far as their rounding to 0.1 ms allows
            low = (own[1] - 0.05) / (bare[1] + 0.05) - 0.005
            high = (own[1] + 0.05) / (bare[1] - 0.05) + 0.005
            assert low <= own[2] <= high
        assert cells[4].strip() == "0/0/0"  # no errors
    for name in ("1 proc", "2 proc"):
        assert re.search(
            rf"^knee {name}: p99 <= 1.25x bare at every rate up to .+; highest", out, re.M
        )
    assert "NOT done" not in out  # every acked request's follow-up work was done
    assert "bench.ack_latency --sweep --rates 20,10" in out


def step(rate: float, name: str, p99: float, errors: int = 0) -> Step:
    return Step(rate, name, Summary(100, errors, p99 / 2, p99, p99, p99), None)


def test_the_knee_is_the_last_rate_before_the_first_step_over_the_aim() -> None:
    steps = [
        step(25, "bare", 0.010), step(25, "1 proc", 0.011),
        step(50, "bare", 0.010), step(50, "1 proc", 0.0125),  # 1.25x: still within
        step(100, "bare", 0.010), step(100, "1 proc", 0.020),  # 2x: over
        step(150, "bare", 0.010), step(150, "1 proc", 0.011),  # within again: noise, not a knee
    ]  # fmt: skip
    assert knee(steps, "1 proc") == 50
    assert highest_within(steps, "1 proc") == 150
    with_errors = [*steps[:2], step(50, "bare", 0.010), step(50, "1 proc", 0.011, errors=3)]
    assert knee(with_errors, "1 proc") == 25  # a step with failed requests is not within
    assert knee([step(25, "bare", 0.010), step(25, "1 proc", 0.050)], "1 proc") is None
