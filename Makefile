# Two commands on a fresh machine with Python >= 3.11:  make demo  |  make test
PYTHON ?= python3
UV_VERSION := 0.13.8
TOOLS := .tools
UV := $(TOOLS)/bin/uv
VENV := .venv
PORT ?= 8000

.PHONY: demo test install lint typecheck messages check-messages bench clean cluster cluster-stop

$(UV):
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/python -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

$(VENV)/.synced: $(UV) pyproject.toml uv.lock
	$(UV) sync --frozen --python $(PYTHON)
	touch $@

install: $(VENV)/.synced

demo: install
	LINDUNG_HTTPS=0 PORT=$(PORT) $(VENV)/bin/lindung demo

test: install
	bash scripts/test.sh

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports

typecheck: install
	$(VENV)/bin/mypy src tests bench

# Re-extract the message catalogue after changing user-facing text (needs GNU gettext).
messages: install
	cd src/lindung && ../../$(VENV)/bin/python ../../manage.py makemessages -l en -l id --no-obsolete --no-location
	cd src/lindung && ../../$(VENV)/bin/python ../../manage.py compilemessages

check-messages: install
	bash scripts/check_messages.sh

# The national topology on loopback (nginx, two app servers, two workers, PostgreSQL, Redis)
# with a fresh database and the demo data: deploy/cluster.sh, docs/deployment.md.
cluster: install
	bash deploy/cluster.sh start

cluster-stop:
	bash deploy/cluster.sh stop

clean:
	rm -rf $(VENV) $(TOOLS) var/test-*
