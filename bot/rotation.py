"""Which prompt a team gets next: themes in turn, no repeat until a theme's pool is used up."""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Sequence

from prompts.library import Prompt, PromptLibrary


def next_theme(team_themes: Sequence[str], history: Sequence[tuple[str, str]]) -> str:
    """The theme after the last one the team got, in the team's own order."""
    if not team_themes:
        raise ValueError("a team has at least one theme")
    last = next((theme for _, theme in reversed(history) if theme in team_themes), None)
    if last is None:
        return team_themes[0]
    return team_themes[(list(team_themes).index(last) + 1) % len(team_themes)]


def next_prompt(
    library: PromptLibrary,
    *,
    team_id: int,
    team_themes: Sequence[str],
    history: Sequence[tuple[str, str]],
    theme: str | None = None,
) -> Prompt:
    """The least-used prompt of the next theme; ties in a fixed order per team.

    Every prompt of a theme is used once before any is used twice. Each team walks the pool
    in its own shuffled order, so neighbouring teams rarely get the same question on one day.
    """
    theme = theme or next_theme(team_themes, history)
    pool = list(library.for_theme(theme))
    if not pool:
        raise ValueError(f"no prompts for theme {theme!r}")
    random.Random(f"{team_id}:{theme}").shuffle(pool)
    used = Counter(prompt_id for prompt_id, _ in history)
    return min(pool, key=lambda prompt: used[prompt.id])
