# Pure billing logic (no odoo import), tested by the top-level tests/test_billing_*.py.
from . import allocation, billed_time, pricing
