# Reflectiebot: `make demo` shows the product without Slack, `make run` runs the bot with a .env,
# `make test` runs every check. Each creates the virtual environment and installs by itself.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# The knelpunt model, trained from the repository's corpus (never downloaded, never in git).
MODEL  := build/knelpuntmodel.npz
MODEL_INPUTS := $(wildcard prompts/corpus/*.tsv) prompts/knelpunten.toml \
	prompts/features.py prompts/linear.py prompts/recogniser.py prompts/training.py \
	prompts/tagging.py prompts/modelfile.py

.PHONY: install model run demo test lint bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Reflectiebot heeft Python 3.11 of nieuwer nodig.")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

$(MODEL): $(STAMP) $(MODEL_INPUTS)
	OPENBLAS_NUM_THREADS=1 $(BIN)/reflectiebot train --output $(MODEL)

install: $(STAMP) $(MODEL)

model: $(MODEL)

run: $(STAMP) $(MODEL)
	$(BIN)/reflectiebot run

demo: $(STAMP) $(MODEL)
	$(BIN)/reflectiebot demo

test: $(STAMP) $(MODEL)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/pytest

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache .hypothesis $(MODEL)
