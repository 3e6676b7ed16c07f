# reformkg — `make run` builds the graph and opens the explorer; `make test` runs the suite.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
GRAPH ?= data/graph.json
RAW := $(wildcard data/raw/*)

.PHONY: install run graph test lint bench bench-quick bench-quality bench-explorer bench-links bench-links-quality browser-deps screenshots \
	neo4j-start neo4j-stop clean

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

# Builds the graph when it is missing or older than data/raw/, then opens the explorer.
run: $(GRAPH)
	REFORMKG_GRAPH=$(GRAPH) $(BIN)/streamlit run app_streamlit.py --server.headless true \
	  --browser.gatherUsageStats false

# Debian's Chromium and CJK fonts for the browser test (root and apt-get needed; skipped otherwise).
browser-deps:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null; \
	  else echo "make: no chromium and no way to install it; the browser test will skip" >&2; fi; }

# Uses the Neo4j in NEO4J_URI when one is given; otherwise starts a local one for the run and
# stops it afterwards. Without Java the Neo4j tests skip (CI sets REFORMKG_REQUIRE_NEO4J=1).
# WITH_NEO4J runs a command with NEO4J_URI set: the given server, or a local one started for it.
define WITH_NEO4J
	@started=""; \
	if [ -z "$$NEO4J_URI" ]; then \
	  if env_lines="$$(bash scripts/neo4j-local.sh start)"; then eval "$$env_lines"; started=1; \
	  else echo "make: no local Neo4j could be started; Neo4j parts will skip" >&2; fi; \
	fi; \
	status=0; $(1) || status=$$?; \
	if [ -n "$$started" ]; then bash scripts/neo4j-local.sh stop; fi; \
	exit $$status
endef

test: $(STAMP) browser-deps
	$(call WITH_NEO4J,$(BIN)/python -m pytest -q)

# Scale benchmarks on synthetic corpora (benchmarks/results*.json, benchmarks/results.md). The local
# server gets room for a 10,000-document graph (the tests' 1 GB heap is plenty for the seeds).
bench bench-quick: export NEO4J_LOCAL_HEAP ?= 4g
bench bench-quick: export NEO4J_LOCAL_PAGECACHE ?= 2g
bench: $(STAMP)
	$(call WITH_NEO4J,$(BIN)/python -m benchmarks.scale)

bench-quick: $(STAMP)
	$(call WITH_NEO4J,$(BIN)/python -m benchmarks.scale --quick)

neo4j-start:
	@bash scripts/neo4j-local.sh start

neo4j-stop:
	@bash scripts/neo4j-local.sh stop

bench-quality: $(STAMP)
	$(BIN)/python -m benchmarks.extraction_quality

bench-links-quality: $(STAMP)
	$(BIN)/python -m benchmarks.link_quality

bench-explorer: $(STAMP) $(GRAPH)
	$(BIN)/python -m benchmarks.explorer_render

bench-links: $(STAMP)
	$(BIN)/python -m benchmarks.link_scaling

# Screenshots of the running explorer for the README (docs/screenshots/).
screenshots: $(STAMP) browser-deps
	REFORMKG_SCREENSHOTS=1 $(BIN)/python -m pytest -q tests/app/test_browser.py

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis
