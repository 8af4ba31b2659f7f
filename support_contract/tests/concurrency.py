"""Two workers at once, each with its own database cursor and transaction.

These tests commit (a worker's transaction is real): each class creates its
data in ``setUpClass`` with a committed cursor and removes it, and everything
the workers created, in its class cleanup."""

import threading
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager

from odoo import SUPERUSER_ID, api
from odoo.modules.registry import Registry
from odoo.tests.common import BaseCase, get_db_name
from odoo.tools import SQL

WAIT = 10  # seconds a worker waits for the other one before giving up


class TwoWorkersCase(BaseCase):
    # models whose records created during the class are removed at its end
    _created_models = ()

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.registry = Registry(get_db_name())
        with cls._committed_env() as env:
            cls.max_ids = cls._max_ids(env, cls._created_models)
        cls.addClassCleanup(cls._remove_created)

    @classmethod
    def _remove_created(cls):
        """Remove the records of ``_created_models`` created since the class
        began, newest model first."""
        with cls._committed_env() as env:
            for model in reversed(cls._created_models):
                env[model].search([("id", ">", cls.max_ids[model])]).unlink()

    @classmethod
    @contextmanager
    def _committed_env(cls):
        """A superuser environment on a new cursor, committed at the end."""
        with cls.registry.cursor() as cr:
            yield api.Environment(cr, SUPERUSER_ID, {})

    @classmethod
    def _max_ids(cls, env, models):
        """The highest id of each model, to remove what a test created."""
        result = {}
        for model in models:
            env.cr.execute(
                SQL(
                    "SELECT COALESCE(MAX(id), 0) FROM %s",
                    SQL.identifier(env[model]._table),
                )
            )
            result[model] = env.cr.fetchone()[0]
        return result

    def _two_workers(self, work, stale_snapshot=False):
        """Run ``work(env)`` in two threads, each in its own transaction.

        The second worker's transaction (and snapshot) begins before the first
        one works. Without ``stale_snapshot``, it works while the first one
        still holds its transaction open (its locks, its uncommitted rows);
        with it, it works after the first one committed, on its older
        snapshot. Returns the two results; a worker's exception is raised."""
        first_worked = threading.Event()
        first_committed = threading.Event()
        second_done = threading.Event()
        second_began = threading.Event()

        def first():
            try:
                second_began.wait(WAIT)
                with self._committed_env() as env:
                    result = work(env)
                    first_worked.set()
                    if not stale_snapshot:
                        second_done.wait(WAIT)
                return result
            finally:
                first_worked.set()
                first_committed.set()

        def second():
            try:
                with self._committed_env() as env:
                    env.cr.execute("SELECT 1")  # the snapshot is taken here
                    second_began.set()
                    first_worked.wait(WAIT)
                    if stale_snapshot:
                        first_committed.wait(WAIT)
                    return work(env)
            finally:
                second_began.set()
                second_done.set()

        with ThreadPoolExecutor(max_workers=2) as executor:
            futures = [executor.submit(first), executor.submit(second)]
            return [future.result(timeout=3 * WAIT) for future in futures]
