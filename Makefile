# The README's quick start: `make run` (set up, assemble the shipped drafts, redline 28 -> 20)
# and `make test` (set up, install the test tools, run the tests).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
OUT    := drafts/redlines
# The bilateral agreement's negotiating text (every delegation's position as an alternative) and
# that text resolved with the US positions: kept versions, named here (tests/cli check they are).
NEGOTIATING := bilateral-security-agreement/v3
RESOLVED    := bilateral-security-agreement/v4
# The synopsis of the three plans, in negotiating order (treaty compare).
SYN         := drafts/synopsis
PLANS       := plan-28-point/v1 europe-counterproposal/v1 plan-20-point/v1
PLAN_LABELS := "US draft (28 points),European counter-proposal,Framework (20 points)"
# The 28 -> 20 change as an amending protocol (treaty diff --format amendments).
PROTOCOL    := "Protocol amending the 28-point plan into the 20-point framework"

.PHONY: setup run test system clean fuzz

$(BIN)/treaty: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

setup: $(BIN)/treaty

# Drafts are kept under drafts/<template>/vN; an unchanged library writes nothing new.
# The redlines are derived from the drafts, so they are rewritten (--force) on every run.
# `treaty check` exits 1 on the negotiating text, whose open places it lists.
run: setup
	$(BIN)/treaty assemble plan-28-point -f md -f docx -f html -f akn
	$(BIN)/treaty assemble plan-20-point -f md -f docx -f html -f akn
	$(BIN)/treaty assemble europe-counterproposal -f md -f docx -f akn
	$(BIN)/treaty assemble bilateral-security-agreement -f md -f docx -f akn
	$(BIN)/treaty assemble bilateral-security-agreement --positions all -f md -f docx -f html --alternatives table
	$(BIN)/treaty check $(NEGOTIATING) || test $$? -eq 1
	$(BIN)/treaty resolve $(NEGOTIATING) --take us-draft -f md -f docx
	$(BIN)/treaty check $(RESOLVED)
	$(BIN)/treaty diff $(NEGOTIATING) $(RESOLVED) --format docx -o $(OUT)/bilateral-negotiating--us-draft.docx --force
	$(BIN)/treaty compare $(PLANS) --labels $(PLAN_LABELS) -f html -o $(SYN)/plans.html --force
	$(BIN)/treaty compare $(PLANS) --labels $(PLAN_LABELS) -f docx -o $(SYN)/plans.docx --force
	$(BIN)/treaty compare $(PLANS) --labels $(PLAN_LABELS) -f xlsx -o $(SYN)/plans.xlsx --force
	$(BIN)/treaty diff plan-28-point plan-20-point --format docx -o $(OUT)/plan-28-point--plan-20-point.docx --force
	$(BIN)/treaty diff plan-28-point plan-20-point --format html -o $(OUT)/plan-28-point--plan-20-point.html --force
	$(BIN)/treaty diff plan-28-point plan-20-point --format md -o $(OUT)/plan-28-point--plan-20-point.md --force
	$(BIN)/treaty diff plan-28-point plan-20-point --format amendments --protocol $(PROTOCOL) -o $(OUT)/plan-28-point--plan-20-point.amendments.md --force
	$(BIN)/treaty diff plan-28-point plan-20-point --format amendments --protocol $(PROTOCOL) -o $(OUT)/plan-28-point--plan-20-point.amendments.docx --force
	$(BIN)/treaty diff plan-28-point plan-20-point --format amendments --protocol $(PROTOCOL) -o $(OUT)/plan-28-point--plan-20-point.amendments.xml --force
	$(BIN)/treaty diff plan-28-point plan-20-point

# LibreOffice, Chromium and axe-core for the Word and browser tests (installs only what is missing).
system:
	sh tools/install-system.sh

test: setup system
	$(BIN)/pytest -q

# Hostile inputs for TREATY_FUZZ_SECONDS (default 600) instead of the short run in `make test`;
# prints the cases run and every finding, kept with a replay command under tests/fuzz/findings/.
fuzz: setup
	TREATY_FUZZ_SECONDS=$${TREATY_FUZZ_SECONDS:-600} $(BIN)/pytest -q -p no:cacheprovider tests/fuzz

clean:
	rm -rf $(VENV) .pytest_cache tests/artifacts
