# The two commands of the README: `make run` and `make test`.
VENV := .venv
PY := $(VENV)/bin/python
PYTHON ?= python3

.PHONY: run test install lint bench browser clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

install: $(VENV)/.installed node_modules/.installed

# Headless Chromium for the accessibility and map tests (Debian packages; root or sudo).
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
/usr/bin/chromium /usr/bin/chromedriver:
	$(SUDO) apt-get update -qq
	$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver

browser: /usr/bin/chromium /usr/bin/chromedriver

run: install
	$(VENV)/bin/girou up

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

# Three test processes (pytest-xdist), each with its own servers; a file's tests stay together.
test: lint browser
	$(VENV)/bin/pytest -n 3 --dist loadfile

bench: install
	for b in bench/*.py; do echo "== $$b"; $(PY) $$b || exit 1; done

clean:
	rm -rf $(VENV) node_modules
