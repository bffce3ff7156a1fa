"""`reflectiebot analyse`: why a text was tagged or refused, one JSON line per input line."""

from __future__ import annotations

import json
from typing import TextIO

from bot.cli.common import EXIT_OK
from bot.settings import Settings
from privacy.guard import detected_kinds
from prompts.tagging import Tagger
from prompts.taxonomy import load_taxonomy


def cmd_analyse(settings: Settings, source: TextIO, target: TextIO) -> int:
    """One JSON object per input line: the knelpunten and the kinds of client data it shows."""
    tagger = Tagger(load_taxonomy(extra=settings.knelpunten_file))
    for line in source:
        text = line.rstrip("\r\n")
        result = {
            "knelpunten": tagger.tag(text),
            "privacy": [kind.value for kind in detected_kinds(text)],
        }
        target.write(json.dumps(result, ensure_ascii=False) + "\n")
    target.flush()
    return EXIT_OK
