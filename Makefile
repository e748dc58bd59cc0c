# Plenary: `make run` serves the demo conference, `make test` runs the whole suite.
# Needs Python 3.11+, make, git, and Node.js with npm (front-end packages, pinned in package-lock.json).

PYTHON ?= $(shell for p in python3.13 python3.12 python3.11 python3; do \
	command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null \
	&& echo $$p && break; done)
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app wsgi:app
STAMP := $(VENV)/.installed
TRANSLATIONS := conference/translations
PO := $(wildcard $(TRANSLATIONS)/*/LC_MESSAGES/messages.po)
MO := $(PO:.po=.mo)
HOST ?= 127.0.0.1
PORT ?= 5000
VENDOR_JS := static/vendor/interact.min.js
JSQR_JS := static/vendor/jsQR.js
NODE_MODULES := node_modules/.installed

.PHONY: run test install demo lint translations extract-messages clean

run: install
	$(FLASK) db upgrade
	$(FLASK) seed-demo
	$(FLASK) run --host $(HOST) --port $(PORT)

test: install
	$(BIN)/pytest $(PYTEST_ARGS)

install: $(STAMP) $(MO) $(VENDOR_JS) $(JSQR_JS)

# Front-end packages come from npm (package-lock.json); their built files are copied to static/vendor/ (not in git).
$(NODE_MODULES): package-lock.json
	@command -v npm >/dev/null 2>&1 || { echo "Plenary needs Node.js and npm for its front-end packages (apt-get install npm)." >&2; exit 1; }
	npm ci --no-audit --no-fund
	touch $@

$(VENDOR_JS): $(NODE_MODULES)
	mkdir -p static/vendor
	cp node_modules/interactjs/dist/interact.min.js $@

# The QR decoder of the check-in page (static/js/checkin/camera.js).
$(JSQR_JS): $(NODE_MODULES)
	mkdir -p static/vendor
	cp node_modules/jsqr/dist/jsQR.js $@

$(STAMP): pyproject.toml
	@test -n "$(PYTHON)" || { echo "Plenary needs Python 3.11 or newer on the PATH." >&2; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

%.mo: %.po $(STAMP)
	$(BIN)/pybabel compile -i $< -o $@

# After marking new strings: extract them and merge into every catalogue, then translate the .po files.
extract-messages: $(STAMP)
	$(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_gettext -o $(TRANSLATIONS)/messages.pot --no-location --sort-output .
	$(BIN)/pybabel update -i $(TRANSLATIONS)/messages.pot -d $(TRANSLATIONS)

# ruff, then the import rules between capabilities (import-linter contracts in pyproject.toml).
lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache $(MO) node_modules static/vendor
