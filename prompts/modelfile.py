"""The shipped knelpunt model: built from the repository's data by one command, or at start.

``reflectiebot train`` (and ``make``, which runs it) trains on prompts/corpus/ with the
signals of prompts/knelpunten.toml and writes ``build/knelpuntmodel.npz``: plain arrays, read
back without pickle. The file carries a fingerprint of everything it was built from (corpus,
signals, the training code and settings); a file whose fingerprint does not match is ignored
and the model is trained at start instead (a few seconds), so an edited signal list or corpus
never meets a stale model. Nothing here is downloaded: the model is the repository's data.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
import threading
import time
from dataclasses import asdict
from pathlib import Path
from typing import Final

import numpy as np

from prompts import corpus
from prompts.features import FeatureSettings, FeatureSpace
from prompts.linear import LinearModel
from prompts.recogniser import ModelArtefact, Recogniser
from prompts.tagging import Tagger
from prompts.taxonomy import Taxonomy, default_path, load_taxonomy
from prompts.training import TrainingSettings, train

log = logging.getLogger(__name__)

FORMAT: Final = 1
DEFAULT_MODEL_FILE: Final = Path(__file__).resolve().parent.parent / "build" / "knelpuntmodel.npz"
_SOURCES: Final = ("features.py", "linear.py", "recogniser.py", "training.py", "tagging.py")

_cache: dict[str, ModelArtefact] = {}
_cache_lock = threading.Lock()


def fingerprint(settings: TrainingSettings, files: list[Path] | None = None) -> str:
    """A hash of everything the model is built from: corpus, shipped signals, code, settings."""
    digest = hashlib.sha256(f"format {FORMAT}\n{settings!r}\n".encode())
    here = Path(__file__).resolve().parent
    inputs = [*(corpus.corpus_files() if files is None else files), default_path()]
    inputs += [here / name for name in _SOURCES]
    for path in inputs:
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def build(settings: TrainingSettings | None = None) -> ModelArtefact:
    """Train the shipped model from the repository's corpus and shipped signals."""
    settings = settings or TrainingSettings()
    shipped = load_taxonomy()
    examples = corpus.read_corpus(shipped.ids)
    return train(examples, Tagger(shipped), settings, fingerprint=fingerprint(settings))


def save(artefact: ModelArtefact, path: Path = DEFAULT_MODEL_FILE) -> None:
    """Write the model as plain arrays (atomically: a reader never sees half a file)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    arrays = {
        **artefact.space.to_arrays(),
        "weights": artefact.model.weights,
        "bias": artefact.model.bias,
        "scale": artefact.scale,
        "shift": artefact.shift,
        "thresholds": artefact.thresholds,
        "ids": np.asarray("\n".join(artefact.ids)),
        "fingerprint": np.asarray(artefact.fingerprint),
        "features": np.asarray(json.dumps(asdict(artefact.settings))),
    }
    handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".npz")
    try:
        with os.fdopen(handle, "wb") as out:
            np.savez_compressed(out, **arrays)  # type: ignore[arg-type]
        os.chmod(temporary, 0o644)  # corpus-derived, no personal data: the service may read it
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def load(path: Path = DEFAULT_MODEL_FILE) -> ModelArtefact:
    """Read a model written by save(); no pickle is ever involved."""
    with np.load(path, allow_pickle=False) as arrays:
        settings = FeatureSettings(**json.loads(str(arrays["features"])))
        return ModelArtefact(
            settings=settings,
            space=FeatureSpace.from_arrays(arrays, settings),
            model=LinearModel(np.array(arrays["weights"]), np.array(arrays["bias"])),
            ids=tuple(str(arrays["ids"]).split("\n")),
            scale=np.array(arrays["scale"]),
            shift=np.array(arrays["shift"]),
            thresholds=np.array(arrays["thresholds"]),
            fingerprint=str(arrays["fingerprint"]),
        )


def shipped_artefact(path: Path = DEFAULT_MODEL_FILE) -> ModelArtefact:
    """The model of this repository's data: from its file when current, else trained now.

    Kept per process, so every Services (and every test) shares one.
    """
    settings = TrainingSettings()
    wanted = fingerprint(settings)
    with _cache_lock:
        if wanted in _cache:
            return _cache[wanted]
        artefact: ModelArtefact | None = None
        if path.exists():
            try:
                loaded = load(path)
            except (OSError, ValueError, KeyError) as error:
                log.warning("knelpunt model %s unreadable (%s); training it", path, error)
            else:
                artefact = loaded if loaded.fingerprint == wanted else None
                if artefact is None:
                    log.info("knelpunt model %s is older than its data; training it", path)
        if artefact is None:
            started = time.perf_counter()
            artefact = build(settings)
            log.info(
                "knelpunt model trained in %.1f s (`reflectiebot train` saves it for next time)",
                time.perf_counter() - started,
            )
        _cache[wanted] = artefact
        return artefact


def shipped_recogniser(taxonomy: Taxonomy, tagger: Tagger | None = None) -> Recogniser:
    """The shipped model with this taxonomy's signals (a team's own file included)."""
    return Recogniser(shipped_artefact(), tagger or Tagger(taxonomy))
