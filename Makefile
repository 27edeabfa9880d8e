# `make demo` and `make test` set everything up by themselves on a fresh machine.
# They install the exact versions of requirements/dev.txt (a lock with hashes, made by
# `make lock`); `make test-latest` runs the same checks against the newest releases.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
LOCK   := requirements/dev.txt
STAMP  := $(VENV)/.installed-$(shell cat pyproject.toml $(LOCK) | cksum | cut -d' ' -f1)
OUT    ?= out

.PHONY: demo test test-latest test-tools lint docs bench clean system lock

# Programs the exporters and the tests run: Graphviz's `dot`, LibreOffice (the tests open
# every Office file with it, as a person would), pdftotext (poppler-utils: the tests read
# the PDFs LibreOffice makes), the fonts the outputs are measured with, pandoc (the tests
# render the Markdown export with it) and Chromium (the handbook's browser tests).
SYSTEM_PACKAGES = graphviz fonts-dejavu-core fonts-crosextra-carlito libreoffice-writer-nogui \
	libreoffice-impress-nogui libreoffice-calc-nogui poppler-utils git pandoc chromium
system:
	@if ! command -v dot >/dev/null 2>&1 || ! command -v soffice >/dev/null 2>&1 \
	    || ! command -v git >/dev/null 2>&1 \
	    || ! command -v pdftotext >/dev/null 2>&1 \
	    || ! command -v pandoc >/dev/null 2>&1 || ! command -v chromium >/dev/null 2>&1 \
	    || ! dpkg -s libreoffice-impress-nogui libreoffice-calc-nogui >/dev/null 2>&1 \
	    || ! fc-list | grep -q "DejaVu Sans" || ! fc-list | grep -q "Carlito"; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
	      apt-get install -y -qq --no-install-recommends $(SYSTEM_PACKAGES); \
	  else \
	    echo "Please install: sudo apt-get install $(SYSTEM_PACKAGES)"; exit 1; \
	  fi; \
	fi

$(STAMP): pyproject.toml $(LOCK)
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
	  { echo "sopmodel needs Python 3.11 or newer (set PYTHON=...)"; exit 1; }
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) || \
	  { echo "cannot create a virtual environment: apt-get install python3-venv"; exit 1; }
ifeq ($(LATEST),1)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --upgrade --upgrade-strategy eager -e '.[dev]'
else
	$(BIN)/python -m pip install --quiet --require-hashes -r $(LOCK)
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
endif
	@rm -f $(VENV)/.installed-* && touch $@

## lock: pin the development environment again (after a change to pyproject.toml's dependencies)
lock: $(STAMP)
	$(BIN)/pip-compile --quiet --extra dev --allow-unsafe --generate-hashes --strip-extras \
	  --no-emit-index-url --no-emit-find-links --output-file $(LOCK) pyproject.toml

## demo: validate the examples, print a summary, write their flowcharts, documents and handbook into $(OUT)/
demo: $(STAMP) system
	$(BIN)/sopmodel validate examples --exclude invalid --fail-on error --verbose
	@echo
	@echo "What each of the $$($(BIN)/sopmodel rules | wc -l) rules reports on its invalid example (examples/invalid):"
	@for example in examples/invalid/*; do \
	  $(BIN)/sopmodel validate "$$example" | grep -v ' checked: ' | head -n 1; \
	done
	@echo
	$(BIN)/sopmodel export examples/*.yaml --to svg,png,pdf,docx,pptx,xlsx,md -o $(OUT) --quiet
	@echo "Flowcharts, Word documents, decks, trackers and Markdown files of the examples are in $(OUT)/."
	$(BIN)/sopmodel site examples --exclude invalid -o $(OUT)/site
	$(BIN)/sopmodel status examples/plan-sop-90-jours.fr.yaml --tracker $(OUT)/PLAN-2027-T1.xlsx
	@echo
	$(BIN)/sopmodel status examples/sales-opportunity.yaml --records examples/records/sales-team-records.yaml || true

## test: lint, type-check, check the layer contract, run the test suite
test: lint test-tools
	$(BIN)/pytest

## test-latest: the same checks in a new environment with the newest release of every dependency
test-latest:
	rm -rf .venv-latest
	$(MAKE) test VENV=.venv-latest LATEST=1

## test-tools: install the clients the tests check CI reports with (tools/node/install.sh)
test-tools: $(STAMP)
	@PYTHON=$(BIN)/python tools/node/install.sh

lint: $(STAMP) system
	$(BIN)/ruff check src tests tools benchmarks
	$(BIN)/ruff format --check src tests tools benchmarks
	$(BIN)/mypy
	$(BIN)/lint-imports

## docs: regenerate the rule reference pages and the JSON Schemas
docs: $(STAMP)
	$(BIN)/python tools/generate_docs.py

## bench: run the benchmarks (installs their peers: check-jsonschema, pandoc, mkdocs)
bench: $(STAMP) system
	$(BIN)/python -m pip install --quiet -e '.[dev,bench]'
	@command -v pandoc >/dev/null 2>&1 || { [ "$$(id -u)" = 0 ] && apt-get install -y -qq pandoc; }
	for bench in validate hostile flowchart word slides workbook site serve; do \
	  $(BIN)/python benchmarks/$$bench.py || exit 1; \
	done

clean:
	rm -rf $(VENV) .venv-latest $(OUT) .pytest_cache .mypy_cache .ruff_cache .hypothesis .import_linter_cache
