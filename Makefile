# The support suite's commands; see README.md.
PYTHON ?= python3

.PHONY: run run-fresh stop test lint

run:  ## serve the demo support desk on http://127.0.0.1:8069
	$(PYTHON) dev/suite.py run

run-fresh:  ## same, on a newly created demo database
	$(PYTHON) dev/suite.py run --fresh

stop:  ## stop the private PostgreSQL cluster of `make run`
	$(PYTHON) dev/suite.py stop

test:  ## lint, pure tests, then all Odoo tests on a fresh private database
	$(PYTHON) dev/suite.py test

lint:
	ruff check . && ruff format --check . && $(PYTHON) -m pylint --rcfile=.pylintrc-mandatory support_contract support_ticket support_sla support_billing support_portal
