# reformkg — `make run` builds the graph and opens the explorer; `make test` runs the suite.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
GRAPH ?= data/graph.json
RAW := $(wildcard data/raw/*)

.PHONY: install run graph test lint bench-quality neo4j-start neo4j-stop clean

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

# Uses the Neo4j in NEO4J_URI when one is given; otherwise starts a local one for the run and
# stops it afterwards. Without Java the Neo4j tests skip (CI sets REFORMKG_REQUIRE_NEO4J=1).
test: $(STAMP)
	@started=""; \
	if [ -z "$$NEO4J_URI" ]; then \
	  if env_lines="$$(bash scripts/neo4j-local.sh start)"; then eval "$$env_lines"; started=1; \
	  else echo "make test: no local Neo4j could be started; Neo4j tests will skip" >&2; fi; \
	fi; \
	status=0; $(BIN)/python -m pytest -q || status=$$?; \
	if [ -n "$$started" ]; then bash scripts/neo4j-local.sh stop; fi; \
	exit $$status

neo4j-start:
	@bash scripts/neo4j-local.sh start

neo4j-stop:
	@bash scripts/neo4j-local.sh stop

bench-quality: $(STAMP)
	$(BIN)/python -m benchmarks.extraction_quality

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis
