# Fresh-machine bootstrap: every target creates .venv and installs the pinned set first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: sandbox run test lint install system-packages clean

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c constraints.txt -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

## make sandbox: the bot against a local Telegram emulator, with a web chat (no token needed);
## make sandbox PORT=8766 when 8765 is taken
sandbox: $(STAMP)
	$(BIN)/matchbot sandbox $(if $(PORT),--port $(PORT))

## make run: the bot for real (needs config.toml with a BotFather token, or MATCHBOT_TOKEN)
run: $(STAMP)
	$(BIN)/matchbot run

## make test: lint, then the whole test suite (installs headless Chromium and fonts when missing)
test: $(STAMP) system-packages
	$(BIN)/ruff check .
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check .

# Debian's Chromium drives the web-chat tests; the fonts draw Chinese in charts and screenshots.
system-packages:
	@scripts/install-system-packages.sh

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
