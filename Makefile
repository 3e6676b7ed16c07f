# reformkg — `make run` builds the graph and opens the explorer; `make test` runs the suite.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
GRAPH ?= data/graph.json
RAW := $(wildcard data/raw/*)

.PHONY: install run graph test lint bench-quality clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test,neo4j,app]"
	touch $(STAMP)

install: $(STAMP)

# Rebuilt when missing or older than any raw document.
$(GRAPH): $(STAMP) $(RAW)
	$(BIN)/reformkg build data/raw --out $(GRAPH)

graph: $(GRAPH)

run: $(GRAPH)
	@echo "graph ready: $(GRAPH) — try: $(BIN)/reformkg extract data/raw/000_f185dcf26e0eb861.txt"

test: $(STAMP)
	$(BIN)/python -m pytest -q

bench-quality: $(STAMP)
	$(BIN)/python -m benchmarks.extraction_quality

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis
