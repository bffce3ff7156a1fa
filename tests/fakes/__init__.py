"""Local fakes of Slack: the Web API over HTTP and the Socket Mode WebSocket server."""

from tests.fakes.slack_api import Call, FakeSlack
from tests.fakes.socket_mode import FakeSocketModeServer

__all__ = ["Call", "FakeSlack", "FakeSocketModeServer"]
