"""`python -m bot` does what the `reflectiebot` console script does."""

from bot.cli import main

raise SystemExit(main())
