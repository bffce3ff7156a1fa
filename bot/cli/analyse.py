"""`reflectiebot analyse`: why a text was tagged or refused, one JSON line per input line.

With --explain it writes, per text, each knelpunt worth mentioning with its probability, its
threshold, the words that pushed it and the signals of knelpunten.toml that matched; with
--team KANAAL_ID it uses that team's own model (corrected by its confirmed examples).
"""

from __future__ import annotations

import json
from typing import TextIO

from bot.cli.common import EXIT_FAILED, EXIT_OK, migrated_engine
from bot.learning import TeamModels
from bot.settings import Settings
from privacy.guard import detected_kinds
from prompts.modelfile import shipped_recogniser
from prompts.recogniser import Explanation, Recogniser
from prompts.taxonomy import Taxonomy, load_taxonomy
from storage import teams
from storage.engine import read_scope


def cmd_analyse(
    settings: Settings,
    source: TextIO,
    target: TextIO,
    *,
    explain: bool = False,
    channel_id: str | None = None,
    errors: TextIO | None = None,
) -> int:
    """One JSON object per input line: the knelpunten and the kinds of client data it shows."""
    taxonomy = load_taxonomy(extra=settings.knelpunten_file)
    recogniser = shipped_recogniser(taxonomy)
    if channel_id:
        team_recogniser = _team_recogniser(settings, recogniser, channel_id)
        if team_recogniser is None:
            if errors is not None:
                errors.write(f"reflectiebot: geen team gekoppeld aan kanaal {channel_id}.\n")
            return EXIT_FAILED
        recogniser = team_recogniser
    for number, line in enumerate(source, start=1):
        text = line.rstrip("\r\n")
        kinds = [kind.value for kind in detected_kinds(text)]
        if explain:
            target.write(explanation_text(number, text, recogniser, kinds, taxonomy))
            continue
        result = {"knelpunten": recogniser.tag(text), "privacy": kinds}
        target.write(json.dumps(result, ensure_ascii=False) + "\n")
    target.flush()
    return EXIT_OK


def _team_recogniser(settings: Settings, base: Recogniser, channel_id: str) -> Recogniser | None:
    engine = migrated_engine(settings)
    try:
        with read_scope(engine) as session:
            team = teams.get_team_by_channel(session=session, channel_id=channel_id)
            team_id = team.id if team is not None else None
        if team_id is None:
            return None
        models = TeamModels(base)
        models.refresh(engine)
        return models.for_team(team_id)
    finally:
        engine.dispose()


def explanation_text(
    number: int, text: str, recogniser: Recogniser, kinds: list[str], taxonomy: Taxonomy
) -> str:
    """The explanation of one text, in Dutch, for an administrator or a curious teamleider."""
    shown = text if len(text) <= 100 else text[:97] + "..."
    lines = [f"Tekst {number}: {shown!r}"]
    if kinds:
        lines.append(f"  Niet bewaard: persoonsgegevens ({', '.join(kinds)}).")
    explanations = recogniser.explain(text) if text.strip() else []
    gate = next((e.gate for e in explanations if e.gate is not None), None)
    gate_threshold = recogniser.artefact.gate_threshold
    if gate is not None:
        lines.append(
            f"  Noemt de tekst een knelpunt? kans {gate:.2f} (drempel {gate_threshold:.2f})"
        )
    for item in explanations:
        lines += _knelpunt_lines(item, taxonomy)
    if len(lines) == 1 + bool(kinds):
        lines.append("  Geen knelpunt herkend.")
    if recogniser.delta is not None:
        lines.append(
            f"  (model van dit team: bijgesteld met {recogniser.delta.examples} "
            "bevestigde voorbeelden)"
        )
    return "\n".join(lines) + "\n\n"


def _knelpunt_lines(item: Explanation, taxonomy: Taxonomy) -> list[str]:
    label = taxonomy.label(item.knelpunt_id)
    if item.probability is None:
        return [
            f"  {label} ({item.knelpunt_id}): telt — alleen signaalwoorden, geen model",
            f"    signaalwoorden: {', '.join(repr(s) for s in item.signals)}",
        ]
    assert item.threshold is not None
    if item.confident:
        verdict = "telt"
    elif item.probability >= item.threshold:
        verdict = "telt niet: de tekst lijkt geen knelpunt te noemen"
    else:
        verdict = "telt niet"
    lines = [
        f"  {label} ({item.knelpunt_id}): kans {item.probability:.2f}, "
        f"drempel {item.threshold:.2f} — {verdict}"
    ]
    if item.pushed:
        pushed = ", ".join(f"{push.word} {push.weight:+.2f}" for push in item.pushed)
        lines.append(f"    woorden die ervoor pleitten: {pushed}")
    if item.signals:
        signals = ", ".join(repr(signal) for signal in item.signals)
        lines.append(
            f"    signaalwoorden uit knelpunten.toml: {signals} ({item.signal_weight:+.2f})"
        )
    if item.held_back:
        held = ", ".join(f"{push.word} {push.weight:+.2f}" for push in item.held_back)
        lines.append(f"    woorden die ertegen pleitten: {held}")
    return lines
