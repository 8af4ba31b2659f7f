# Pure helpers (no ``odoo`` import): tested by the top-level ``tests/``.
from . import environment
