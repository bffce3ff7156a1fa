"""HOST, HEALTH_PORT and the planner's lease and tick: read once, refused with the variable's
name when they cannot work."""

from __future__ import annotations

import pytest

from bot.settings import SettingsError, load_settings


def settings_of(**values: str) -> object:
    return load_settings(values, env_file=None, require_slack=False)


def test_a_lease_that_cannot_outlive_a_missed_tick_is_refused() -> None:
    with pytest.raises(SettingsError) as caught:
        settings_of(PLANNER_LEASE_SECONDS="10", PLANNER_TICK_SECONDS="6")
    assert caught.value.variable == "PLANNER_LEASE_SECONDS"
    assert "PLANNER_TICK_SECONDS" in str(caught.value)


@pytest.mark.parametrize("host", ["iedereen", "localhost", "300.1.1.1"])
def test_host_must_be_an_ip_address(host: str) -> None:
    with pytest.raises(SettingsError) as caught:
        settings_of(HOST=host)
    assert caught.value.variable == "HOST"


def test_the_settings_given_are_the_settings_used() -> None:
    chosen = load_settings(
        {"HOST": "::", "HEALTH_PORT": "8099", "PLANNER_LEASE_SECONDS": "7",
         "PLANNER_TICK_SECONDS": "3"},
        env_file=None, require_slack=False,
    )  # fmt: skip
    assert (chosen.host, chosen.health_port) == ("::", 8099)
    assert (chosen.planner_lease_seconds, chosen.planner_tick_seconds) == (7, 3)
    assert load_settings({}, env_file=None, require_slack=False).health_port is None
