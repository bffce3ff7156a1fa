"""Real payload shapes from Slack's own SDK test suites, adapted to the bot's ids."""
