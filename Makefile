# The README's quick start: `make run` (set up, assemble the shipped drafts, redline 28 -> 20)
# and `make test` (set up, install the test tools, run the tests).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
OUT    := drafts/redlines

.PHONY: setup run test system clean

$(BIN)/treaty: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

setup: $(BIN)/treaty

run: setup
	$(BIN)/treaty assemble plan-28-point
	$(BIN)/treaty assemble plan-20-point
	$(BIN)/treaty assemble europe-counterproposal
	$(BIN)/treaty assemble bilateral-security-agreement
	$(BIN)/treaty diff plan-28-point plan-20-point --summary
	$(BIN)/treaty diff plan-28-point plan-20-point

# LibreOffice, Chromium and axe-core for the Word and browser tests (installs only what is missing).
system:
	sh tools/install-system.sh

test: setup system
	$(BIN)/pytest -q

clean:
	rm -rf $(VENV) .pytest_cache tests/artifacts
