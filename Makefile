# Fresh-machine bootstrap: every target creates .venv and installs the pinned set first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: sandbox run test lint install browser clean

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c constraints.txt -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

## make sandbox: the bot against a local Telegram emulator, with a web chat (no token needed)
sandbox: $(STAMP)
	$(BIN)/matchbot sandbox

## make run: the bot for real (needs config.toml with a BotFather token, or MATCHBOT_TOKEN)
run: $(STAMP)
	$(BIN)/matchbot run --config config.toml

## make test: lint, then the whole test suite (installs headless Chromium for the browser tests)
test: $(STAMP) browser
	$(BIN)/ruff check .
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check .

# Debian's Chromium drives the web-chat tests; installed once, skipped when already there.
browser:
	@command -v chromium >/dev/null 2>&1 || scripts/install-chromium.sh

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
