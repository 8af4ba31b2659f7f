"""Helpers of the pure tests: import an addon's ``tools`` package without Odoo."""

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def load_tools(addon):
    """Import ``<addon>/tools`` as a plain package (the addon itself needs Odoo)."""
    name = f"{addon}_pure_tools"
    if name not in sys.modules:
        path = ROOT / addon / "tools"
        spec = importlib.util.spec_from_file_location(
            name, path / "__init__.py", submodule_search_locations=[str(path)]
        )
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]
