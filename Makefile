# The support suite's commands; see README.md. On a machine without Odoo 19.0
# they first set up .local/venv (ODOO_SOURCE: a local Odoo archive or folder).
PYTHON ?= python3

.PHONY: run run-fresh stop test test-upgrade lint bench

run:  ## serve the demo support desk on http://127.0.0.1:8069
	$(PYTHON) dev/suite.py run

run-fresh:  ## same, on a newly created demo database
	$(PYTHON) dev/suite.py run --fresh

stop:  ## stop the private PostgreSQL cluster of `make run`
	$(PYTHON) dev/suite.py stop

test:  ## lint, pure tests, then all Odoo tests on a fresh private database
	$(PYTHON) dev/suite.py test

test-upgrade:  ## install the last release of RELEASES, upgrade it to HEAD, compare
	$(PYTHON) dev/suite.py upgrade-test

lint:  ## ruff, pylint-odoo and the OCA checks of .pre-commit-config.yaml
	$(PYTHON) dev/suite.py lint

bench:  ## every benchmark of benchmarks/ on a private demo database, one table
	$(PYTHON) benchmarks/run_all.py
