"""Helpers for tests: Slack-shaped payloads and signed requests to the app."""
