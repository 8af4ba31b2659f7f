"""Issue 11, the doors: Odoo's own mail routes and RPC follow the ticket's
rules. Each door is tried over HTTP as each caller (the key user, a portal
user of another customer, a public visitor with or without the ticket's
token): a refusal carries the right error and changes nothing."""

import base64
import json

from odoo.http import Request
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from odoo.addons.mail.tests.common import mail_new_test_user

from .common import SupportTicketCommon

LIMITS = ({"pdf", "txt", "png"}, 2048, 2)
HTML = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"


@tagged("post_install", "-at_install")
class TestTicketDoors(HttpCase, SupportTicketCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.portal_key = mail_new_test_user(
            cls.env, login="t_door_key", groups="base.group_portal",
            partner_id=cls.contact.id,
        )  # fmt: skip
        cls.portal_other = mail_new_test_user(
            cls.env, login="t_door_other", groups="base.group_portal",
            partner_id=cls.other_contact.id,
        )  # fmt: skip
        cls.open_ticket = cls._ticket(name="door open")
        cls.closed_ticket = cls._ticket(name="door closed")
        cls.closed_ticket.sudo().stage_id = cls.stage_closed
        cls.closed_ticket._portal_ensure_token()
        cls.open_ticket._portal_ensure_token()

    def setUp(self):
        super().setUp()
        # small limits, the same for every door (support_portal makes them
        # settings of the company)
        self.patch(
            type(self.env["res.company"]), "_support_upload_limits", lambda s: LIMITS
        )

    # ------------------------------------------------------------ helpers
    def _login(self, user):
        if user:
            self.authenticate(user.login, user.login)
        else:
            self.authenticate(None, None)

    def _jsonrpc(self, route, params):
        with mute_logger("odoo.http"):
            response = self.url_open(
                route,
                data=json.dumps({"jsonrpc": "2.0", "method": "call", "params": params}),
                headers={"Content-Type": "application/json"},
            )
        return response.json()

    def _post(self, ticket, token=None, **post_data):
        params = {
            "thread_model": "support.ticket",
            "thread_id": ticket.id,
            "post_data": {"body": "Any news?", "message_type": "comment", **post_data},
        }
        if token:
            params["token"] = token
        return self._jsonrpc("/mail/message/post", params)

    def _upload(self, ticket, name, content, token=None, pending=True):
        data = {
            "csrf_token": Request.csrf_token(self),
            "thread_id": ticket.id,
            "thread_model": "support.ticket",
            "is_pending": pending,
        }
        if token:
            data["token"] = token
        with mute_logger("odoo.http"):
            return self.url_open(
                "/mail/attachment/upload", data=data, files={"ufile": (name, content)}
            )

    def _counts(self, ticket):
        Attachment = self.env["ir.attachment"].sudo()
        return (
            self.env["mail.message"]
            .sudo()
            .search_count(
                [("model", "=", "support.ticket"), ("res_id", "=", ticket.id)]
            ),
            Attachment.search_count(
                [("res_model", "in", ("support.ticket", "mail.compose.message"))]
            ),
        )

    def _customers(self, ticket):
        """``(caller, token)`` of the customers who may open ``ticket``, each
        logged in (or not) when its turn comes."""
        self._login(self.portal_key)
        yield "key user", None
        self._login(None)
        yield "public with the ticket's token", ticket.access_token

    def assertRpcError(self, result, pattern):
        self.assertIn("error", result, result)
        self.assertRegex(result["error"]["data"]["message"], pattern)

    # ------------------------------------------------------------ closed ticket
    def test_closed_ticket_refuses_customer_messages_at_every_door(self):
        before = self._counts(self.closed_ticket)
        for caller, tok in self._customers(self.closed_ticket):
            with self.subTest(caller=caller):
                self.assertRpcError(self._post(self.closed_ticket, tok), "is closed")
                # a rating, or a message presented as a note, is no way round
                self.assertRpcError(
                    self._post(self.closed_ticket, tok, rating_value=5), "is closed"
                )
                self.assertRpcError(
                    self._post(self.closed_ticket, tok, subtype_xmlid="mail.mt_note"),
                    "is closed",
                )
        self._login(self.portal_key)
        result = self._jsonrpc(
            "/web/dataset/call_kw/support.ticket/message_post",
            {
                "model": "support.ticket",
                "method": "message_post",
                "args": [[self.closed_ticket.id]],
                "kwargs": {"body": "Over RPC", "message_type": "comment"},
            },
        )
        self.assertRpcError(result, "is closed")
        self.assertEqual(self._counts(self.closed_ticket), before)

    def test_strangers_cannot_post_and_the_key_user_can(self):
        before = self._counts(self.open_ticket)
        for caller, user in (
            ("other customer's portal user", self.portal_other),
            ("public without token", None),
        ):
            with self.subTest(caller=caller):
                self._login(user)
                self.assertRpcError(self._post(self.open_ticket), "NotFound|not found")
        self._login(self.portal_other)
        self.assertRpcError(
            self._post(self.open_ticket, token="wrong-token"), "NotFound|not found"
        )
        self.assertEqual(self._counts(self.open_ticket), before)
        self._login(self.portal_key)
        result = self._post(self.open_ticket)
        self.assertNotIn("error", result, result)
        self.assertEqual(self._counts(self.open_ticket)[0], before[0] + 1)

    # ------------------------------------------------------------ uploads
    def test_upload_route_refuses_what_the_portal_form_refuses(self):
        before = self._counts(self.open_ticket)
        for caller, tok in self._customers(self.open_ticket):
            with self.subTest(caller=caller):
                for name, content, status, pattern in (
                    ("setup.exe", b"MZ\x90\x00", 200, "type of file"),
                    ("page.png", HTML, 200, "web page, script or program"),
                    ("big.txt", b"x" * 4096, 413, "too large"),
                ):
                    response = self._upload(self.open_ticket, name, content, tok)
                    self.assertEqual(response.status_code, status, name)
                    self.assertRegex(response.json()["error"], pattern)
        self._login(self.portal_other)
        response = self._upload(self.open_ticket, "notes.txt", b"hello")
        self.assertEqual(response.status_code, 404)
        self.assertEqual(self._counts(self.open_ticket), before)
        self._login(self.portal_key)
        response = self._upload(self.open_ticket, "notes.txt", b"hello")
        self.assertTrue(response.json()["data"]["attachment_id"])

    def test_message_post_refuses_too_many_or_bad_attachments(self):
        self._login(self.portal_key)
        uploads = [
            self._upload(self.open_ticket, f"n{i}.txt", b"hello").json()["data"]
            for i in range(3)
        ]
        ids = [data["attachment_id"] for data in uploads]
        tokens = [
            data["store_data"]["ir.attachment"][0]["ownership_token"]
            for data in uploads
        ]
        before = self._counts(self.open_ticket)
        result = self._post(
            self.open_ticket, attachment_ids=ids, attachment_tokens=tokens
        )
        self.assertRpcError(result, "At most 2 files")
        # a file created over RPC on the ticket obeys the same table
        result = self._jsonrpc(
            "/web/dataset/call_kw/ir.attachment/create",
            {
                "model": "ir.attachment",
                "method": "create",
                "args": [
                    {
                        "name": "setup.exe",
                        "datas": base64.b64encode(b"MZ\x90\x00").decode(),
                        "res_model": "support.ticket",
                        "res_id": self.open_ticket.id,
                    }
                ],
                "kwargs": {},
            },
        )
        self.assertIn("error", result)
        self.assertEqual(self._counts(self.open_ticket), before)
        result = self._post(
            self.open_ticket, attachment_ids=ids[:2], attachment_tokens=tokens[:2]
        )
        self.assertNotIn("error", result, result)
        self.assertEqual(len(self.open_ticket.message_ids[0].attachment_ids), 2)

    def test_portal_reply_with_a_program_is_refused_by_the_model(self):
        ticket = self.open_ticket.with_user(self.portal_key)
        before = self._counts(self.open_ticket)
        with self.assertRefused(Exception, "type of file"):
            ticket.sudo().message_post(
                body="see attached",
                message_type="comment",
                attachments=[("setup.exe", b"MZ\x90\x00")],
            )
        self.assertEqual(self._counts(self.open_ticket), before)
