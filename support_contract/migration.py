"""Helpers of the suite's migration scripts (``<addon>/migrations/``)."""

import logging

from odoo.tools import convert_file

_logger = logging.getLogger(__name__)


def refresh_texts(env, changes):
    """Give records of our ``noupdate`` data their new texts, unless edited.

    ``changes``: ``{xmlid: {field: (old text, new text)}}``. An update keeps
    noupdate records as they are; a text still equal to the old default is
    replaced, one somebody changed is kept."""
    for xmlid, fields in changes.items():
        record = env.ref(xmlid, raise_if_not_found=False)
        if not record:
            continue
        vals = {name: new for name, (old, new) in fields.items() if record[name] == old}
        if vals:
            record.write(vals)
            _logger.info("%s: new default %s", xmlid, ", ".join(vals))


def reload_noupdate(env, module, filename):
    """Load the ``noupdate`` data file ``filename`` of ``module`` again as on
    a first install: its records get the file's values (an update keeps them
    as they are), e.g. record rules whose domains changed."""
    convert_file(env, module, filename, {}, mode="init")
    _logger.info("%s: %s loaded again", module, filename)
