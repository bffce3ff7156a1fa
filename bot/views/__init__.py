"""Block Kit builders: pure functions from data to Slack messages and views."""
