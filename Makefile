# Two commands on a fresh machine with Python 3.11: `make run` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.requirements-installed

.PHONY: run test cache lint bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Reinstall only when requirements.txt changes.
$(STAMP): requirements.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

# `geo build` returns at once when no source changed since the last build.
cache: $(STAMP)
	$(BIN)/python -m geo build --report short

run: cache
	$(BIN)/python tools/serve.py --server.port 8501 --server.headless true

test: cache
	bash tools/ensure_browser.sh
	bash tools/ensure_postgres.sh
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check geo layers pages tests bench tools streamlit_app.py
	$(BIN)/mypy

bench: cache
	for script in bench/bench_*.py; do $(BIN)/python -m bench.$$(basename $$script .py); done

clean:
	rm -rf data/cache artefacts
