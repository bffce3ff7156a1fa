"""`make demo`: the product without a Slack account."""
