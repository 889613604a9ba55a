# auditparse — every target sets up what it needs on a fresh machine (venv, tesseract, models).
PY      ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed
SAMPLE  ?= samples/smeta_garment_my.pdf
export OMP_THREAD_LIMIT ?= 1
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1

.PHONY: setup review test bench lint samples models clean system-deps

setup: $(STAMP)

# System packages: tesseract (OCR), poppler-utils (pdftoppm, used by tests to look at reports).
system-deps:
	@command -v tesseract >/dev/null 2>&1 || { \
	  echo "installing tesseract-ocr (apt-get)…" >&2; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq tesseract-ocr tesseract-ocr-eng tesseract-ocr-osd poppler-utils >/dev/null; }

$(STAMP): pyproject.toml | system-deps
	@test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q torch==2.13.0
	$(BIN)/pip install -q -e '.[dev]'
	@touch $@

review: $(STAMP)
	$(BIN)/auditparse review $(SAMPLE)

test: $(STAMP)
	$(BIN)/python -m pytest -q $(PYTEST_ARGS)

bench: $(STAMP)
	@for b in benchmarks/*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

lint: $(STAMP)
	$(BIN)/ruff check auditparse tests benchmarks
	$(BIN)/mypy auditparse

samples: $(STAMP)
	$(BIN)/python -m auditparse.synth --out samples/generated --count $${COUNT:-10}

models: $(STAMP)
	env -u OMP_THREAD_LIMIT $(BIN)/python -m auditparse.nlp.train $(TRAIN_ARGS)
	$(BIN)/python -m auditparse.risk.train_default

clean:
	rm -rf $(VENV) .pytest_cache build *.egg-info
