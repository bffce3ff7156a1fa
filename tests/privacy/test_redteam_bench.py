"""bench.privacy_redteam reads the blind set the integrator brings; says so when it is absent."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench import privacy_redteam


def test_the_blind_set_is_read_and_reported_per_kind_and_category(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blind = tmp_path / "privacy_redteam.jsonl"
    rows = [
        {"text": "Bel mevrouw op 06 - 1234 5678", "kinds": ["telefoon"], "category": "separators"},
        {"text": "Haar bsn\u200e: 123456782", "kinds": ["bsn"], "category": "unicode"},
        {"text": "Het convenant is van 12 maart 2019.", "kinds": [], "category": "policy_date"},
    ]
    blind.write_text("\n".join(json.dumps(row) for row in rows) + "\n\n", encoding="utf-8")
    privacy_redteam.main(["--per-category", "2", "--blind", str(blind), "--no-timing"])
    out = capsys.readouterr().out
    blind_part = out.split("== blind set privacy_redteam.jsonl (guard)")[1]
    assert "client data refused: 2 of 2 (0 through)" in blind_part
    assert "ordinary sentences refused: 0 of 1" in blind_part
    assert "telefoon" in blind_part and "separators" in blind_part


def test_an_absent_blind_set_is_skipped_with_a_note(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "nowhere.jsonl"
    privacy_redteam.main(["--per-category", "1", "--blind", str(missing), "--no-timing"])
    assert f"{missing} not found, skipped" in capsys.readouterr().out


def test_a_malformed_blind_line_names_its_line(tmp_path: Path) -> None:
    blind = tmp_path / "bad.jsonl"
    blind.write_text('{"text": "ok", "kinds": []}\n{"kinds": ["bsn"]}\n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"bad\.jsonl:2"):
        privacy_redteam.read_blind(blind)
