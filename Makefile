# Reflectiebot: `make demo` shows the product without Slack, `make run` runs the bot with a .env,
# `make test` runs every check. Each creates the virtual environment and installs by itself.
# `make install`/`run`/`demo` install only what the bot needs; `make dev`/`test` add the
# developer tools (ruff, mypy, pytest), so a service's venv never carries them.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev
# The knelpunt model, trained from the repository's corpus (never downloaded, never in git).
MODEL  := build/knelpuntmodel.npz
MODEL_INPUTS := $(wildcard prompts/corpus/*.tsv) prompts/knelpunten.toml \
	prompts/features.py prompts/linear.py prompts/recogniser.py prompts/training.py \
	prompts/tagging.py prompts/modelfile.py

.PHONY: install dev model run demo test clean

# The venv keeps the Python it was made with: a later `make install` (an upgrade) installs
# into it with its own interpreter, whatever python3 is first in PATH then. `make clean` first
# to move to another Python.
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Reflectiebot heeft Python 3.11 of nieuwer nodig.")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $(STAMP)

$(DEV_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(DEV_STAMP)

$(MODEL): $(STAMP) $(MODEL_INPUTS)
	OPENBLAS_NUM_THREADS=1 $(BIN)/reflectiebot train --output $(MODEL)

install: $(STAMP) $(MODEL)

dev: $(DEV_STAMP) $(MODEL)

model: $(MODEL)

run: $(STAMP) $(MODEL)
	$(BIN)/reflectiebot run

demo: $(STAMP) $(MODEL)
	$(BIN)/reflectiebot demo

test: $(DEV_STAMP) $(MODEL)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/pytest

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache .hypothesis $(MODEL)
