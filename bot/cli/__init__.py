"""The `reflectiebot` command for administrators; `main` is the console script."""

from bot.cli.main import main

__all__ = ["main"]
