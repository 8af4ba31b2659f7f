"""Forms sent at the same moment, over a real HTTP server: a double click
on *Send* and eight customers sending together (issue 16)."""

import re
import threading

import requests
from psycopg2 import IntegrityError

from odoo import http
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import FORM_TOKEN_RE, SupportPortalFormCase

CONFIRMATION_RE = re.compile(r"/my/tickets/(\d+)/confirmation$")


@tagged("post_install", "-at_install")
class TestSupportPortalFormConcurrency(SupportPortalFormCase):
    def setUp(self):
        super().setUp()
        # requests of browsers of their own, sent from threads of their own
        self.enterContext(self.allow_requests(all_requests=True))

    def _browser(self, user):
        """A browser of its own (cookie jar) logged in as ``user``, with the
        CSRF token of its session and the form token of a form it opened."""
        self.session = None  # keep the sessions of the other browsers
        self.authenticate(user.login, user.login)
        browser = requests.Session()
        browser.cookies.update(self.opener.cookies)
        page = browser.get(self.base_url() + "/my/tickets/new", timeout=30)
        self.assertEqual(page.status_code, 200, page.text[:300])
        return browser, {
            "csrf_token": http.Request.csrf_token(self),
            "form_token": FORM_TOKEN_RE.search(page.text).group(1),
        }

    def _send_all(self, posts, url="/my/tickets/create"):
        """Post every ``(browser, data)`` at once, one thread each; return
        the responses in the same order."""
        responses = [None] * len(posts)
        start = threading.Barrier(len(posts))

        def send(index, browser, data):
            start.wait(timeout=30)
            responses[index] = browser.post(
                self.base_url() + url,
                data=data,
                allow_redirects=False,
                timeout=60,
            )

        threads = [
            threading.Thread(target=send, args=(index, browser, data))
            for index, (browser, data) in enumerate(posts)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
        return responses

    def _confirmation_ids(self, responses):
        ids = []
        for response in responses:
            self.assertIsNotNone(response, "every request got an answer")
            self.assertEqual(response.status_code, 303, response.text[:300])
            match = CONFIRMATION_RE.search(response.headers["Location"])
            self.assertTrue(match, response.headers["Location"])
            ids.append(int(match.group(1)))
        return ids

    def test_double_submit_at_once(self):
        """The same form sent twice at once: one ticket, one confirmation
        email, both answers lead to its confirmation page."""
        browser, tokens = self._browser(self.owner)
        data = self._good(name="Double click SECRET-DC", **tokens)
        before = self._count()
        responses = self._send_all([(browser, data), (browser, data)])
        first, second = self._confirmation_ids(responses)
        self.assertEqual(first, second)
        self.assertEqual(self._count(), before + 1)
        ticket = self.env["support.ticket"].sudo().browse(first)
        self.assertEqual(ticket.name, "Double click SECRET-DC")
        mails = (
            self.env["mail.mail"]
            .sudo()
            .search([("model", "=", "support.ticket"), ("res_id", "=", ticket.id)])
            .filtered(lambda m: self.owner.partner_id in m.recipient_ids)
        )
        self.assertEqual(len(mails), 1, "one confirmation email")
        page = browser.get(self.base_url() + responses[1].headers["Location"])
        self.assertEqual(page.status_code, 200)
        self.assertIn(ticket.number, page.text)

    def test_eight_customers_at_once(self):
        """Eight contacts send their forms together: eight tickets, no
        error answer."""
        self.company.support_portal_open_to_all = True
        users = [self.owner, self.key_user, self.nonkey] + [
            self._portal_user(f"portal_rush_{index}", self.customer)
            for index in range(5)
        ]
        posts = []
        for index, user in enumerate(users):
            browser, tokens = self._browser(user)
            posts.append(
                (browser, self._good(name=f"Rush {index} SECRET-RUSH", **tokens))
            )
        before = self._count()
        ids = self._confirmation_ids(self._send_all(posts))
        self.assertEqual(len(set(ids)), 8)
        self.assertEqual(self._count(), before + 8)
        tickets = self.env["support.ticket"].sudo().browse(ids)
        self.assertEqual(
            sorted(tickets.mapped("partner_id").ids),
            sorted(user.partner_id.id for user in users),
        )

    def test_two_ratings_at_once(self):
        """T7: the same customer rates twice at once: one rating recorded."""
        ticket = self._ticket(
            "Rate twice SECRET-RT", self.owner, stage_id=self.stage_resolved.id
        )
        browser, tokens = self._browser(self.owner)
        data = {"rating": "5", "csrf_token": tokens["csrf_token"]}
        responses = self._send_all(
            [(browser, data), (browser, dict(data, rating="1"))],
            url=f"/my/tickets/{ticket.id}/rate",
        )
        self.assertEqual(
            sorted(response.status_code for response in responses), [303, 400]
        )
        ratings = ticket.sudo().rating_ids.filtered("consumed")
        self.assertEqual(len(ratings), 1)

    def test_rating_once_in_the_database(self):
        """The database itself refuses a second rating of the customer."""
        ticket = self._ticket(
            "Rate in db SECRET-RDB", self.owner, stage_id=self.stage_resolved.id
        )
        Rating = self.env["rating.rating"].sudo()
        values = {
            "res_model_id": self.env["ir.model"]._get_id("support.ticket"),
            "res_id": ticket.id,
            "partner_id": self.owner.partner_id.id,
            "rating": 5,
            "consumed": True,
        }
        Rating.create(values)
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(IntegrityError),
            self.env.cr.savepoint(),
        ):
            Rating.create(dict(values, rating=1))
