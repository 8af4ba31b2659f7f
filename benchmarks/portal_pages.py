#!/usr/bin/env python3
"""Benchmark of the customer's portal pages on the demo database (issue 13).

Usage: ``portal_pages.py --odoo-config FILE --database DB [--login keyuser]``
(a database with the suite and its demo data installed).

Serves the pages in this process (Odoo's WSGI application, no network) to
the demo portal user ``keyuser`` (``--login``), as Odoo's own HTTP tests do:
every request runs in one transaction, rolled back at the end, so the
database is left unchanged. Each page is requested twice (warm caches), then
``--runs`` times: the queries of one request and its median time. The ticket
page is measured on the user's busiest ticket, then again once it holds 200
public messages, files and clocks more; the list on the user's tickets, then
with 1,000 tickets. One ``RESULT`` line per figure (protocol of
``benchmarks/run_all.py``).
"""

import argparse
import statistics
import sys
import threading
import time
from datetime import timedelta
from pathlib import Path
from unittest.mock import patch

# the goals of issue 13 (warm, as a portal user)
TICKET_PAGE_MAX = 12
LIST_MAX = 15
HOME_MAX = 15
OTHER_MAX = 16  # hours, contract, statements: no goal of their own, a bound


class _Measurement:
    """What Odoo's test cursor asks of the running test: this benchmark."""

    test_cursor_lock_timeout = 60

    def assertCanOpenTestCursor(self):
        return True


class Pages:
    """The portal of one user, served by Odoo's WSGI application inside one
    transaction (the registry in test mode: every request's cursor wraps it)."""

    def __init__(self, registry, cr, login, runs):
        from werkzeug.test import Client

        import odoo.http
        import odoo.modules.module
        from odoo.api import SUPERUSER_ID, Environment
        from odoo.modules.registry import DummyRLock, Registry
        from odoo.service import security
        from odoo.tests.test_cursor import TestCursor

        self.cr, self.runs = cr, runs
        self.env = Environment(cr, SUPERUSER_ID, {})
        lock = threading.RLock()
        self._patches = [
            patch.object(
                registry, "cursor", lambda readonly=False: TestCursor(cr, lock, False)
            ),
            patch.object(Registry, "_lock", DummyRLock()),
            patch.object(registry, "setup_signaling", return_value=None),
            patch.object(registry, "check_signaling", return_value=registry),
            patch.object(odoo.modules.module, "current_test", _Measurement()),
        ]
        for one in self._patches:
            one.start()
        self.user = self.env["res.users"].search([("login", "=", login)], limit=1)
        if not self.user:
            sys.exit(f"no user with login {login!r} in the database")
        store = odoo.http.root.session_store
        session = store.new()
        session.update(
            odoo.http.get_default_session(), db=cr.dbname, _trace_disable=True
        )
        session.uid, session.login = self.user.id, login
        user_env = Environment(cr, self.user.id, {})
        session.session_token = security.compute_session_token(session, user_env)
        session.context = dict(user_env["res.users"].context_get())
        store.save(session)
        self.client = Client(odoo.http.root, use_cookies=False)
        self.headers = {"Cookie": f"session_id={session.sid}"}

    def stop(self):
        for one in reversed(self._patches):
            one.stop()

    def _get(self, url):
        self.env.flush_all()
        start = self.cr.sql_log_count
        response = self.client.get(url, headers=self.headers)
        if response.status_code != 200:
            where = response.headers.get("Location", "")
            sys.exit(f"{url}: HTTP {response.status_code} {where}")
        return self.cr.sql_log_count - start

    def measure(self, url):
        """``(queries, median ms)`` of ``url``, warm."""
        for _warmup in range(2):
            self._get(url)
        counts, times = [], []
        for _run in range(self.runs):
            start = time.perf_counter()
            counts.append(self._get(url))
            times.append((time.perf_counter() - start) * 1000)
        return max(counts), statistics.median(times)


def busiest_ticket(env, user):
    tickets = env["support.ticket"].with_user(user).search([])
    if not tickets:
        sys.exit(f"{user.login} sees no ticket")
    return max(tickets.sudo(), key=lambda t: len(t._portal_messages()))


def grow_ticket(env, ticket, count, first=0):
    """``count`` public messages (one in ten with a file) and met clocks
    (each paused once) more on ``ticket``, numbered from ``first``."""
    from odoo import fields
    from odoo.fields import Command

    now = fields.Datetime.now()
    files = env["ir.attachment"].create(
        [
            {
                "name": f"bench{first + i}.txt",
                "raw": b"x",
                "res_model": ticket._name,
                "res_id": ticket.id,
            }
            for i in range(0, count, 10)
        ]
    )
    comment = env.ref("mail.mt_comment")
    env["mail.message"].create(
        [
            {
                "model": ticket._name,
                "res_id": ticket.id,
                "message_type": "comment",
                "subtype_id": comment.id,
                "author_id": ticket.partner_id.id,
                "body": f"<p>Benchmark message {first + i}</p>",
                "attachment_ids": [Command.set(files[i // 10].ids)]
                if i % 10 == 0
                else [],
            }
            for i in range(count)
        ]
    )
    clocks = env["support.ticket.sla"].create(
        [
            {
                "ticket_id": ticket.id,
                "company_id": ticket.company_id.id,
                "contract_id": ticket.contract_id.id,
                "name": f"Benchmark clock {first + i}",
                "target_type": "resolution",
                "cycle": 100 + first + i,
                "target_minutes": 240,
                "date_start": now - timedelta(hours=3),
                "date_reached": now - timedelta(hours=1),
                "state": "met",
            }
            for i in range(count)
        ]
    )
    env["support.ticket.sla.pause"].create(
        [
            {
                "sla_id": clock.id,
                "date_start": now - timedelta(hours=2),
                "date_end": now - timedelta(hours=1, minutes=30),
            }
            for clock in clocks
        ]
    )
    env.flush_all()


def grow_tickets(env, user, total=1000):
    """Tickets of the user's company up to ``total`` visible ones."""
    Ticket = env["support.ticket"].with_context(
        tracking_disable=True, mail_create_nolog=True, mail_notrack=True
    )
    missing = total - Ticket.with_user(user).search_count([])
    types = env["support.ticket.type"].search([])
    Ticket.create(
        [
            {
                "name": f"Benchmark ticket {i}",
                "partner_id": user.partner_id.id,
                "impact": ("system", "multiple", "single")[i % 3],
                "urgency": ("high", "medium", "low")[i % 3],
                "channel": "portal",
                "type_id": types[i % len(types)].id if types else False,
            }
            for i in range(max(missing, 0))
        ]
    )
    env.flush_all()


def result(figure, measured, goal, ok):
    print(f"RESULT\t{figure}\t{measured}\t{goal}\t{'ok' if ok else 'FAIL'}", flush=True)


def run(pages, env):
    ticket = busiest_ticket(env, pages.user)
    ticket_url = f"/my/tickets/{ticket.id}"
    list_url = "/my/tickets?filterby=all"
    for url, name, limit in (
        ("/my/support", "portal support home", HOME_MAX),
        ("/my/support/hours", "portal hours page", OTHER_MAX),
        ("/my/support/contract", "portal contract page", OTHER_MAX),
        ("/my/support/statements", "portal statements list", OTHER_MAX),
    ):
        queries, ms = pages.measure(url)
        result(
            f"{name}, warm",
            f"{queries} queries, {ms:.0f} ms",
            f"<= {limit} queries",
            queries <= limit,
        )
    list_small = pages.measure(list_url)
    grow_tickets(env, pages.user)
    compare(
        "portal ticket list, warm (the demo's tickets / 1,000)",
        list_small,
        pages.measure(list_url),
        LIST_MAX,
    )
    grow_ticket(env, ticket, 1)
    page_small = pages.measure(ticket_url)
    grow_ticket(env, ticket, 199, first=1)
    compare(
        "portal ticket page, warm (1 / 200 messages, clocks, files more)",
        page_small,
        pages.measure(ticket_url),
        TICKET_PAGE_MAX,
    )


def compare(figure, small, big, limit):
    (q_small, ms_small), (q_big, ms_big) = small, big
    result(
        figure,
        f"{q_small} / {q_big} queries, {ms_small:.0f} / {ms_big:.0f} ms",
        f"<= {limit} queries, the same",
        q_small == q_big and q_big <= limit,
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--odoo-config", required=True)
    parser.add_argument("--database", required=True)
    parser.add_argument("--login", default="keyuser")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    import odoo
    from odoo.modules.registry import Registry
    from odoo.tools import config

    config.parse_config(["-c", args.odoo_config, "-d", args.database])
    odoo.tools.config["test_enable"] = False
    registry = Registry(args.database)
    cr = registry.cursor()
    pages = Pages(registry, cr, args.login, args.runs)
    try:
        run(pages, pages.env)
    finally:
        pages.stop()
        cr.rollback()
        cr.close()


if __name__ == "__main__":
    main()
